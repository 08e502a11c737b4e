// FIRE 2.0: Guénolé, Nöhring, Vaid, Houllé, Xie, Prakash & Bitzek, Comput. Mater. Sci. 175, 109584 (2020).
#include <cmath>

#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {

// Semi-implicit Euler with the mixing v ← (1 − α) v + α |v| F̂, delayed time-step growth, and on
// uphill motion (P = F·v ≤ 0) a half step back, v = 0 and a smaller step (Algorithm 2 of the
// paper; parameters as its Table 1). Each iteration moves no atom further than max_step.
MinimizeResult minimize_fire(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor) {
  constexpr int kDelay = 5;
  constexpr double kGrow = 1.1, kShrink = 0.5, kAlpha0 = 0.25, kAlphaShrink = 0.99;
  constexpr int kMaxUphill = 2000;
  const double dt_max = 10.0 * opt.dt, dt_min = 0.02 * opt.dt;
  Particles& p = s.cfg.particles;
  const std::size_t n = p.size();
  MinimizeResult r{.method = "fire"};
  s.compute_forces();
  r.force_evaluations = 1;
  for (auto& v : p.velocity) v = Vec3{};
  double dt = opt.dt, alpha = kAlpha0;
  int downhill = 0, uphill = 0;
  r.fmax = max_force(p);
  for (r.iterations = 0; r.iterations < opt.max_iterations && r.fmax >= opt.ftol; ++r.iterations) {
    double power = 0;
    for (std::size_t i = 0; i < n; ++i) power += dot(p.force[i], p.velocity[i]);
    if (power > 0) {
      uphill = 0;
      if (++downhill > kDelay) {
        dt = std::min(dt * kGrow, dt_max);
        alpha *= kAlphaShrink;
      }
    } else {
      downhill = 0;
      if (++uphill > kMaxUphill) break;
      if (r.iterations >= kDelay && dt * kShrink >= dt_min) dt *= kShrink;
      alpha = kAlpha0;
      for (std::size_t i = 0; i < n; ++i) {
        p.position[i] -= p.velocity[i] * (0.5 * dt);
        p.velocity[i] = Vec3{};
      }
    }
    double vnorm2 = 0, fnorm2 = 0, vmax2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      p.velocity[i] += p.force[i] * (dt / p.mass[i]);
      vnorm2 += norm2(p.velocity[i]);
      fnorm2 += norm2(p.force[i]);
    }
    const double mix = fnorm2 > 0 ? alpha * std::sqrt(vnorm2 / fnorm2) : 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      p.velocity[i] = p.velocity[i] * (1 - alpha) + p.force[i] * mix;
      vmax2 = std::max(vmax2, norm2(p.velocity[i]));
    }
    const double step = std::sqrt(vmax2) * dt > opt.max_step ? opt.max_step / std::sqrt(vmax2) : dt;
    for (std::size_t i = 0; i < n; ++i) p.position[i] += p.velocity[i] * step;
    s.compute_forces();
    ++r.force_evaluations;
    r.fmax = max_force(p);
    if (monitor) monitor(r.iterations, r.fmax);
  }
  r.energy = s.last.energy;
  r.converged = r.fmax < opt.ftol;
  return r;
}

}  // namespace vitrum
