// Isotropic NPT by the Martyna–Tobias–Klein barostat with Nosé–Hoover chains on particles and barostat.
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermostat_chain.hpp"

namespace vitrum {

// Martyna, Tobias & Klein, J. Chem. Phys. 101, 4177 (1994); the reversible Trotter splitting of
// Tuckerman et al., J. Phys. A 39, 5629 (2006). ε = ln(V)/3 with velocity v_ε = p_ε/W,
// W = (N_f + 3) kT pdamp²; G_ε = 3V(P_int − P) + (3/N_f)·2K. Positions scale about the box
// origin (the tilt scales with the box), so the cell stays the same shape.
class NptMtk final : public Integrator {
 public:
  NptMtk(double dt, double tdamp, double pdamp, double pressure, int chain)
      : dt_(dt), pdamp_(pdamp), pressure_(pressure), particles_(tdamp, chain), barostat_(tdamp, chain) {}
  [[nodiscard]] std::string_view name() const override { return "npt"; }
  void step(System& s, std::int64_t step, double temperature) override;
  [[nodiscard]] double reservoir_energy(const System& s, double temperature) const override;
  void checkpoint(Archive& ar) override;

 private:
  void thermostats(System& s, double kt);
  void barostat_half(System& s, double kt);
  void kick_scaled(System& s);
  [[nodiscard]] double barostat_mass(const System& s, double kt) const;
  double dt_, pdamp_, pressure_;
  double v_eps_ = 0;
  ThermostatChain particles_, barostat_;
};

}  // namespace vitrum
