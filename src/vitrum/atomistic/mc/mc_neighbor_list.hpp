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
// Positions are followed *unwrapped* from each particle's anchor on (u_i: its wrapped position when its list was
// made, plus every accepted displacement since), and each entry keeps the lattice translation that puts the partner
// next to the owner, so a separation is u_i − (u_j + S_ij): no minimum image, no dependence on where a particle
// wrapped. Invariant: every particle is within h = skin/2 of its anchor. The chain checks each trial position with
// covers() and takes the cell list for the rare one that is not; when such a move is accepted the particle is
// re-anchored alone (reanchor(): its list remade, its entries in its partners' lists rewritten), so the cost does
// not grow with N as a global rebuild would (in Monte Carlo one particle at a time leaves its skin).
// Why the radii are complete: a pair listed at a global build, both anchored then, is within r_c + 2h = r_c + skin;
// a pair decided when one of them re-anchors, the other anchored earlier and so up to 2h from where it is then and
// h from its anchor later, needs r_c + 3h = r_c + 1.5 skin. One image per pair needs 2 (r_c + 1.5 skin) ≤ the
// narrowest box width (fits()).
class McNeighborList {
 public:
  McNeighborList(const Box& box, double cutoff, double skin);
  [[nodiscard]] static bool fits(const Box& box, double cutoff, double skin);

  // Every list from the wrapped positions, which become every particle's anchor and current position.
  void build(const std::vector<Vec3>& wrapped);
  // Whether an unwrapped position of particle i is within skin/2 of its anchor.
  [[nodiscard]] bool covers(std::size_t i, const Vec3& u) const { return norm2(u - anchor_[i]) <= half_skin_sq_; }
  [[nodiscard]] const Vec3& position(std::size_t i) const { return u_[i]; }
  void set_position(std::size_t i, const Vec3& u) { u_[i] = u; }
  // Particle i now sits at (wrapped) position r, outside its skin: it becomes its own anchor there. O(N) distance
  // tests (rare: a particle leaves its skin every few sweeps per thousand particles in a dense liquid). Returns
  // false when a list would overflow its capacity: then build() everything.
  [[nodiscard]] bool reanchor(std::size_t i, const Vec3& r);

  // Particle i's partners as one block (images next to u_i; types and diameters as p holds them now), valid until
  // the next gather.
  [[nodiscard]] CellBlock gather(std::size_t i, const Particles& p);

  // The whole state (anchors, positions, lists): a resumed chain continues with the same lists in the same order.
  void checkpoint(Archive& ar);
  [[nodiscard]] bool empty() const { return anchor_.empty(); }
  [[nodiscard]] double mean_length() const;

 private:
  [[nodiscard]] std::uint8_t image_code(const Vec3& lattice_translation) const;
  // Appends (or rewrites) the entry of `partner` in i's list; false if the list is full.
  bool set_entry(std::size_t i, std::int32_t partner, std::uint8_t code);
  void drop_entry(std::size_t i, std::int32_t partner);
  Box box_;
  double build_radius_sq_, anchor_radius_sq_, half_skin_sq_, build_radius_;
  std::vector<Vec3> anchor_, u_;
  std::size_t capacity_ = 0;            // slots per particle
  std::vector<std::uint32_t> count_;    // entries of i: slots i·capacity_ .. i·capacity_ + count_[i]
  std::vector<std::int32_t> partner_;
  std::vector<std::uint8_t> image_;     // index into shifts_: the lattice translation of the partner
  std::vector<Vec3> shifts_;            // k_x a + k_y b + k_z c for k in {-2..2}³
  std::vector<double> x_, y_, z_, diameter_;  // gather buffers
  std::vector<int> type_;
  std::vector<std::int32_t> index_;
};

}  // namespace vitrum
