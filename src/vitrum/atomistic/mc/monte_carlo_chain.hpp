// What the Monte Carlo stages need of a chain, whatever the potential: pair models (SwapMonteCarlo) or EAM (EamMonteCarlo).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vitrum/io/archive.hpp"

namespace vitrum {

struct McCounters {
  std::int64_t translation_attempts = 0, translation_accepts = 0;
  std::int64_t swap_attempts = 0, swap_accepts = 0;  // species swaps, or type changes in VC-SGC
  [[nodiscard]] double translation_acceptance() const {
    return translation_attempts ? static_cast<double>(translation_accepts) / translation_attempts : 0.0;
  }
  [[nodiscard]] double swap_acceptance() const {
    return swap_attempts ? static_cast<double>(swap_accepts) / swap_attempts : 0.0;
  }
};

// One Monte Carlo chain on particles it does not own. Moves are keyed by (seed, sweep, move) in the
// counter-based generator, so a chain has no generator state: its state is the particles plus what
// checkpoint() writes, and a chain resumed between sweeps repeats the uninterrupted one bit for bit.
class MonteCarloChain {
 public:
  virtual ~MonteCarloChain() = default;
  // N attempted moves at temperature T (internal, k_B T): a swap (or VC-SGC type change) with
  // probability p_swap, otherwise a translation.
  virtual void sweep(std::uint64_t sweep_index, double temperature, double p_swap) = 0;
  // Exact total potential energy by a full sum (also resets the running one).
  virtual double recompute_energy() = 0;
  [[nodiscard]] virtual double energy() const = 0;  // running total, updated move by move
  [[nodiscard]] virtual double max_displacement() const = 0;
  virtual void set_max_displacement(double d) = 0;
  // Scales the step towards a target translation acceptance from the moves since the last call.
  // Only for equilibration: a step that keeps changing breaks detailed balance.
  virtual void adapt_step(double target) = 0;
  [[nodiscard]] virtual const McCounters& counters() const = 0;
  virtual void reset_counters() = 0;
  [[nodiscard]] virtual std::size_t particle_count() const = 0;
  virtual void checkpoint(Archive& ar) = 0;
};

// The step rule every chain shares: once 100 translations were tried since `mark`, scale `step` by
// acceptance/target (by 0.7 to 1.4 at a time) within [1e-4, limit] and move the mark to `now`.
void adapt_translation_step(double& step, McCounters& mark, const McCounters& now, double target, double limit);

}  // namespace vitrum
