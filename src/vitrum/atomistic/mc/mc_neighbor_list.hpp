// Verlet lists for local-energy Monte Carlo: each particle's partners within the cut-off plus a skin (issue 19).
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/atomistic/potential/cell_block.hpp"
#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

// The cell list of CellGrid scans 27 cells of side r_c around a point (≈ 27 r_c³ ρ candidates); a Verlet list
// holds the partners within r_c + skin (≈ 4.2 (r_c + skin)³ ρ), four to six times fewer for the model glasses.
//
// Positions are followed *unwrapped* from the build on (u_i: the wrapped position at the build plus every accepted
// displacement since), and each entry keeps the lattice translation that put its partner next to the owner at the
// build, so a separation is u_i − (u_j + S_ij) with no minimum image and no dependence on where a particle wrapped.
// The list stays complete while every particle is within skin/2 of its build position: a partner within r_c of a
// particle (or of its trial position) then was within r_c + skin at the build. The chain checks each trial position
// with covers() and takes another route (the cell list) for the rare one that does not; after such a move is
// accepted it rebuilds. One image per pair needs 2 (r_c + skin) ≤ the narrowest box width (fits()).
class McNeighborList {
 public:
  McNeighborList(const Box& box, double cutoff, double skin);
  [[nodiscard]] static bool fits(const Box& box, double cutoff, double skin);

  // Lists from the wrapped positions; they become both the build and the current positions.
  void build(const std::vector<Vec3>& wrapped);
  // Whether an unwrapped position of particle i is within skin/2 of its build position.
  [[nodiscard]] bool covers(std::size_t i, const Vec3& u) const { return norm2(u - built_[i]) <= half_skin_sq_; }
  [[nodiscard]] const Vec3& position(std::size_t i) const { return u_[i]; }
  void set_position(std::size_t i, const Vec3& u) { u_[i] = u; }

  // Particle i's partners as one block (images next to u_i; types and diameters as p holds them now), valid until
  // the next gather.
  [[nodiscard]] CellBlock gather(std::size_t i, const Particles& p);

  // Build and current positions; reading rebuilds the lists from the build positions (the same lists, in the same
  // order, as the uninterrupted chain's).
  void checkpoint(Archive& ar);
  [[nodiscard]] bool empty() const { return built_.empty(); }
  [[nodiscard]] double mean_length() const;

 private:
  void build_entries();
  Box box_;
  double radius_sq_, half_skin_sq_, radius_;
  std::vector<Vec3> built_, u_;
  std::vector<std::size_t> begin_;      // entries of i: begin_[i] .. begin_[i+1]
  std::vector<std::int32_t> partner_;
  std::vector<std::uint8_t> image_;     // index into shifts_: the lattice translation of the partner
  std::vector<Vec3> shifts_;            // k_x a + k_y b + k_z c for k in {-2..2}³
  std::vector<double> x_, y_, z_, diameter_;  // gather buffers
  std::vector<int> type_;
  std::vector<std::int32_t> index_;
};

}  // namespace vitrum
