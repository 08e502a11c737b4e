// A cell list for Monte Carlo: particles binned in fractional coordinates, kept current move by move.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "vitrum/atomistic/potential/cell_block.hpp"
#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum {

// Particle i's type and diameter as the pair kernels read them (diameter 0 where the model has none).
inline Identity identity_of(const Particles& p, std::size_t i) {
  return {p.type[i], p.diameter.size() == p.size() ? p.diameter[i] : 0.0};
}

// Cells are at least `cutoff` wide perpendicular to each face, so every partner within the cut-off
// of a point lies in its own or one of the 26 adjacent cells (exact in the tilted box, as in the
// neighbour list). Along a direction with fewer than three such cells there is one layer, scanned
// whole. Separations then use the minimum image, which needs 2·cutoff ≤ the narrowest box width.
// Cost of a local query: O(particles in 27 cells), independent of N. A dilute box whose cut-off
// would allow more than max_cells_for(N) cells (neighbor/cell_counts.hpp) gets fewer, wider cells:
// still exact, and memory O(N).
//
// Built from Particles, each cell also keeps its particles' positions, types and diameters as compact arrays
// (CellBlock), updated by move() and set_identity(): the local-energy kernels then read contiguous memory with
// a per-cell lattice shift instead of gathering positions and taking minimum images (issue 19). All cells share one
// arena in cell order (x fastest), each with the same number of slots, its particles first and the rest padding
// (far away, index -1): the three cells of a row along x around a point are then one contiguous block whenever
// none of them wraps, so a query scans 9 blocks instead of 27 (the particles in the same order, so the same sums).
class CellGrid {
 public:
  CellGrid(const Box& box, double cutoff);

  // Sizes the grid for positions.size() particles and bins every (wrapped) position; particles enter
  // their cells in index order, so a rebuild from the same positions gives the same scan order
  // (bit-identical resumes). This form keeps indices only (no blocks).
  void build(const std::vector<Vec3>& positions);
  // The same, also filling each cell's compact arrays (positions, types, diameters) for for_each_block_near.
  void build(const Particles& p);
  // Moves particle i to (wrapped) position r: its cell, and its entry in the compact arrays.
  void move(std::size_t i, const Vec3& r);
  // Particle i's type and diameter changed (a swap move): its entry in the compact arrays.
  void set_identity(std::size_t i, const Identity& id);

  // Calls f(j) for every particle in the cells around position r (including, possibly, the
  // particle at r itself: the caller skips it).
  template <class F>
  void for_each_near(const Vec3& r, F&& f) const {
    for_each_cell_near(r, [&](const std::int32_t* js, std::size_t n) {
      for (std::size_t k = 0; k < n; ++k) f(static_cast<std::size_t>(js[k]));
    });
  }

  // Calls f(js, count) with the particles of each of the (up to 27) cells around r, in a fixed order.
  template <class F>
  void for_each_cell_near(const Vec3& r, F&& f) const {
    const std::array<int, 3> c = cell_coords(r);
    for (int dz : offsets_[2])
      for (int dy : offsets_[1])
        for (int dx : offsets_[0]) {
          const std::size_t cell = cell_at(c[0] + dx, c[1] + dy, c[2] + dz);
          f(index_.data() + cell * slots_, count_[cell]);
        }
  }

  // Calls f(block) for the cells around (wrapped) position r, in for_each_cell_near's order, each block with the
  // lattice translation of its periodic image next to r: one block per row of three cells along x where the row
  // does not wrap (padding included: its distances are beyond any cut-off), else one per cell (particles only).
  // Needs build(const Particles&).
  template <class F>
  void for_each_block_near(const Vec3& r, F&& f) const {
    const std::array<int, 3> c = cell_coords(r);
    const bool exact_shifts = n_[0] >= 3 && n_[1] >= 3 && n_[2] >= 3;
    const bool whole_rows = exact_shifts && c[0] >= 1 && c[0] <= n_[0] - 2;
    for (int dz : offsets_[2])
      for (int dy : offsets_[1]) {
        const int y = c[1] + dy, z = c[2] + dz;
        Vec3 shift{};
        if (exact_shifts) {
          // Crossing a face adds a lattice vector: a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz).
          const double ky = y < 0 ? -1.0 : (y >= n_[1] ? 1.0 : 0.0), kz = z < 0 ? -1.0 : (z >= n_[2] ? 1.0 : 0.0);
          shift = {ky * box_.xy(), ky * box_.lengths().y, kz * box_.lengths().z};
        }
        if (whole_rows) {
          const std::size_t first = cell_at(c[0] - 1, y, z);
          f(block(first, 2 * slots_ + count_[first + 2], shift));
          continue;
        }
        for (int dx : offsets_[0]) {
          const int x = c[0] + dx;
          const std::size_t cell = cell_at(x, y, z);
          CellBlock b = block(cell, count_[cell], shift);
          if (exact_shifts) b.shift.x += (x < 0 ? -1.0 : (x >= n_[0] ? 1.0 : 0.0)) * box_.lengths().x;
          else b.min_image_box = &box_;
          f(b);
        }
      }
  }

  // Whether (wrapped) position r lies in particle i's cell: then both see the same neighbourhood.
  [[nodiscard]] bool in_cell_of(std::size_t i, const Vec3& r) const { return cell_index(r) == cell_of_[i]; }

  [[nodiscard]] std::array<int, 3> dims() const { return n_; }

 private:
  [[nodiscard]] CellBlock block(std::size_t cell, std::size_t count, const Vec3& shift) const {
    const std::size_t at = cell * slots_;
    return {x_.data() + at, y_.data() + at, z_.data() + at, diameter_.data() + at, type_.data() + at,
            index_.data() + at, count, shift, nullptr};
  }
  [[nodiscard]] std::array<int, 3> cell_coords(const Vec3& r) const;
  [[nodiscard]] std::size_t cell_index(const Vec3& r) const;
  [[nodiscard]] std::size_t cell_at(int x, int y, int z) const {
    return static_cast<std::size_t>((wrap(z, n_[2]) * n_[1] + wrap(y, n_[1])) * n_[0] + wrap(x, n_[0]));
  }
  static int wrap(int c, int n) { return c < 0 ? c + n : (c >= n ? c - n : c); }
  void size_for(std::size_t particles);
  // Sizes the grid and the arena (slots per cell from the fullest cell of `cells`) and empties every cell.
  void reset(const std::vector<std::size_t>& cells, bool compact);
  void set_slots(std::size_t slots);  // re-lays the arena with `slots` per cell, keeping each cell's particles
  void clear_slot(std::size_t at);    // padding: far away, index -1, a valid identity
  void append(std::size_t cell, std::size_t i, const Vec3& r, const Identity& id);
  void remove(std::size_t i);

  Box box_;
  double cutoff_;
  bool compact_ = false;  // cells hold compact arrays (built from Particles)
  std::array<int, 3> n_{1, 1, 1};
  std::array<std::vector<int>, 3> offsets_;
  std::size_t slots_ = 0;                // slots per cell in the arena
  std::vector<std::size_t> count_;       // particles in each cell (its first slots)
  std::vector<std::int32_t> index_;      // arena: particle index per slot (-1: padding)
  std::vector<double> x_, y_, z_, diameter_;  // arena (compact only)
  std::vector<int> type_;                     // arena (compact only)
  std::vector<std::size_t> cell_of_;  // cell of each particle
  std::vector<std::size_t> slot_;     // index of each particle inside its cell's slots
};

}  // namespace vitrum
