// Nosé–Hoover chain NVT, as LAMMPS `fix nvt` (tchain, tloop 1): half chain step, velocity Verlet, half chain step.
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermostat_chain.hpp"

namespace vitrum {

class NoseHooverChain final : public Integrator {
 public:
  NoseHooverChain(double dt, double tdamp, int chain) : dt_(dt), chain_(tdamp, chain) {}
  [[nodiscard]] std::string_view name() const override { return "nose-hoover"; }
  void step(System& s, std::int64_t step, double temperature) override;
  [[nodiscard]] double reservoir_energy(const System& s, double temperature) const override;
  void checkpoint(Archive& ar) override { chain_.checkpoint(ar); }

 private:
  void thermostat(System& s, double temperature);
  double dt_;
  ThermostatChain chain_;
};

}  // namespace vitrum
