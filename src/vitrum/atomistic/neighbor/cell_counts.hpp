// How many cells a cell list lays over the box: as many as the cut-off allows, but never more than O(N) in all.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "vitrum/core/vec3.hpp"

namespace vitrum {

// At most this many cells, or two per particle when that is more: a dilute system in a huge box (3 atoms in a
// side of 1e6) would otherwise ask for ~ volume / cut-off³ cells (std::bad_alloc). A dense liquid has fewer
// cells than particles, so the cap binds only in dilute boxes.
inline constexpr std::size_t kCellCapFloor = std::size_t{1} << 15;
inline std::size_t max_cells_for(std::size_t particles) { return std::max(kCellCapFloor, 2 * particles); }

struct CellCounts {
  std::array<int, 3> n{1, 1, 1};
  bool capped = false;  // the cut-off allowed more cells than max_cells: some cells are wider than they need be
};

// Cells a side along each perpendicular width w[d]: floor(reach · w[d] / width), at least 1, so that `reach`
// cells span at least `width`. When their product exceeds max_cells, the direction with the most cells has its
// count halved (rounding up) until it fits: cells only grow, so every cell stays at least width / reach wide and
// a list built on it stays exact. Without the cap the counts are exactly the plain formula (same layout).
inline CellCounts cell_counts(const Vec3& w, double width, int reach, std::size_t max_cells) {
  const double cap = static_cast<double>(std::max<std::size_t>(1, max_cells));
  std::array<double, 3> m{};
  double product = 1;
  for (int d = 0; d < 3; ++d) {
    m[d] = std::max(1.0, std::floor(reach * w[d] / width));  // no int conversion yet: w / width may exceed INT_MAX
    product *= m[d];
  }
  CellCounts out;
  out.capped = !(product <= cap);
  if (out.capped) {
    for (double& c : m) c = std::min(c, cap);
    while (m[0] * m[1] * m[2] > cap) {
      const auto d = static_cast<std::size_t>(std::max_element(m.begin(), m.end()) - m.begin());
      m[d] = std::ceil(m[d] / 2);
    }
  }
  for (int d = 0; d < 3; ++d) out.n[d] = static_cast<int>(m[d]);
  return out;
}

}  // namespace vitrum
