// Bussi–Donadio–Parrinello stochastic velocity rescaling (canonical sampling through velocity rescaling).
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"

namespace vitrum {

// Bussi, Donadio & Parrinello, J. Chem. Phys. 126, 014101 (2007), Eq. (A7): after each
// velocity-Verlet step the kinetic energy K is moved to K' drawn exactly from the relaxation
// dynamics with time constant tdamp; velocities are scaled by sqrt(K'/K). The random numbers are
// keyed by (seed, step), so a run is reproducible and independent of thread count.
class Bussi final : public Integrator {
 public:
  Bussi(double dt, double tdamp, std::uint32_t seed) : dt_(dt), tdamp_(tdamp), seed_(seed) {}
  [[nodiscard]] std::string_view name() const override { return "bussi"; }
  void step(System& s, std::int64_t step, double temperature) override;
  [[nodiscard]] double reservoir_energy(const System&, double) const override { return bath_; }
  void checkpoint(Archive& ar) override { ar(bath_); }

 private:
  double dt_, tdamp_;
  std::uint32_t seed_;
  double bath_ = 0;  // energy taken out of the system by the thermostat so far
};

}  // namespace vitrum
