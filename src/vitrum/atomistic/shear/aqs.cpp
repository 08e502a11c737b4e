// AQS loop: affine step, tilt flip, minimisation, stress-drop detection and bisection of each event.
#include "vitrum/atomistic/shear/aqs.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

double shear_stress(const System& s) { return -s.last.virial[3] / s.volume(); }

int affine_shear(System& s, double dgamma) {
  Box& box = s.cfg.box;
  Particles& p = s.cfg.particles;
  const double ylo = box.lo().y;
  box.shear_xy(dgamma);
  for (auto& r : p.position) r.x += dgamma * (r.y - ylo);
  const int n = box.flip_tilt();
  if (n != 0) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      p.image[i][0] += n * p.image[i][1];
      box.wrap(p.position[i], p.image[i]);
    }
    s.list.build(p, box);
  }
  return n;
}

namespace {

struct State {
  Configuration cfg;
  double stress = 0, energy = 0;  // energy per particle
};

struct Counts {
  std::int64_t iterations = 0, force_evaluations = 0;
};

// Minimise (forces only: neither minimiser reads the energy or the virial), then evaluate energy and
// virial once at the minimum.
State relax(System& s, const AqsOptions& opt, AqsResult& res, Counts& counts) {
  s.need_energy_virial = false;
  const MinimizeResult m = minimize(s, opt.minimize);
  counts.iterations += m.iterations;
  counts.force_evaluations += m.force_evaluations + 1;
  if (!m.converged) res.converged = false;
  res.worst_fmax = std::max(res.worst_fmax, m.fmax);
  s.need_energy_virial = true;
  s.compute_forces();
  return {s.cfg, shear_stress(s), s.last.energy / static_cast<double>(s.size())};
}

void restore(System& s, const Configuration& c) {
  s.cfg = c;
  s.list.build(s.cfg.particles, s.cfg.box);
  s.compute_forces();
}

}  // namespace

AqsResult run_aqs(System& s, const AqsOptions& opt, const AqsMonitor& monitor) {
  if (!(opt.dgamma > 0)) throw Error(fmt::format("aqs: dgamma must be positive, got {}", opt.dgamma));
  if (!(opt.gamma_max >= opt.dgamma)) throw Error(fmt::format("aqs: gamma_max ({}) must be >= dgamma ({})", opt.gamma_max, opt.dgamma));
  if (!(opt.drop_threshold > 0)) throw Error("aqs: drop_threshold must be positive");
  if (opt.refine && !(opt.min_dgamma > 0 && opt.min_dgamma < opt.dgamma))
    throw Error(fmt::format("aqs: min_dgamma must be in (0, dgamma), got {}", opt.min_dgamma));
  AqsResult res;
  Counts it;
  State prev = relax(s, opt, res, it);
  res.curve.push_back({s.cfg.box.strain_xy(), prev.stress, prev.energy, false, it.iterations, it.force_evaluations});
  res.start = prev.cfg;
  const double gamma0 = s.cfg.box.strain_xy();
  const auto steps = static_cast<std::size_t>(std::llround(opt.gamma_max / opt.dgamma));
  const auto wall0 = std::chrono::steady_clock::now();
  const std::clock_t cpu0 = std::clock();
  const bool go = !monitor || monitor(res.curve.back(), 0);
  for (std::size_t k = 1; go && k <= steps; ++k) {
    it = {};
    const double target = gamma0 + static_cast<double>(k) * opt.dgamma;
    affine_shear(s, target - s.cfg.box.strain_xy());
    State cur = relax(s, opt, res, it);
    bool event = prev.stress - cur.stress > opt.drop_threshold;
    if (event) {
      AqsEvent e{prev.cfg.box.strain_xy(), target, prev.stress - cur.stress, prev.energy - cur.energy};
      if (opt.refine) {
        // Invariant: `lo` is stable (no drop from prev), the drop happens at or before `hi`.
        State lo = prev, hi = cur;
        double g_lo = lo.cfg.box.strain_xy(), g_hi = target;
        while (g_hi - g_lo > opt.min_dgamma) {
          const double mid = 0.5 * (g_lo + g_hi);
          restore(s, lo.cfg);
          affine_shear(s, mid - g_lo);
          State m = relax(s, opt, res, it);
          if (lo.stress - m.stress > opt.drop_threshold) { hi = std::move(m); g_hi = mid; }
          else { lo = std::move(m); g_lo = mid; }
        }
        e = {g_lo, g_hi, lo.stress - hi.stress, lo.energy - hi.energy};
        // Continue from the post-event state to the step's end strain.
        restore(s, hi.cfg);
        if (target - g_hi > 0) {
          affine_shear(s, target - g_hi);
          cur = relax(s, opt, res, it);
        } else {
          cur = hi;
        }
      }
      res.events.push_back(e);
    }
    res.curve.push_back({s.cfg.box.strain_xy(), cur.stress, cur.energy, event, it.iterations, it.force_evaluations});
    prev = std::move(cur);
    if (monitor && !monitor(res.curve.back(), k)) break;
  }
  res.loop_wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  res.loop_cpu_seconds = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  return res;
}

}  // namespace vitrum
