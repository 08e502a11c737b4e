#include "vitrum/meso/quasistatic_driver.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::meso {

Avalanche QuasistaticDriver::step(int direction, double strain_limit) {
  const double sign = direction > 0 ? 1.0 : -1.0;
  auto [x_min, weakest] = model_.weakest(direction);
  x_min = std::max(x_min, 0.0);
  Avalanche a;
  const double two_mu = 2.0 * model_.parameters().shear_modulus;
  const double room = (strain_limit - model_.strain()) * sign;  // strain left before the limit
  if (x_min / two_mu >= room) {
    model_.load(sign * std::max(room, 0.0) * two_mu);
    model_.set_strain(strain_limit);
    a.strain = model_.strain();
    a.stress_before = a.stress_after = model_.mean_stress();
    a.reached_strain_limit = true;
    return a;
  }
  model_.load(sign * x_min);
  a.strain = model_.strain();
  a.stress_before = model_.mean_stress();
  std::tie(a.size, a.duration) = relax(weakest);
  a.stress_after = model_.mean_stress();
  return a;
}

std::pair<std::uint64_t, std::uint64_t> QuasistaticDriver::relax(std::size_t trigger) {
  // A runaway means a bad recipe: 100 failures per site in one avalanche is far beyond any physical one, and the
  // limit is reached within seconds (100000 per site took minutes: `stress_noise = 1e6` looked like a hang).
  const std::uint64_t limit = 100ull * model_.sites() + 100000ull;
  std::uint64_t size = 0, duration = 0;
  if (rule_ == UpdateRule::Sequential) {
    auto worst = model_.fail_one(trigger);
    ++size;
    while (worst.excess >= 0) {
      worst = model_.fail_one(worst.site);
      if (++size > limit)
        throw Error(fmt::format("epm: avalanche did not stop after {} events (recovery too small, or stress_noise too "
                                "large against the thresholds?)", size));
    }
    return {size, size};
  }
  unstable_.assign(1, trigger);
  const auto& s = model_.stress();
  const auto& th = model_.thresholds();
  while (!unstable_.empty()) {
    model_.fail_many(unstable_);
    size += unstable_.size();
    ++duration;
    if (size > limit)
      throw Error(fmt::format("epm: avalanche did not stop after {} events (recovery too small, or stress_noise too "
                              "large against the thresholds?)", size));
    unstable_.clear();
    for (std::size_t i = 0; i < s.size(); ++i)
      if (std::abs(s[i]) >= th[i]) unstable_.push_back(i);
  }
  return {size, duration};
}

}  // namespace vitrum::meso
