// Athermal quasistatic (AQS) simple shear in the xy plane of the Lees–Edwards (tilted) box, with stress-drop events.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// Sign convention: σ_xy = −P_xy = −W_xy / V, with P the pressure tensor of thermo.hpp (LAMMPS pxy);
// positive shear strain of a solid gives positive σ_xy, so the shear modulus is positive.
// Only the virial enters: AQS states are minimised, velocities are zero.
struct AqsOptions {
  double dgamma = 1e-4;          // strain increment per step
  double gamma_max = 0.02;       // total strain applied (relative to the start of the run)
  MinimizeOptions minimize;      // ftol defaults to 1e-10
  double drop_threshold = 1e-3;  // σ_xy falling by more than this between two steps is an event [stress]
  bool refine = true;            // bisect the step of each event to locate the instability strain
  double min_dgamma = 1e-7;      // bisection stops when the bracket is this narrow
};

struct AqsPoint {
  double gamma = 0;              // box's unwrapped strain_xy after the step
  double stress_xy = 0;          // σ_xy (see above)
  double pe_per_particle = 0;
  bool event = false;            // a stress drop happened within this step
  std::int64_t iterations = 0;   // minimiser iterations of the step (refinement included)
  std::int64_t force_evaluations = 0;  // force evaluations of the step (refinement included)
};

struct AqsEvent {
  double gamma_before = 0;       // last strain on the stable branch (bracket low end)
  double gamma_after = 0;        // first strain after the drop (bracket high end; = step end without refinement)
  double stress_drop = 0;        // σ_before − σ_after > 0
  double energy_drop = 0;        // (E_before − E_after)/N; may be negative at coarse steps (elastic loading)
};

struct AqsResult {
  Configuration start;           // the minimised state of curve[0] (reference for D²min over the run)
  std::vector<AqsPoint> curve;   // curve[0] is the initial state (minimised as given, no strain added)
  std::vector<AqsEvent> events;
  bool converged = true;         // every minimisation reached ftol
  double worst_fmax = 0;
  double loop_wall_seconds = 0;  // the strain steps only (after the initial minimisation): for steps/s
  double loop_cpu_seconds = 0;   // process CPU time of the same (meaningful on a shared machine)
};

// Shear stress of the last force evaluation, σ_xy = −W_xy/V.
[[nodiscard]] double shear_stress(const System& s);

// Affine step: box.shear_xy(dgamma) and x += dgamma·(y − ylo) for every (wrapped) particle, which maps
// unwrapped positions affinely too. Then, if |xy| > Lx/2, flips the tilt by n·Lx, sets ix += n·iy (the
// unwrapped positions stay the same), re-wraps and rebuilds the neighbour list. Returns n.
int affine_shear(System& s, double dgamma);

// Called with step 0 once the start state is minimised, then after every step (not for bisection sub-steps);
// return false to stop early.
using AqsMonitor = std::function<bool(const AqsPoint& point, std::size_t step)>;

// Minimises the given state, then strains it in steps of opt.dgamma up to opt.gamma_max, minimising
// after each; a drop σ_prev − σ > drop_threshold is an event. With refine, the step is redone from
// the previous state with half-steps until the bracket is below min_dgamma; the run then continues
// from the post-event state to the step's end strain.
AqsResult run_aqs(System& s, const AqsOptions& opt, const AqsMonitor& monitor = {});

}  // namespace vitrum
