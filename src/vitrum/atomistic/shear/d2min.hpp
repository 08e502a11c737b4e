// D²min (Falk & Langer 1998): per-particle non-affine squared displacement between two configurations.
#pragma once
#include <vector>

#include "vitrum/io/configuration.hpp"

namespace vitrum {

// For particle i with neighbours j within `cutoff` in the reference (minimum image), d⁰_ij in the
// reference and d_ij the same pair now: J = X Y⁻¹ with X = Σ_j d_ij d⁰_ijᵀ, Y = Σ_j d⁰_ij d⁰_ijᵀ, and
// D²min_i = Σ_j |d_ij − J d⁰_ij|² (not divided by the neighbour count: Falk–Langer's and OVITO's form).
// The current pair vector is d⁰_ij + (u_j − u_i) + k_y·Δγ·Ly·x̂, u from unwrapped positions and k the
// pair's lattice image in the reference, so it follows the Lees–Edwards lattice through tilt flips.
// Both configurations must hold the same particles in the same order (ids checked) and have the same
// box lengths; only the tilt/strain may differ (Δγ = current.strain_xy − reference.strain_xy).
// Particles whose neighbours do not span 3D (singular Y) get NaN; in a planar system (dimension 2)
// J is the 2D fit, with the identity along z.
std::vector<double> d2min(const Configuration& reference, const Configuration& current, double cutoff);

}  // namespace vitrum
