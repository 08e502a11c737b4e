// Polak–Ribière conjugate gradient with a derivative-based (secant) line search.
#include <cmath>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {

// Near an inherent structure energy differences drown in round-off long before |F| reaches 1e-10,
// so the line search works on the slope φ'(a) = −F(x + a h)·h alone (like LAMMPS's "quadratic"
// line search): bracket the sign change, then secant steps until |φ'| < 0.1 |φ'(0)|.
// Directions: PR+ (β = max(0, F'·(F' − F)/F·F)), restarted along F when not descending.
MinimizeResult minimize_cg(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor) {
  constexpr int kMaxLineSteps = 20;
  Particles& p = s.cfg.particles;
  const std::size_t n = p.size();
  MinimizeResult r{.method = "cg"};
  s.compute_forces();
  r.force_evaluations = 1;
  r.fmax = max_force(p);
  std::vector<Vec3> h(p.force), f_old(n), x0(n);
  std::vector<Int3> image0(n);  // a list rebuild inside the line search wraps positions: restore both together
  double last_step = 0;
  for (r.iterations = 0; r.iterations < opt.max_iterations && r.fmax >= opt.ftol; ++r.iterations) {
    double slope0 = sum_dot(p.force, h);  // = −φ'(0) > 0 for a descent direction
    if (slope0 <= 0) {
      h = p.force;
      slope0 = sum_dot(p.force, h);
    }
    const double hmax = max_norm(h);
    const double a_cap = opt.max_step / hmax;
    double a_lo = 0, s_lo = slope0, a_hi = -1, s_hi = 0;
    double a = last_step > 0 ? std::min(last_step, a_cap) : std::min(a_cap, 1e-3 / hmax + 0.01 * a_cap);
    x0 = p.position;
    image0 = p.image;
    f_old = p.force;
    double slope = slope0;
    for (int k = 0; k < kMaxLineSteps; ++k) {
      for (std::size_t i = 0; i < n; ++i) p.position[i] = x0[i] + h[i] * a;
      p.image = image0;
      s.compute_forces();
      ++r.force_evaluations;
      slope = sum_dot(p.force, h);
      if (std::abs(slope) < 0.1 * slope0) break;
      if (slope > 0) {  // still downhill: raise the lower end; without a bracket, double the step
        a_lo = a;
        s_lo = slope;
        if (a_hi < 0) {
          if (a >= a_cap) break;  // the largest allowed step: take it
          a = std::min(2 * a, a_cap);
          continue;
        }
      } else {
        a_hi = a;
        s_hi = slope;
      }
      a = a_lo + (a_hi - a_lo) * s_lo / (s_lo - s_hi);  // secant on the slope inside the bracket
    }
    last_step = a;
    r.fmax = max_force(p);
    if (monitor) monitor(r.iterations, r.fmax);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < n; ++i) {
      num += dot(p.force[i], p.force[i] - f_old[i]);
      den += norm2(f_old[i]);
    }
    const double beta = den > 0 ? std::max(0.0, num / den) : 0.0;
    for (std::size_t i = 0; i < n; ++i) h[i] = p.force[i] + h[i] * beta;
  }
  r.energy = s.last.energy;
  r.converged = r.fmax < opt.ftol;
  return r;
}

}  // namespace vitrum
