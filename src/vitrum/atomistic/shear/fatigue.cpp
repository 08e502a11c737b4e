// Fatigue run: run_cyclic_aqs with a monitor that reads each cycle's D²min, band and stroboscopic energy rise.
#include "vitrum/atomistic/shear/fatigue.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/shear/d2min.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

FatigueResult run_fatigue(System& s, const FatigueOptions& opt, const FatigueMonitor& monitor) {
  if (!(opt.d2min_cutoff > 0)) throw Error(fmt::format("fatigue: d2min_cutoff must be positive, got {}", opt.d2min_cutoff));
  if (!(opt.energy_rise >= 0) || !std::isfinite(opt.energy_rise))
    throw Error(fmt::format("fatigue: energy_rise must be >= 0, got {}", opt.energy_rise));
  if (!(opt.band.threshold > 0 && opt.band.threshold < 1)) throw Error("fatigue: band threshold must be in (0, 1)");
  // The first reference of D²min and of the MSD is the minimised start, the state run_cyclic_aqs starts from (its own
  // minimisation of it then returns at once).
  s.need_energy_virial = false;
  (void)minimize(s, opt.cyclic.minimize);
  s.need_energy_virial = true;
  s.compute_forces();
  FatigueResult res;
  res.start = s.cfg;
  Configuration previous = s.cfg;
  const double start_energy = s.last.energy / static_cast<double>(s.size());
  const double start_stress = shear_stress(s);

  double lowest = start_energy;
  CyclicAqsResult cyc = run_cyclic_aqs(s, opt.cyclic, [&](const CyclicAqsCycle& c, std::int64_t number) {
    FatigueCycle f;
    f.strobe = c;
    f.stress_amplitude = 0.5 * (c.max_stress - c.min_stress);
    if (number == 1)
      res.elastic_energy = 0.5 * opt.cyclic.amplitude * (c.stress_at_amplitude - start_stress) * s.volume() /
                           static_cast<double>(s.size());
    f.energy_rise = c.pe_per_particle - lowest;
    lowest = std::min(lowest, c.pe_per_particle);
    res.d2min = d2min(previous, s.cfg, opt.d2min_cutoff);
    const std::vector<double>& d2 = res.d2min;
    double sum = 0;
    std::size_t finite = 0;
    for (double v : d2)
      if (std::isfinite(v)) {
        sum += v;
        ++finite;
      }
    f.d2min_mean = finite > 0 ? sum / static_cast<double>(finite) : 0.0;
    f.band = detect_band(previous, d2, opt.band);
    // A cycle that brought the state back (MSD below absorbing_msd) has no band, whatever its round-off D²min looks like.
    if (c.msd < opt.cyclic.absorbing_msd) f.band.detected = false;
    res.before_last = std::move(previous);
    previous = s.cfg;
    // e_el > 0 for a solid (|e_el| in case it is not); a rise must be positive even if e_el were 0.
    f.failed = f.band.detected && f.energy_rise > 0 && f.energy_rise >= opt.energy_rise * std::abs(res.elastic_energy);
    if (f.band.detected && res.band_at == 0) res.band_at = number;
    if (f.failed && res.failed_at == 0) res.failed_at = number;
    if (c.period > 0 && res.limit_cycle_at == 0) res.limit_cycle_at = number;
    res.cycles.push_back(f);
    const bool go_on = !monitor || monitor(res.cycles.back(), number);
    if (f.failed && opt.stop_at_failure) return false;
    if (c.period > 0 && opt.stop_at_limit_cycle) return false;
    return go_on;
  });
  res.curve = std::move(cyc.curve);
  res.start_pe_per_particle = cyc.start_pe_per_particle;
  res.converged = cyc.converged;
  res.worst_fmax = cyc.worst_fmax;
  res.outcome = res.failed_at > 0 ? "failed" : (res.limit_cycle_at > 0 ? "limit_cycle" : "survived");
  return res;
}

}  // namespace vitrum
