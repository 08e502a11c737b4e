// Cyclic AQS loop: triangular strain path in steps, event counting, stroboscopic MSD and period detection.
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"

#include <cmath>
#include <deque>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

double stroboscopic_msd(const std::vector<Vec3>& a, const std::vector<Vec3>& b) {
  if (a.size() != b.size() || a.empty()) throw Error("stroboscopic_msd: position sets differ in size or are empty");
  const double n = static_cast<double>(a.size());
  Vec3 com{};
  for (std::size_t i = 0; i < a.size(); ++i) com += b[i] - a[i];
  com = com * (1.0 / n);
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += norm2(b[i] - a[i] - com);
  return sum / n;
}

double loop_work(const std::vector<AqsPoint>& curve, std::size_t first, std::size_t last, double volume, std::size_t n) {
  if (last >= curve.size() || first > last || n == 0) throw Error("loop_work: bad curve range or particle count");
  double w = 0;
  for (std::size_t k = first + 1; k <= last; ++k)
    w += 0.5 * (curve[k].stress_xy + curve[k - 1].stress_xy) * (curve[k].gamma - curve[k - 1].gamma);
  return w * volume / static_cast<double>(n);
}

namespace {

std::vector<Vec3> unwrapped(const System& s) {
  const Particles& p = s.cfg.particles;
  std::vector<Vec3> u(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) u[i] = s.cfg.box.unwrap(p.position[i], p.image[i]);
  return u;
}

}  // namespace

CyclicAqsResult run_cyclic_aqs(System& s, const CyclicAqsOptions& opt, const CyclicAqsMonitor& monitor) {
  if (!(opt.dgamma > 0)) throw Error(fmt::format("cyclic_aqs: dgamma must be positive, got {}", opt.dgamma));
  const auto quarter = static_cast<std::int64_t>(std::llround(opt.amplitude / opt.dgamma));
  if (quarter < 1 || std::abs(static_cast<double>(quarter) * opt.dgamma - opt.amplitude) > 1e-9 * opt.amplitude)
    throw Error(fmt::format("cyclic_aqs: amplitude ({}) must be a positive whole number of steps dgamma ({})",
                            opt.amplitude, opt.dgamma));
  if (opt.cycles < 1) throw Error("cyclic_aqs: cycles must be >= 1");
  if (!(opt.drop_threshold > 0)) throw Error("cyclic_aqs: drop_threshold must be positive");
  if (!(opt.absorbing_msd > 0)) throw Error("cyclic_aqs: absorbing_msd must be positive");
  if (opt.max_period < 1) throw Error("cyclic_aqs: max_period must be >= 1");

  CyclicAqsResult res;
  std::int64_t iterations = 0;
  auto relax = [&]() -> AqsPoint {
    s.need_energy_virial = false;  // neither minimiser reads energy or virial
    const MinimizeResult m = minimize(s, opt.minimize);
    iterations += m.iterations;
    if (!m.converged) res.converged = false;
    res.worst_fmax = std::max(res.worst_fmax, m.fmax);
    s.need_energy_virial = true;
    s.compute_forces();
    return {s.cfg.box.strain_xy(), shear_stress(s), s.last.energy / static_cast<double>(s.size()), false, m.iterations,
            m.force_evaluations + 1};
  };

  res.curve.push_back(relax());
  res.start_pe_per_particle = res.curve[0].pe_per_particle;
  const double gamma0 = s.cfg.box.strain_xy();
  const std::vector<Vec3> start = unwrapped(s);
  std::deque<std::vector<Vec3>> strobes{start};  // most recent first, at most max_period
  double prev_stress = res.curve[0].stress_xy;
  for (std::int64_t c = 1; c <= opt.cycles; ++c) {
    CyclicAqsCycle cy;
    cy.max_stress = -1e300;
    cy.min_stress = 1e300;
    iterations = 0;
    const std::size_t first = res.curve.size() - 1;  // the previous stroboscopic point closes this loop's start
    for (std::int64_t j = 1; j <= 4 * quarter; ++j) {
      // Phase in steps: up to +quarter, down to −quarter, back up to 0; targets from integers (no drift).
      const std::int64_t phase = j <= quarter ? j : (j <= 3 * quarter ? 2 * quarter - j : j - 4 * quarter);
      const double direction = (j <= quarter || j > 3 * quarter) ? 1.0 : -1.0;
      affine_shear(s, gamma0 + static_cast<double>(phase) * opt.dgamma - s.cfg.box.strain_xy());
      AqsPoint pt = relax();
      pt.event = direction * (prev_stress - pt.stress_xy) > opt.drop_threshold;
      if (pt.event) ++cy.events;
      prev_stress = pt.stress_xy;
      cy.max_stress = std::max(cy.max_stress, pt.stress_xy);
      cy.min_stress = std::min(cy.min_stress, pt.stress_xy);
      if (j == quarter) cy.stress_at_amplitude = pt.stress_xy;
      res.curve.push_back(pt);
    }
    const AqsPoint& end = res.curve.back();
    cy.pe_per_particle = end.pe_per_particle;
    cy.stress_xy = end.stress_xy;
    cy.iterations = iterations;
    cy.work = loop_work(res.curve, first, res.curve.size() - 1, s.volume(), s.size());
    std::vector<Vec3> now = unwrapped(s);
    cy.msd = stroboscopic_msd(strobes.front(), now);
    cy.msd_from_start = stroboscopic_msd(start, now);
    for (std::size_t lag = 0; lag < strobes.size() && cy.period == 0; ++lag)
      if ((lag == 0 ? cy.msd : stroboscopic_msd(strobes[lag], now)) < opt.absorbing_msd)
        cy.period = static_cast<std::int64_t>(lag + 1);
    strobes.push_front(std::move(now));
    if (static_cast<std::int64_t>(strobes.size()) > opt.max_period) strobes.pop_back();
    res.cycles.push_back(cy);
    if (monitor && !monitor(res.cycles.back(), c)) break;
  }
  res.absorbed_at = 0;
  for (std::size_t k = res.cycles.size(); k-- > 0 && res.cycles[k].period > 0;)
    res.absorbed_at = static_cast<std::int64_t>(k + 1);
  return res;
}

}  // namespace vitrum
