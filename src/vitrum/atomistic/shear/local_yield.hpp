// Local yield stress by the frozen-matrix method: shear one spherical region in a matrix that follows the strain affinely.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// Patinet, Vandembroucq & Falk, PRL 117, 045501 (2016): around a site, the particles within inner_radius relax
// while every other one is held at the affinely sheared position of the starting (inherent) state; the simple shear
// is raised in steps of dgamma (xy, in the sign of `direction`), the inner particles minimised after each, until the
// local shear stress of the inner region falls by more than drop_threshold between two steps: the first local
// instability. Its threshold Δτ_c = τ_c − τ_0 (the local stress resolved on the loading direction at the last
// stable step, minus that of the unstrained state) is the site's local yield stress in that direction: small Δτ_c
// marks a soft spot. The local stress is −(1/V_in) Σ_{i∈inner} W_i (per-atom virials, Potential::per_atom_virials;
// V_in = n_inner V/N, the inner particles' share of the volume), the same sign convention as shear_stress().
struct LocalYieldOptions {
  double inner_radius = 3.0;     // R_in: particles within it of the site relax [length]
  double dgamma = 1e-4;          // strain step
  double gamma_max = 0.2;        // no instability up to this strain: the site is reported as not yielded
  double drop_threshold = 1e-3;  // a fall of the local stress by more than this ends the loading [stress, internal]
  int direction = 1;             // +1: shear +xy, -1: shear -xy
  MinimizeOptions minimize;      // cg to ftol 1e-10 by default (set by the caller)
  // Work on the particles that can act on the region only: within R_in + 1.5 r_c of the site for a pair model,
  // R_in + 2.5 r_c for a many-body one (EAM: the densities of the shell's atoms too); the rest of a large box is
  // dropped. The same physics as the whole box, to round-off in the order of the force sums.
  bool trim = true;
};

struct LocalYieldSite {
  Vec3 center;                    // the site in the unstrained box [length]
  std::size_t inner = 0;          // particles inside inner_radius
  std::size_t particles = 0;      // particles the loading worked on (inner and frozen, after trimming)
  double tau0 = 0;                // local stress at zero strain, resolved on the loading direction [stress]
  double tau_c = 0;               // the same at the last stable step
  double delta_tau = 0;           // τ_c − τ_0: the local yield stress [stress]
  double gamma_c = 0;             // strain of the last stable step
  double stress_drop = 0;         // how far the local stress fell in the step after it
  bool yielded = false;           // false: no instability up to gamma_max (delta_tau is then the last value)
  std::int64_t force_evaluations = 0;
  bool converged = true;          // every minimisation reached ftol
};

// Local shear stress σ_xy = −Σ_{i∈members} W_i,xy / V_in of a set of particles, V_in = |members| · volume_per_particle
// (V/N of the whole glass); per_atom_virials recomputes the forces of s's current positions.
[[nodiscard]] double local_shear_stress(System& s, const std::vector<std::size_t>& members, double volume_per_particle);

// The frozen-matrix loading of one site. `s` must be an inherent state (minimised); it is not changed.
[[nodiscard]] LocalYieldSite local_yield(const System& s, const Vec3& center, const LocalYieldOptions& opt);

// A regular grid of n[0] × n[1] × n[2] sites at the centres of the box's cells (fractional coordinates (k+½)/n);
// a planar (2D) system takes n[2] = 1.
[[nodiscard]] std::vector<Vec3> site_grid(const Box& box, const std::array<int, 3>& n);

}  // namespace vitrum
