// The "final" entry of every stage's summary: the end state's temperature, energies, pressure, stress, volume,
// density and box strain, built in one place so that every kind reports the same keys in the same units.
#pragma once
#include <nlohmann/json.hpp>

#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// In the recipe's units (thermo.hpp's report()): temperature, pe_per_particle, ke_per_particle, pressure, stress
// (xx yy zz xy xz yz, virial plus kinetic), volume (area in 2D), density, strain (the box's accumulated xy strain)
// and tilt_xy. Stages add what they measure themselves (md: conserved_per_particle; shear: stress_xy).
nlohmann::json final_state_json(const System& s);
// A Monte Carlo state, whose velocities mean nothing: the temperature is the sampling one (internal units), the
// pressure and the stress's diagonal take the ideal-gas part n k_B T / V, and there is no ke_per_particle.
nlohmann::json final_state_json(const System& s, double sampling_temperature);

}  // namespace vitrum
