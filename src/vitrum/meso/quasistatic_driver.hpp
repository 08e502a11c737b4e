// Quasistatic extremal driving of an EPM: load uniformly to the weakest block, then relax the whole avalanche.
#pragma once
#include <cstdint>

#include "vitrum/meso/epm_model.hpp"

namespace vitrum::meso {

// Sequential: the most unstable block fails first, one at a time, with the real-space kernel (O(N) per event).
// Synchronous: every unstable block fails at once, one FFT convolution per step (the avalanche duration is
// the number of such steps).
enum class UpdateRule { Sequential, Synchronous };

struct Avalanche {
  double strain = 0;         // applied strain when it started
  double stress_before = 0;  // macroscopic stress at the trigger
  double stress_after = 0;
  std::uint64_t size = 0;      // number of block failures
  std::uint64_t duration = 0;  // synchronous steps (sequential rule: equal to size)
  bool reached_strain_limit = false;  // loading stopped at the limit before any block failed
};

class QuasistaticDriver {
 public:
  QuasistaticDriver(EpmModel& model, UpdateRule rule) : model_(model), rule_(rule) {}

  // Loads in `direction` (+1 or -1) until the weakest block for that direction reaches its threshold, unless
  // the applied strain would pass `strain_limit` first (then it stops there and no avalanche happens).
  Avalanche step(int direction, double strain_limit);
  // Relaxes until every block is stable; returns (size, duration). `trigger` fails first.
  std::pair<std::uint64_t, std::uint64_t> relax(std::size_t trigger);

 private:
  EpmModel& model_;
  UpdateRule rule_;
  std::vector<std::size_t> unstable_;
};

}  // namespace vitrum::meso
