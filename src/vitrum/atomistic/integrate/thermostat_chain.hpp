// A Nosé–Hoover chain acting on one kinetic energy: the building block of the NVT and NPT integrators.
#pragma once
#include <vector>

#include "vitrum/io/archive.hpp"

namespace vitrum {

// Martyna, Klein & Tuckerman, J. Chem. Phys. 97, 2635 (1992), with the Trotter factorisation and
// masses of LAMMPS FixNH::nhc_temp_integrate (tloop 1): Q_0 = N_f kT/ω², Q_k = kT/ω², ω = 1/tdamp.
class ThermostatChain {
 public:
  ThermostatChain(double tdamp, int length);
  // Advances the chain by dt/2 for a subsystem with `dof` degrees of freedom and kinetic energy
  // `twice_ke`/2; returns the factor by which that subsystem's velocities must be scaled.
  double half_step(double twice_ke, double dof, double kt, double dt);
  // Energy of the chain variables (with the subsystem's dof and the current kT).
  [[nodiscard]] double energy(double dof, double kt) const;
  void checkpoint(Archive& ar);

 private:
  double freq_;
  int length_;
  std::vector<double> eta_, eta_dot_, eta_dotdot_, mass_;
  bool initialised_ = false;
};

}  // namespace vitrum
