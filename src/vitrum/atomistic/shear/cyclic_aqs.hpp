// Cyclic athermal quasistatic shear 0 → γ_max → −γ_max → 0, with stroboscopic states at γ = 0 to tell absorbing from diffusive.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

struct CyclicAqsOptions {
  double dgamma = 1e-3;          // strain increment per step; amplitude must be a whole number of steps
  double amplitude = 0.0;        // γ_max (relative to the strain at the start of the run)
  std::int64_t cycles = 10;
  MinimizeOptions minimize;      // CG to max |F| < 1e-10 in the recipe stage
  double drop_threshold = 1e-3;  // |σ_xy| falling by more than this within one step (in the loading direction) is an event
  double absorbing_msd = 1e-8;   // stroboscopic MSD [length²] below this: the same state as the earlier one
  std::int64_t max_period = 4;   // a cycle's stroboscopic state is compared with this many earlier ones
};

// One cycle, read at its end (γ back to the start strain: the stroboscopic state).
struct CyclicAqsCycle {
  double pe_per_particle = 0;    // stroboscopic energy
  double stress_xy = 0;          // stroboscopic σ_xy (−P_xy, as in aqs.hpp)
  std::int64_t events = 0;       // stress drops in the loading direction during the cycle
  double msd = 0;                // mean |Δr|² from the previous stroboscopic state (unwrapped, centre of mass removed)
  double msd_from_start = 0;     // the same from the minimised start
  std::int64_t period = 0;       // smallest lag p <= max_period with MSD to the state p cycles back < absorbing_msd; 0: none
  double max_stress = 0, min_stress = 0;
  double stress_at_amplitude = 0;  // σ_xy at +γ_max (the end of the cycle's first quarter)
  std::int64_t iterations = 0;   // minimiser iterations of the cycle
  // Work done on the system per particle, ∮ σ_xy dγ · V/N by the trapezoid rule over the cycle's steps: the
  // hysteresis loop's area (0 for a reversible cycle; the stroboscopic energy change plus the energy lost in events).
  double work = 0;
};

// ∫ σ_xy dγ · volume/n along curve[first .. last] (trapezoid rule; energy per particle).
[[nodiscard]] double loop_work(const std::vector<AqsPoint>& curve, std::size_t first, std::size_t last, double volume,
                               std::size_t n);

struct CyclicAqsResult {
  std::vector<AqsPoint> curve;   // curve[0]: the minimised start; then one point per step of every cycle
  std::vector<CyclicAqsCycle> cycles;
  double start_pe_per_particle = 0;
  // First cycle from which every later stroboscopic state repeats one of the max_period before it
  // (period > 0 to the end of the run); 0 when the last cycle still moved.
  std::int64_t absorbed_at = 0;
  bool converged = true;
  double worst_fmax = 0;
};

// Mean squared displacement per particle between two unwrapped position sets, centre-of-mass shift removed.
[[nodiscard]] double stroboscopic_msd(const std::vector<Vec3>& a, const std::vector<Vec3>& b);

// Called after every cycle (1-based); return false to stop early.
using CyclicAqsMonitor = std::function<bool(const CyclicAqsCycle& cycle, std::int64_t number)>;

// Minimises the given state, then runs the cycles: 4·(amplitude/dgamma) steps each, affine step then
// minimisation (forces only; energy and virial once at each minimum). No event bisection: the event
// count per cycle is what matters here. Throws Error on bad options.
CyclicAqsResult run_cyclic_aqs(System& s, const CyclicAqsOptions& opt, const CyclicAqsMonitor& monitor = {});

}  // namespace vitrum
