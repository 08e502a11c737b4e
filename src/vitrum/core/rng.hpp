// Counter-based random numbers (Random123 Philox4x32-10), keyed by (stream, step, seed), counter = particle id.
#pragma once
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace vitrum {

// Every random stream of vitrum, in one place (HOOMD-blue's RNGIdentifiers idea): two uses of
// randomness never share a stream, so they are never correlated.
enum class Stream : std::uint32_t {
  Generate = 1,
  VelocityInit = 2,
  Langevin = 3,
  Bussi = 4,
  SwapMC = 5,
  DisplacementMC = 6,
  EpmThreshold = 7,
  GfaForest = 8,    // random-forest bootstrap samples and feature choices (gfa/)
  GfaFolds = 9,     // cross-validation fold assignment (gfa/)
  ContinuumField = 10,  // random initial fields of the continuum solver (continuum/)
  ReplicaExchange = 11,  // parallel tempering's exchange decisions (mc/parallel_tempering)
  AlloyMC = 12,          // EAM alloy Monte Carlo: translations and species swaps (mc/eam_monte_carlo)
  SeepMap = 13,          // the SEEP stochastic map's draws (meso/state_map)
};

// One draw-site generator: construct for (stream, seed, step, id[, extra]) and pull a handful of
// numbers. No state survives the object, so there is nothing to checkpoint.
class Rng {
 public:
  // key = (seed, stream); counter = (id, step low, step high ^ extra << 16, block): distinct draw
  // sites never share a counter, and `extra` separates several draws per particle and step.
  Rng(Stream stream, std::uint32_t seed, std::uint64_t step, std::uint64_t id, std::uint32_t extra = 0) {
    key_ = {{seed, static_cast<std::uint32_t>(stream)}};
    ctr_ = {{static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(step),
             static_cast<std::uint32_t>(step >> 32) ^ (extra << 16), 0u}};
  }

  // Uniform in (0, 1): never exactly 0 or 1 (53 random bits).
  double uniform() {
    const std::uint64_t a = next32(), b = next32();
    const std::uint64_t bits = (a << 21) ^ (b >> 11);
    return (static_cast<double>(bits & ((1ull << 53) - 1)) + 0.5) * 0x1.0p-53;
  }
  // Standard normal by Box–Muller (the second value is kept for the next call).
  double normal() {
    if (has_spare_) { has_spare_ = false; return spare_; }
    const double u1 = uniform(), u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * M_PI * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * M_PI * u2);
  }

 private:
  std::uint32_t next32() {
    if (used_ == 4) {
      out_ = r123::Philox4x32()(ctr_, key_);
      ctr_[3] += 1;
      used_ = 0;
    }
    return out_[used_++];
  }
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::ctr_type out_{};
  int used_ = 4;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace vitrum
