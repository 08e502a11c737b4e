// Unit systems of atomistic runs: reduced Lennard-Jones units and LAMMPS `metal` units (Å, eV, ps, K, g/mol, bar).
#pragma once
#include <string>

namespace vitrum {

// Inside vitrum every run computes in one consistent set where k_B = 1 and m v² is an energy:
// temperatures are held as k_B T [energy], masses as m·mvv2e [energy·time²/length²], pressures as
// energy/volume. Only files, recipes and printed results use the user's units; the conversions are
// these factors (LAMMPS's update.cpp constants for `metal`), all exactly 1 in `lj`.
struct UnitSystem {
  std::string name = "lj";
  double boltz = 1.0;   // k_B [energy/temperature]: eV/K in metal
  double mvv2e = 1.0;   // mass·velocity² → energy: (g/mol)(Å/ps)² → eV
  double nktv2p = 1.0;  // energy/volume → pressure: eV/Å³ → bar
  const char* energy = "epsilon";
  const char* length = "sigma";
  const char* time = "tau";
  const char* temperature = "epsilon/k_B";
  const char* pressure = "epsilon/sigma^3";
  const char* mass = "m";

  [[nodiscard]] bool is_metal() const { return name == "metal"; }
  [[nodiscard]] double temperature_in(double t_user) const { return t_user * boltz; }   // user → internal
  [[nodiscard]] double temperature_out(double t) const { return t / boltz; }            // internal → user
  [[nodiscard]] double pressure_in(double p_user) const { return p_user / nktv2p; }
  [[nodiscard]] double pressure_out(double p) const { return p * nktv2p; }
  [[nodiscard]] double mass_in(double m_user) const { return m_user * mvv2e; }
  [[nodiscard]] double mass_out(double m) const { return m / mvv2e; }
};

inline UnitSystem lj_units() { return {}; }

inline UnitSystem metal_units() {
  UnitSystem u;
  u.name = "metal";
  u.boltz = 8.617343e-5;
  u.mvv2e = 1.0364269e-4;
  u.nktv2p = 1.6021765e6;
  u.energy = "eV";
  u.length = "Angstrom";
  u.time = "ps";
  u.temperature = "K";
  u.pressure = "bar";
  u.mass = "g/mol";
  return u;
}

}  // namespace vitrum
