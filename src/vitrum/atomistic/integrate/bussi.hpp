// Bussi–Donadio–Parrinello stochastic velocity rescaling (canonical sampling through velocity rescaling).
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

// Eq. (A7) of the paper below on its own: scales the velocities of `p` so that their kinetic energy K (with
// `dof` degrees of freedom) moves to K' drawn exactly from the relaxation towards dof·T/2 over dt with time
// constant tdamp; returns K' − K (0 when K = 0). Used by Bussi and by the SLLOD stage's thermostat.
double bussi_rescale(Particles& p, double dof, double temperature, double dt, double tdamp, Rng& rng);

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
