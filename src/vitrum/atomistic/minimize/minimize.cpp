// Dispatch by method name, and the force norm the minimisers stop on.
#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

double max_force(const Particles& p) {
  double m = 0;
  for (const auto& f : p.force) m = std::max(m, norm2(f));
  return std::sqrt(m);
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
