// Instantaneous thermodynamics of a system: kinetic energy, temperature, pressure and its tensor.
#pragma once
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

struct Thermo {
  double temperature = 0;        // 2 K / (dof k_B), dof = dN − d (momentum conserved, as LAMMPS), d the dimension
  double kinetic_energy = 0;     // total
  double potential_energy = 0;   // total
  double pressure = 0;           // (2K + W_xx + W_yy + W_zz) / 3V; in 2D (2K + W_xx + W_yy) / 2A
  Sym6 stress{};                 // pressure tensor (Σ m v_a v_b + W_ab) / V, order xx yy zz xy xz yz
  double volume = 0;             // in 2D the area (System::volume())
};

[[nodiscard]] double degrees_of_freedom(const System& s);
[[nodiscard]] double kinetic_energy(const Particles& p);
// Uses s.last (the last force evaluation) for the potential part. Internal units (k_B = 1).
[[nodiscard]] Thermo measure(const System& s);
// measure() in the system's user units (K and bar in metal): what files and summaries print.
[[nodiscard]] Thermo report(const System& s);

}  // namespace vitrum
