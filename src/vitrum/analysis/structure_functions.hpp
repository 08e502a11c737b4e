// Radial structure functions of Cubuk et al., PRL 114, 108001 (2015): per particle, Gaussian-smoothed neighbour counts
// on a grid of distances, one set per neighbour species (the features of the softness classifier).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "vitrum/core/box.hpp"
#include "vitrum/core/vec3.hpp"

namespace vitrum::analysis {

// G_X(i; r) = Σ_{j of type X, j ≠ i} exp(−(r_ij − r)² / (2 L²)) on r = r_min, r_min + r_step, ..., r_max (lengths in
// the system's units), summed over every periodic image closer than `cutoff()` (so a box smaller than 2·cutoff is
// fine: the images of the same particle, and of i itself, count as the neighbours they are).
struct RadialGrid {
  double r_min = 0.4;
  double r_max = 5.0;
  double r_step = 0.1;
  double width = 0.1;  // L, the Gaussian's standard deviation

  [[nodiscard]] std::size_t count() const;  // grid points per species
  [[nodiscard]] double r(std::size_t k) const { return r_min + static_cast<double>(k) * r_step; }
  // Pairs beyond r_max + 5 L are left out: each Gaussian is then below e^{-12.5} ≈ 4e-6 of its peak.
  [[nodiscard]] double cutoff() const { return r_max + 5.0 * width; }
  // Throws vitrum::Error naming `what` unless 0 <= r_min < r_max, r_step > 0, width > 0.
  void check(const char* what) const;
};

// Angular structure functions of Cubuk et al. 2015 (Behler–Parrinello form), all neighbour species together:
// Ψ(i; ξ, λ, ζ) = Σ_{j<k} exp(−(r_ij² + r_ik² + r_jk²)/ξ²) (1 + λ cos θ_jik)^ζ over the neighbours j, k of i closer
// than `cutoff` (every periodic image), for every (ξ, λ, ζ) of the lists, ξ-major then λ then ζ.
struct AngularSet {
  std::vector<double> xi{1.0, 1.5};
  std::vector<double> lambda{-1.0, 1.0};
  std::vector<int> zeta{1, 2, 4, 16};
  double cutoff = 3.5;  // a neighbour farther than this weighs at most e^{−(3.5/1.5)²} ≈ 0.004 of a close one

  [[nodiscard]] std::size_t count() const { return xi.size() * lambda.size() * zeta.size(); }
  // Throws vitrum::Error naming `what` unless ξ > 0, λ = ±1, ζ >= 1 and cutoff > 0 (and the lists are not empty).
  void check(const char* what) const;
};

// Row-major rows × angular.count() matrix, rows as in radial_structure_functions.
std::vector<double> angular_structure_functions(const Box& box, const std::vector<Vec3>& positions, const AngularSet& set,
                                                const std::vector<std::size_t>& which = {}, int dimension = 3,
                                                bool force_direct_sum = false);

// Features of the particles `which` (indices; all when empty): a row-major matrix, row p for particle which[p], column
// (X − 1)·count() + k for neighbour type X = 1..type_count and grid point k. `types` are 1-based. dimension 2 sums the
// images in x and y only (a planar system's z is not periodic for it). Pairs come from the cell list when the box is
// at least 2·cutoff wide in every periodic direction, else from a direct sum over all particles and images.
std::vector<double> radial_structure_functions(const Box& box, const std::vector<Vec3>& positions,
                                               const std::vector<int>& types, int type_count,
                                               const RadialGrid& grid, const std::vector<std::size_t>& which = {},
                                               int dimension = 3, bool force_direct_sum = false);

}  // namespace vitrum::analysis
