// Periodic replication of a configuration into an nx × ny × nz supercell (LAMMPS `replicate`).
#pragma once
#include "vitrum/io/configuration.hpp"

namespace vitrum {

// Copy (i, j, k) is the original shifted by i a + j b + k c (a, b, c the lattice vectors, so a tilted
// box stays tilted: xy → ny xy). Atom ids are renumbered as id + copy × (max id) with copy = i + nx (j +
// ny k), images reset to zero after wrapping; velocities, types, diameters and masses are copied.
// Every count must be >= 1.
Configuration replicate(const Configuration& cfg, const Int3& counts);

}  // namespace vitrum
