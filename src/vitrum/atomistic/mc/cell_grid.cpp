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

void CellGrid::reset(std::size_t particles, bool compact) {
  compact_ = compact;
  for (auto& c : cells_) c.clear();  // keeps capacity: every sweep rebuilds
  size_for(particles);
  cell_of_.resize(particles);
  slot_.resize(particles);
}

void CellGrid::build(const std::vector<Vec3>& positions) {
  reset(positions.size(), false);
  for (std::size_t i = 0; i < positions.size(); ++i) append(cell_index(positions[i]), i, positions[i], {});
}

void CellGrid::build(const Particles& p) {
  reset(p.size(), true);
  for (std::size_t i = 0; i < p.size(); ++i) append(cell_index(p.position[i]), i, p.position[i], identity_of(p, i));
}

void CellGrid::append(std::size_t cell, std::size_t i, const Vec3& r, const Identity& id) {
  Cell& c = cells_[cell];
  cell_of_[i] = cell;
  slot_[i] = c.index.size();
  c.index.push_back(static_cast<std::int32_t>(i));
  if (!compact_) return;
  c.x.push_back(r.x);
  c.y.push_back(r.y);
  c.z.push_back(r.z);
  c.diameter.push_back(id.diameter);
  c.type.push_back(id.type);
}

// Takes particle i out of its cell: the cell's last particle fills its slot (in every array).
void CellGrid::remove(std::size_t i) {
  Cell& c = cells_[cell_of_[i]];
  const std::size_t at = slot_[i], last = c.index.size() - 1;
  const std::int32_t moved = c.index[last];
  c.index[at] = moved;
  slot_[static_cast<std::size_t>(moved)] = at;
  c.index.pop_back();
  if (!compact_) return;
  for (auto* v : {&c.x, &c.y, &c.z, &c.diameter}) {
    (*v)[at] = (*v)[last];
    v->pop_back();
  }
  c.type[at] = c.type[last];
  c.type.pop_back();
}

void CellGrid::move(std::size_t i, const Vec3& r) {
  const std::size_t to = cell_index(r), from = cell_of_[i];
  if (to == from) {
    if (compact_) {
      Cell& c = cells_[from];
      c.x[slot_[i]] = r.x, c.y[slot_[i]] = r.y, c.z[slot_[i]] = r.z;
    }
    return;
  }
  Identity id;
  if (compact_) id = {cells_[from].type[slot_[i]], cells_[from].diameter[slot_[i]]};
  remove(i);
  append(to, i, r, id);
}

void CellGrid::set_identity(std::size_t i, const Identity& id) {
  if (!compact_) return;
  Cell& c = cells_[cell_of_[i]];
  c.type[slot_[i]] = id.type;
  c.diameter[slot_[i]] = id.diameter;
}

}  // namespace vitrum
