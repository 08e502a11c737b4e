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
// a per-cell lattice shift instead of gathering positions and taking minimum images (issue 19).
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
          const auto& cell = cells_[cell_at(c[0] + dx, c[1] + dy, c[2] + dz)];
          f(cell.index.data(), cell.index.size());
        }
  }

  // Calls f(block) for each of the (up to 27) cells around (wrapped) position r, in for_each_cell_near's order,
  // each with the lattice translation of its periodic image next to r. Needs build(const Particles&).
  template <class F>
  void for_each_block_near(const Vec3& r, F&& f) const {
    const std::array<int, 3> c = cell_coords(r);
    const bool exact_shifts = n_[0] >= 3 && n_[1] >= 3 && n_[2] >= 3;
    for (int dz : offsets_[2])
      for (int dy : offsets_[1])
        for (int dx : offsets_[0]) {
          const int x = c[0] + dx, y = c[1] + dy, z = c[2] + dz;
          const Cell& cell = cells_[cell_at(x, y, z)];
          CellBlock b{cell.x.data(), cell.y.data(), cell.z.data(), cell.diameter.data(), cell.type.data(),
                      cell.index.data(), cell.index.size(), Vec3{}, nullptr};
          if (exact_shifts) {
            // Crossing a face adds a lattice vector: a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz).
            const double kx = x < 0 ? -1.0 : (x >= n_[0] ? 1.0 : 0.0), ky = y < 0 ? -1.0 : (y >= n_[1] ? 1.0 : 0.0),
                         kz = z < 0 ? -1.0 : (z >= n_[2] ? 1.0 : 0.0);
            b.shift = {kx * box_.lengths().x + ky * box_.xy(), ky * box_.lengths().y, kz * box_.lengths().z};
          } else {
            b.min_image_box = &box_;
          }
          f(b);
        }
  }

  // Whether (wrapped) position r lies in particle i's cell: then both see the same neighbourhood.
  [[nodiscard]] bool in_cell_of(std::size_t i, const Vec3& r) const { return cell_index(r) == cell_of_[i]; }

  [[nodiscard]] std::array<int, 3> dims() const { return n_; }

 private:
  // One cell: its particles' indices and, when built from Particles, their compact data in the same order.
  struct Cell {
    std::vector<std::int32_t> index;
    std::vector<double> x, y, z, diameter;
    std::vector<int> type;
    void clear() {
      index.clear(), x.clear(), y.clear(), z.clear(), diameter.clear(), type.clear();
    }
  };

  [[nodiscard]] std::array<int, 3> cell_coords(const Vec3& r) const;
  [[nodiscard]] std::size_t cell_index(const Vec3& r) const;
  [[nodiscard]] std::size_t cell_at(int x, int y, int z) const {
    return static_cast<std::size_t>((wrap(z, n_[2]) * n_[1] + wrap(y, n_[1])) * n_[0] + wrap(x, n_[0]));
  }
  static int wrap(int c, int n) { return c < 0 ? c + n : (c >= n ? c - n : c); }
  void size_for(std::size_t particles);
  void reset(std::size_t particles, bool compact);  // empties the cells (keeping capacity) and sizes the grid
  void append(std::size_t cell, std::size_t i, const Vec3& r, const Identity& id);
  void remove(std::size_t i);

  Box box_;
  double cutoff_;
  bool compact_ = false;  // cells hold compact arrays (built from Particles)
  std::array<int, 3> n_{1, 1, 1};
  std::array<std::vector<int>, 3> offsets_;
  std::vector<Cell> cells_;
  std::vector<std::size_t> cell_of_;  // cell of each particle
  std::vector<std::size_t> slot_;     // index of each particle inside its cell's arrays
};

}  // namespace vitrum
