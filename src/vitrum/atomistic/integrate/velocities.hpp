// Maxwell–Boltzmann velocities at a temperature, keyed by particle id (independent of order and threads).
#pragma once
#include <cstdint>

#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// Draws v ~ N(0, kT/m) per component, removes the centre-of-mass momentum and rescales to exactly T.
void create_velocities(System& s, double temperature, std::uint32_t seed);
void zero_momentum(Particles& p);

}  // namespace vitrum
