// Shear fatigue: cyclic AQS at one amplitude until the glass fails by a shear band, reaches a limit cycle, or runs out of cycles.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vitrum/atomistic/shear/band.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// The failure rule (docs/stages.md, `fatigue`). After every cycle c the stroboscopic state (γ back at its start) is
// compared with the one before (the minimised start for c = 1):
//   band(c):   D²min over the cycle (from the previous stroboscopic state, cutoff d2min_cutoff), binned in slabs, is
//              localised: detect_band's localization index >= band.threshold and the run of high slabs spans at most
//              half the box, in a cycle that changed the state (MSD >= absorbing_msd). Per cycle, not from the
//              start: a band that wanders (Parmar et al.) would smear the accumulated D²min over a small box;
//   rise(c):   the stroboscopic energy has risen above the lowest one so far (start included) by at least
//              energy_rise × e_el, e_el = ½ γ_max (σ(γ_max) − σ(0)) V/N in the first cycle (the elastic energy per
//              particle of the loop's first quarter, ½ G γ_max² V/N: a scale in the model's own units, so the rule reads
//              the same in LJ and metal units; not E(γ_max) − E(0), which a residual stress of the start can make < 0).
// The glass has failed at the first c with band(c) and rise(c): a band carries the strain and has rejuvenated the
// glass inside it (Parmar, Kumar & Sastry, PRX 9, 021018 (2019); Yeh et al., PRL 124, 225502 (2020)). Localisation
// alone is not failure (a few soft spots flipping back and forth are localised but tiny); a rise alone is not a band.
// A cycle whose stroboscopic state repeats one of the max_period before it (MSD < absorbing_msd) is a limit cycle:
// athermal quasistatic driving is deterministic, so the glass would repeat it for ever and never fail.
struct FatigueOptions {
  CyclicAqsOptions cyclic;        // amplitude, dgamma, cycles (= max_cycles), minimiser, drop_threshold, absorbing_msd
  double d2min_cutoff = 2.5;      // [length] neighbour shell of D²min (Falk & Langer's 2.5 σ; ~ 2 first shells in metal)
  BandOptions band;               // slab_width [length], threshold (localization index)
  double energy_rise = 0.25;      // failure needs this many e_el of stroboscopic energy rise over the lowest so far
  bool stop_at_failure = true;
  bool stop_at_limit_cycle = true;
};

struct FatigueCycle {
  CyclicAqsCycle strobe;          // stroboscopic energy, σ_xy, events, MSD (previous, start), period, σ range, work
  double stress_amplitude = 0;    // (max σ_xy − min σ_xy)/2 over the cycle
  double energy_rise = 0;         // stroboscopic energy − lowest stroboscopic energy before (start included)
  double d2min_mean = 0;          // mean D²min over the cycle (finite values)
  BandResult band;                // of D²min over the cycle
  bool failed = false;            // band and rise (the rule above)
};

struct FatigueResult {
  std::vector<AqsPoint> curve;    // as CyclicAqsResult::curve
  std::vector<FatigueCycle> cycles;
  Configuration start;            // the minimised start: the reference of msd_from_start
  Configuration before_last;      // the stroboscopic state before the last cycle (the start for one cycle)
  std::vector<double> d2min;      // per particle over the last cycle (from before_last): the band map
  double start_pe_per_particle = 0;
  double elastic_energy = 0;      // e_el: ½ γ_max (σ(γ_max) − σ(0)) V/N, first cycle
  std::int64_t failed_at = 0;     // first failed cycle; 0: none
  std::int64_t band_at = 0;       // first cycle with a band (failed or not); 0: none
  std::int64_t limit_cycle_at = 0;  // first cycle whose state repeats an earlier one; 0: none
  std::string outcome;            // "failed", "limit_cycle" or "survived" (max cycles reached)
  bool converged = true;
  double worst_fmax = 0;
};

// Called after every cycle (1-based), with the system in its stroboscopic state; return false to stop.
using FatigueMonitor = std::function<bool(const FatigueCycle& cycle, std::int64_t number)>;

// Minimises the state, then runs run_cyclic_aqs with a monitor that measures each cycle as above and stops at failure
// or at a limit cycle when asked. The particle order must not change during the run (D²min compares by index).
// Throws Error on bad options.
FatigueResult run_fatigue(System& s, const FatigueOptions& opt, const FatigueMonitor& monitor = {});

}  // namespace vitrum
