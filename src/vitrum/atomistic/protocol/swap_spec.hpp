// Recipe settings shared by the swap Monte Carlo stages: `swap`, `swap_anneal`, `parallel_tempering` and `hybrid` (MD alternating with swap sweeps).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/mc/semi_grand.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {

struct SwapSpec {
  std::vector<double> temperatures;   // swap and hybrid: one; swap_anneal: the ladder, in order;
                                      // parallel_tempering: the ladder, strictly increasing
  std::int64_t sweeps = 0;            // MC sweeps (N attempted moves each) per temperature
  std::int64_t equilibrate = 0;       // leading sweeps (hybrid: MD steps) with an adaptive step and no samples
  std::int64_t exchange_every = 10;   // parallel_tempering: sweeps between replica-exchange rounds
  double p_swap = 0.2;                // probability that a move is a swap (Ninarello et al. 2017)
  double max_displacement = 0.1;      // initial translation step [length]
  double target_acceptance = 0.4;     // of translations, while the step adapts
  std::int64_t sample_every = 10;     // sweeps (hybrid: MD steps) between energy samples
  std::uint32_t seed = 1;
  bool e_is = true;                   // minimise a copy of each final state (FIRE) for e_IS
  std::int64_t e_is_samples = 1;      // swap, swap_anneal: > 1 minimises that many states evenly spaced over
                                      // production (the last one the final state); e_is is their mean
  double ftol = 1e-8;                 // of that minimisation
  std::int64_t dynamics_steps = 0;    // > 0: plain MD from each final state for F_s(q,t) and τ_α
  double dynamics_dt = 0.005;
  std::int64_t mc_dynamics_sweeps = 0;  // > 0: F_s(q,t) under MC with and without swaps → τ in sweeps
  std::int64_t mc_dynamics_origins = 1;  // time origins along one trajectory, F_s averaged over them
  std::int64_t mc_dynamics_spacing = 0;  // sweeps between origins (0: mc_dynamics_sweeps / 4)
  // hybrid
  IntegratorOptions integrator;       // nvt, nose-hoover or bussi
  std::int64_t steps = 0;             // MD steps
  std::int64_t swap_every = 100;      // MD steps between swap blocks
  std::int64_t swap_sweeps = 1;       // sweeps of pure swap moves per block
  // swap, swap_anneal, hybrid with an EAM alloy: `vcsgc = { phi, kappa, concentration }` turns the swaps
  // into VC-SGC type changes (masses are filled in from the system when the stage starts)
  std::optional<VcSgcSettings> vcsgc;
};

}  // namespace vitrum
