// A cell list for Monte Carlo: particles binned in fractional coordinates, kept current move by move.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "vitrum/core/box.hpp"

namespace vitrum {

// Cells are at least `cutoff` wide perpendicular to each face, so every partner within the cut-off
// of a point lies in its own or one of the 26 adjacent cells (exact in the tilted box, as in the
// neighbour list). Along a direction with fewer than three such cells there is one layer, scanned
// whole. Separations then use the minimum image, which needs 2·cutoff ≤ the narrowest box width.
// Cost of a local query: O(particles in 27 cells), independent of N. A dilute box whose cut-off
// would allow more than max_cells_for(N) cells (neighbor/cell_counts.hpp) gets fewer, wider cells:
// still exact, and memory O(N).
class CellGrid {
 public:
  CellGrid(const Box& box, double cutoff);

  // Sizes the grid for positions.size() particles and bins every (wrapped) position; particles enter
  // their cells in index order, so a rebuild from the same positions gives the same scan order
  // (bit-identical resumes).
  void build(const std::vector<Vec3>& positions);
  // Moves particle i to the cell of (wrapped) position r.
  void move(std::size_t i, const Vec3& r);

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
          const int cx = wrap(c[0] + dx, n_[0]), cy = wrap(c[1] + dy, n_[1]), cz = wrap(c[2] + dz, n_[2]);
          const auto& cell = cells_[static_cast<std::size_t>((cz * n_[1] + cy) * n_[0] + cx)];
          f(cell.data(), cell.size());
        }
  }

  // Whether (wrapped) position r lies in particle i's cell: then both see the same neighbourhood.
  [[nodiscard]] bool in_cell_of(std::size_t i, const Vec3& r) const { return cell_index(r) == cell_of_[i]; }

  [[nodiscard]] std::array<int, 3> dims() const { return n_; }

 private:
  [[nodiscard]] std::array<int, 3> cell_coords(const Vec3& r) const;
  [[nodiscard]] std::size_t cell_index(const Vec3& r) const;
  static int wrap(int c, int n) { return c < 0 ? c + n : (c >= n ? c - n : c); }
  void size_for(std::size_t particles);

  Box box_;
  double cutoff_;
  std::array<int, 3> n_{1, 1, 1};
  std::array<std::vector<int>, 3> offsets_;
  std::vector<std::vector<std::int32_t>> cells_;
  std::vector<std::size_t> cell_of_;  // cell of each particle
  std::vector<std::size_t> slot_;     // index of each particle inside its cell's vector
};

}  // namespace vitrum
