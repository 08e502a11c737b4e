// Verlet neighbour list with a skin, built through a cell list in fractional coordinates (exact in the tilted box).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum {

// A half list: each pair (i, j) appears once, under i < j, together with the periodic image of j
// it refers to (one of 27 lattice shifts), so the force loop needs no minimum-image rounding and
// the list stays valid while particles drift across the box faces between rebuilds.
//
// Rebuild rule: with δ the largest non-affine displacement since the last build and F the box
// deformation since then, rebuild when 2δ + ‖F − I‖_F · r_list ≥ skin. In a fixed box this is
// LAMMPS's "moved more than half the skin"; under shear or a barostat it also subtracts the affine
// motion and shrinks the skin by the strain (DESIGN.md, Lees–Edwards).
class NeighborList {
 public:
  NeighborList(double cutoff, double skin);

  // Optional per-type-pair cut-offs (types 1..ntypes, row-major, each <= cutoff): pairs enter the
  // list within their own cut-off plus skin, as LAMMPS's neighbour lists do.
  void set_type_cutoffs(int ntypes, const std::vector<double>& cutoffs);
  // When on, build() also reorders the particles by cell (better memory locality). Off by
  // default: code that keeps per-particle arrays of its own across rebuilds (CG) must not see it.
  void set_sorting(bool on) { sorting_ = on; }
  [[nodiscard]] bool sorting() const { return sorting_; }

  // Wraps positions into the box, bins them and rebuilds the list.
  void build(Particles& p, const Box& box);
  // Rebuilds if the rule above says so; returns whether it did.
  bool update(Particles& p, const Box& box);
  [[nodiscard]] bool needs_rebuild(const Particles& p, const Box& box) const;

  [[nodiscard]] double cutoff() const { return cutoff_; }
  [[nodiscard]] double skin() const { return skin_; }
  [[nodiscard]] std::size_t builds() const { return builds_; }
  [[nodiscard]] std::size_t pair_count() const;

  // Neighbours of i: indices and image codes (decode with shift_vectors()).
  [[nodiscard]] std::span<const std::int32_t> neighbors(std::size_t i) const {
    return {j_.data() + i * (stride_ + 1), static_cast<std::size_t>(count_[i])};
  }
  [[nodiscard]] std::span<const std::uint8_t> images(std::size_t i) const {
    return {code_.data() + i * (stride_ + 1), static_cast<std::size_t>(count_[i])};
  }
  // The 27 lattice shifts of the current box: x_j's image is x_j + shift[code].
  [[nodiscard]] static std::array<Vec3, 27> shift_vectors(const Box& box);

  // State at the last build, so that a resumed run rebuilds the very same list (checkpoints).
  [[nodiscard]] const std::vector<Vec3>& build_positions() const { return build_positions_; }
  [[nodiscard]] const Box& build_box() const { return build_box_; }
  // Rebuild the list as it was built from `positions` in `box` (wrapped positions, as stored).
  void restore(const std::vector<Vec3>& positions, const std::vector<int>& types, const Box& box);

 private:
  void build_from(const std::vector<Vec3>& positions, const Box& box);

  double cutoff_, skin_;
  int ntypes_ = 0;
  std::vector<double> type_list_sq_;  // (ntypes+1)² squared list cut-offs, empty = one cut-off
  bool sorting_ = false;
  std::vector<int> types_;  // particle types at the last build (for per-type cut-offs)
  std::size_t stride_ = 0;
  std::vector<std::int32_t> j_;
  std::vector<std::uint8_t> code_;
  std::vector<std::int32_t> count_;
  std::vector<Vec3> build_positions_;
  Box build_box_;
  std::size_t builds_ = 0;
};

}  // namespace vitrum
