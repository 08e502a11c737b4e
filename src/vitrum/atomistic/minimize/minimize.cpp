// Dispatch by method name, the force norm the minimisers stop on, and their shared vector reductions.
#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

double max_norm(const std::vector<Vec3>& v) {
  double m = 0;
  for (const auto& x : v) m = std::max(m, norm2(x));
  return std::sqrt(m);
}

double max_force(const Particles& p) { return max_norm(p.force); }

double sum_dot(const std::vector<Vec3>& a, const std::vector<Vec3>& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d += dot(a[i], b[i]);
  return d;
}

MinimizeResult minimize(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor) {
  if (!(opt.ftol > 0)) throw Error(fmt::format("minimize: ftol must be positive, got {}", opt.ftol));
  MinimizeResult r;
  if (opt.method == "fire") r = minimize_fire(s, opt, monitor);
  else if (opt.method == "cg") r = minimize_cg(s, opt, monitor);
  else if (opt.method == "lbfgs") r = minimize_lbfgs(s, opt, monitor);
  else throw Error(fmt::format("unknown minimiser '{}' (known: fire, cg, lbfgs)", opt.method));
  for (auto& v : s.cfg.particles.velocity) v = Vec3{};
  return r;
}

}  // namespace vitrum
