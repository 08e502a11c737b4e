#include "vitrum/atomistic/mc/cell_grid.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/neighbor/cell_counts.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

CellGrid::CellGrid(const Box& box, double cutoff) : box_(box), cutoff_(cutoff) {
  const Vec3 w = box.perpendicular_widths();
  const double narrowest = std::min({w.x, w.y, w.z});
  if (!(2.0 * cutoff <= narrowest))
    throw Error(fmt::format("Monte Carlo: the box is too small for the potential: its narrowest width {:.6g} is "
                            "less than twice the cut-off {:.6g} (use more particles)",
                            narrowest, cutoff));
}

void CellGrid::size_for(std::size_t particles) {
  // floor(w / cutoff) cells a side, at most max_cells_for(N) in all (a dilute box gets wider cells).
  const auto counts = cell_counts(box_.perpendicular_widths(), cutoff_, 1, max_cells_for(particles)).n;
  for (int d = 0; d < 3; ++d) {
    n_[d] = counts[d] >= 3 ? counts[d] : 1;
    offsets_[d] = n_[d] >= 3 ? std::vector<int>{-1, 0, 1} : std::vector<int>{0};
  }
  cells_.resize(static_cast<std::size_t>(n_[0]) * n_[1] * n_[2]);
}

std::array<int, 3> CellGrid::cell_coords(const Vec3& r) const {
  const Vec3 s = box_.to_fractional(r);
  std::array<int, 3> c{};
  for (int d = 0; d < 3; ++d) {
    const double f = s[d] - std::floor(s[d]);  // robust to round-off at the faces
    c[d] = std::min(n_[d] - 1, std::max(0, static_cast<int>(f * n_[d])));
  }
  return c;
}

std::size_t CellGrid::cell_index(const Vec3& r) const {
  const auto c = cell_coords(r);
  return static_cast<std::size_t>((c[2] * n_[1] + c[1]) * n_[0] + c[0]);
}

void CellGrid::build(const std::vector<Vec3>& positions) {
  for (auto& c : cells_) c.clear();
  size_for(positions.size());
  cell_of_.resize(positions.size());
  slot_.resize(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const std::size_t c = cell_index(positions[i]);
    cell_of_[i] = c;
    slot_[i] = cells_[c].size();
    cells_[c].push_back(static_cast<std::int32_t>(i));
  }
}

void CellGrid::move(std::size_t i, const Vec3& r) {
  const std::size_t to = cell_index(r), from = cell_of_[i];
  if (to == from) return;
  auto& old = cells_[from];
  const std::int32_t last = old.back();
  old[slot_[i]] = last;
  slot_[static_cast<std::size_t>(last)] = slot_[i];
  old.pop_back();
  cell_of_[i] = to;
  slot_[i] = cells_[to].size();
  cells_[to].push_back(static_cast<std::int32_t>(i));
}

}  // namespace vitrum
