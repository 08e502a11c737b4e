// The divergence guard of the stages: a state whose energy is no longer finite, or has run away by orders of
// magnitude from where the stage started, stops the run instead of being reported as a result.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

// A stage diverged: the runner marks it failed in summary.json and keeps the last good checkpoint.
class Diverged : public Error {
 public:
  using Error::Error;
};

class DivergenceGuard {
 public:
  // Energies per particle beyond this multiple of the stage's scale (|PE|/N and KE/N at its start, at least 1
  // energy unit: ε in LJ units, eV in metal units) count as a runaway; no physical stage comes near it.
  static constexpr double kRunaway = 1e4;

  DivergenceGuard() = default;
  DivergenceGuard(std::string label, const System& s) : label_(std::move(label)) {
    const Thermo t = measure(s);
    const double n = static_cast<double>(std::max<std::size_t>(1, s.size()));
    scale_ = 1.0;
    if (std::isfinite(t.potential_energy)) scale_ = std::max(scale_, std::abs(t.potential_energy) / n);
    if (std::isfinite(t.kinetic_energy)) scale_ = std::max(scale_, t.kinetic_energy / n);
  }

  // Throws Diverged naming the stage and step. `t` must come from measure(s) on the current state.
  void check(const System& s, const Thermo& t, std::int64_t step) const {
    const double n = static_cast<double>(std::max<std::size_t>(1, s.size()));
    const double pe = t.potential_energy / n, ke = t.kinetic_energy / n;
    const char* what = nullptr;
    double value = 0;
    if (!std::isfinite(pe)) {
      what = "potential";
      value = pe;
    } else if (!std::isfinite(ke)) {
      what = "kinetic";
      value = ke;
    }
    if (what)
      throw Diverged(fmt::format("{} step {}: the {} energy per particle is {}: the run diverged (time step dt too "
                                 "large, a temperature or rate too high, or overlapping particles)", label_, step, what, value));
    if (std::abs(pe) > kRunaway * scale_ || ke > kRunaway * scale_)
      throw Diverged(fmt::format("{} step {}: the energy per particle ran away (PE {:.4g}, KE {:.4g}; {:.4g} at the "
                                 "stage start): the run diverged (time step dt too large, a temperature or rate too "
                                 "high, or overlapping particles)", label_, step, pe, ke, scale_));
  }

  // A thermostatted stage whose temperature has collapsed to zero against a positive target: the thermostat's
  // scaling underflowed (seen with dt = 1000), and every later number would be a silent zero.
  void check_thermostat(double temperature, double target, double dt, std::int64_t step) const {
    if (target > 0 && temperature < 1e-12 * target)
      throw Diverged(fmt::format("{} step {}: the temperature is {} against a target of {}: the thermostat cannot hold "
                                 "it (time step dt = {} too large?)", label_, step, temperature, target, dt));
  }

 private:
  std::string label_;
  double scale_ = 1.0;
};

}  // namespace vitrum
