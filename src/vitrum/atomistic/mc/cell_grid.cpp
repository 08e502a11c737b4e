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

namespace {
// Padding slots sit this far away: every distance to them exceeds any cut-off, and its square stays finite.
constexpr double kFar = 1e100;
}  // namespace

void CellGrid::clear_slot(std::size_t at) {
  index_[at] = -1;
  if (!compact_) return;
  x_[at] = y_[at] = z_[at] = kFar;
  diameter_[at] = 1.0;
  type_[at] = 1;
}

void CellGrid::set_slots(std::size_t slots) {
  const std::size_t cells = count_.size(), old = slots_;
  std::vector<std::int32_t> index(std::move(index_));
  std::vector<double> x(std::move(x_)), y(std::move(y_)), z(std::move(z_)), d(std::move(diameter_));
  std::vector<int> type(std::move(type_));
  slots_ = slots;
  index_.assign(cells * slots, -1);
  if (compact_) {
    x_.assign(cells * slots, kFar), y_.assign(cells * slots, kFar), z_.assign(cells * slots, kFar);
    diameter_.assign(cells * slots, 1.0);
    type_.assign(cells * slots, 1);
  }
  for (std::size_t c = 0; c < cells && old > 0; ++c)
    for (std::size_t k = 0; k < count_[c]; ++k) {
      const std::size_t from = c * old + k, to = c * slots + k;
      index_[to] = index[from];
      if (!compact_) continue;
      x_[to] = x[from], y_[to] = y[from], z_[to] = z[from], diameter_[to] = d[from], type_[to] = type[from];
    }
}

void CellGrid::reset(const std::vector<std::size_t>& cells, bool compact) {
  compact_ = compact;
  count_.assign(static_cast<std::size_t>(n_[0]) * n_[1] * n_[2], 0);
  for (const std::size_t c : cells) ++count_[c];
  // Room for the fullest cell and a few more, so that moves during a sweep rarely need a re-lay.
  const std::size_t fullest = count_.empty() ? 0 : *std::max_element(count_.begin(), count_.end());
  const std::size_t slots = (fullest + 4 + 3) / 4 * 4;
  std::fill(count_.begin(), count_.end(), 0);
  slots_ = 0;
  set_slots(slots);
  cell_of_.resize(cells.size());
  slot_.resize(cells.size());
}

void CellGrid::build(const std::vector<Vec3>& positions) {
  size_for(positions.size());
  std::vector<std::size_t> cells(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) cells[i] = cell_index(positions[i]);
  reset(cells, false);
  for (std::size_t i = 0; i < positions.size(); ++i) append(cells[i], i, positions[i], {});
}

void CellGrid::build(const Particles& p) {
  size_for(p.size());
  std::vector<std::size_t> cells(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) cells[i] = cell_index(p.position[i]);
  reset(cells, true);
  for (std::size_t i = 0; i < p.size(); ++i) append(cells[i], i, p.position[i], identity_of(p, i));
}

void CellGrid::append(std::size_t cell, std::size_t i, const Vec3& r, const Identity& id) {
  if (count_[cell] == slots_) set_slots(2 * slots_);
  const std::size_t at = cell * slots_ + count_[cell];
  cell_of_[i] = cell;
  slot_[i] = count_[cell]++;
  index_[at] = static_cast<std::int32_t>(i);
  if (!compact_) return;
  x_[at] = r.x, y_[at] = r.y, z_[at] = r.z;
  diameter_[at] = id.diameter;
  type_[at] = id.type;
}

// Takes particle i out of its cell: the cell's last particle fills its slot (in every array), which becomes padding.
void CellGrid::remove(std::size_t i) {
  const std::size_t cell = cell_of_[i], base = cell * slots_;
  const std::size_t at = base + slot_[i], last = base + --count_[cell];
  const std::int32_t moved = index_[last];
  index_[at] = moved;
  slot_[static_cast<std::size_t>(moved)] = slot_[i];
  if (compact_) {
    x_[at] = x_[last], y_[at] = y_[last], z_[at] = z_[last], diameter_[at] = diameter_[last], type_[at] = type_[last];
  }
  clear_slot(last);
}

void CellGrid::move(std::size_t i, const Vec3& r) {
  const std::size_t to = cell_index(r), from = cell_of_[i];
  const std::size_t at = from * slots_ + slot_[i];
  if (to == from) {
    if (compact_) x_[at] = r.x, y_[at] = r.y, z_[at] = r.z;
    return;
  }
  Identity id;
  if (compact_) id = {type_[at], diameter_[at]};
  remove(i);
  append(to, i, r, id);
}

void CellGrid::set_identity(std::size_t i, const Identity& id) {
  if (!compact_) return;
  const std::size_t at = cell_of_[i] * slots_ + slot_[i];
  type_[at] = id.type;
  diameter_[at] = id.diameter;
}

}  // namespace vitrum
