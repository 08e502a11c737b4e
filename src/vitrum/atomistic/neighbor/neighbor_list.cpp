#include "vitrum/atomistic/neighbor/neighbor_list.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/neighbor/cell_counts.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {
constexpr int code_of(int ox, int oy, int oz) { return (ox + 1) + 3 * (oy + 1) + 9 * (oz + 1); }
}  // namespace

NeighborList::NeighborList(double cutoff, double skin) : cutoff_(cutoff), skin_(skin) {
  if (!(cutoff > 0) || !(skin >= 0))
    throw Error(fmt::format("neighbour list: cut-off ({}) must be > 0 and skin ({}) >= 0", cutoff, skin));
}

void NeighborList::set_type_cutoffs(int ntypes, const std::vector<double>& cutoffs) {
  if (static_cast<int>(cutoffs.size()) != ntypes * ntypes) throw Error("neighbour list: cut-off table has the wrong size");
  ntypes_ = ntypes;
  type_list_sq_.assign(static_cast<std::size_t>((ntypes + 1) * (ntypes + 1)), 0.0);
  for (int a = 1; a <= ntypes; ++a)
    for (int b = 1; b <= ntypes; ++b) {
      const double r = std::min(cutoffs[(a - 1) * ntypes + (b - 1)], cutoff_) + skin_;
      type_list_sq_[a * (ntypes + 1) + b] = r * r;
    }
}

std::array<Vec3, 27> NeighborList::shift_vectors(const Box& box) {
  std::array<Vec3, 27> s{};
  const Vec3 L = box.lengths();
  for (int oz = -1; oz <= 1; ++oz)
    for (int oy = -1; oy <= 1; ++oy)
      for (int ox = -1; ox <= 1; ++ox)
        s[code_of(ox, oy, oz)] = {ox * L.x + oy * box.xy(), oy * L.y, oz * L.z};
  return s;
}

void NeighborList::build(Particles& p, const Box& box) {
  const double r_list = cutoff_ + skin_;
  const Vec3 w = box.perpendicular_widths();
  if (2.0 * r_list > std::min({w.x, w.y, w.z}))
    throw Error(fmt::format(
        "box too small: its narrowest width {:.6g} is less than twice the cut-off plus skin (2 x {:.6g})",
        std::min({w.x, w.y, w.z}), r_list));
  for (std::size_t i = 0; i < p.size(); ++i) box.wrap(p.position[i], p.image[i]);
  if (sorting_) {
    // Order particles along a coarse cell grid (r_list cells, z-major, at most max_cells_for(N)) so that
    // neighbours sit close in memory; a stable counting sort keeps it deterministic.
    const auto [nx, ny, nz] = cell_counts(w, r_list, 1, max_cells_for(p.size())).n;
    std::vector<int> cell(p.size());
    std::vector<std::size_t> start(static_cast<std::size_t>(nx) * ny * nz + 1, 0);
    for (std::size_t i = 0; i < p.size(); ++i) {
      const Vec3 s = box.to_fractional(p.position[i]);
      const int cx = std::clamp(static_cast<int>(s.x * nx), 0, nx - 1), cy = std::clamp(static_cast<int>(s.y * ny), 0, ny - 1),
                cz = std::clamp(static_cast<int>(s.z * nz), 0, nz - 1);
      cell[i] = cx + nx * (cy + ny * cz);
      ++start[cell[i] + 1];
    }
    for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    std::vector<std::size_t> order(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) order[start[cell[i]]++] = i;
    p.reorder(order);
  }
  types_ = p.type;
  build_from(p.position, box);
}

void NeighborList::restore(const std::vector<Vec3>& positions, const std::vector<int>& types, const Box& box) {
  types_ = types;
  build_from(positions, box);
}

void NeighborList::build_from(const std::vector<Vec3>& pos, const Box& box) {
  const std::size_t n = pos.size();
  const double r_list = cutoff_ + skin_;
  const double r_list_sq = r_list * r_list;
  const Vec3 w = box.perpendicular_widths();
  // Cells of at least r_list/2 with a ±2 stencil check half the volume of r_list cells with a ±1
  // stencil; small boxes (fewer than 5 cells a side) fall back to r_list cells. A dilute box, where
  // the cut-off allows more than max_cells_for(N) cells, also takes the ±1 stencil, over cells made
  // wider than r_list until they number at most max_cells_for(N): memory stays O(N) (the stencil
  // table below holds up to 63 entries a cell) and the list stays exact.
  const std::size_t max_cells = max_cells_for(n);
  int reach = 2;
  CellCounts grid = cell_counts(w, r_list, reach, max_cells);
  if (grid.capped || std::min({grid.n[0], grid.n[1], grid.n[2]}) < 2 * reach + 1) {
    reach = 1;
    grid = cell_counts(w, r_list, reach, max_cells);
  }
  const int nx = grid.n[0], ny = grid.n[1], nz = grid.n[2];
  const std::size_t ncell = static_cast<std::size_t>(nx) * ny * nz;

  // Counting sort of particles into cells (fractional coordinates, so the tilt is exact).
  std::vector<int> cell_of(n);
  std::vector<std::int32_t> cell_start(ncell + 1, 0), cell_members(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3 s = box.to_fractional(pos[i]);
    const int cx = std::clamp(static_cast<int>(s.x * nx), 0, nx - 1);
    const int cy = std::clamp(static_cast<int>(s.y * ny), 0, ny - 1);
    const int cz = std::clamp(static_cast<int>(s.z * nz), 0, nz - 1);
    cell_of[i] = cx + nx * (cy + ny * cz);
    ++cell_start[cell_of[i] + 1];
  }
  for (std::size_t c = 0; c < ncell; ++c) cell_start[c + 1] += cell_start[c];
  {
    std::vector<std::int32_t> fill(cell_start.begin(), cell_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) cell_members[fill[cell_of[i]]++] = static_cast<std::int32_t>(i);
  }

  const auto shifts = shift_vectors(box);
  const bool half_stencil = std::min({nx, ny, nz}) >= 2 * reach + 1;
  const bool typed = !type_list_sq_.empty() && types_.size() == n;
  const int span = 2 * reach + 1;

  // Stencil of every cell, computed once: (neighbour cell, image code, whether it is the own cell).
  // Half stencil: with at least 2·reach+1 cells per direction every stencil cell is a distinct
  // (cell, image) pair, so each pair is found once by taking the "forward" half of the stencil
  // plus j > i in the own cell. Otherwise the full stencil and j > i everywhere.
  struct StencilCell {
    std::int32_t cell;
    std::uint8_t code;
    bool own;
  };
  std::vector<StencilCell> stencil;
  std::vector<std::int32_t> stencil_start(ncell + 1, 0);
  stencil.reserve(ncell * static_cast<std::size_t>(span * span * span));
  for (int cz = 0; cz < nz; ++cz)
    for (int cy = 0; cy < ny; ++cy)
      for (int cx = 0; cx < nx; ++cx) {
        for (int oz = -reach; oz <= reach; ++oz) {
          const int z = cz + oz, wz = (z + nz) % nz, sz = z < 0 ? -1 : (z >= nz ? 1 : 0);
          for (int oy = -reach; oy <= reach; ++oy) {
            const int y = cy + oy, wy = (y + ny) % ny, sy = y < 0 ? -1 : (y >= ny ? 1 : 0);
            for (int ox = -reach; ox <= reach; ++ox) {
              const int offset = ox + span * oy + span * span * oz;
              if (half_stencil && offset < 0) continue;
              const int x = cx + ox, wx = (x + nx) % nx, sx = x < 0 ? -1 : (x >= nx ? 1 : 0);
              stencil.push_back({wx + nx * (wy + ny * wz), static_cast<std::uint8_t>(code_of(sx, sy, sz)),
                                 offset == 0 || !half_stencil});
            }
          }
        }
        stencil_start[cx + nx * (cy + ny * cz) + 1] = static_cast<std::int32_t>(stencil.size());
      }
  // Positions and types in cell order, so the inner loop reads contiguous memory.
  std::vector<Vec3> cell_pos(n);
  std::vector<int> cell_type(n, 0);
  for (std::size_t m = 0; m < n; ++m) {
    cell_pos[m] = pos[cell_members[m]];
    if (typed) cell_type[m] = types_[cell_members[m]];
  }
  const std::size_t row_len = static_cast<std::size_t>(ntypes_ + 1);
  // Generous first guess of the neighbour count; doubled and retried if any particle overflows.
  const double density = n / box.volume();
  if (stride_ == 0) stride_ = static_cast<std::size_t>(8 + 0.75 * 4.18879 * r_list * r_list * r_list * density);
  count_.assign(n, 0);
  for (;;) {
    // Rows of stride_ + 1 entries: the last is a scratch slot that the branch-free append below writes
    // rejected candidates (and any overflow) into.
    const std::size_t pitch = stride_ + 1;
    j_.resize(n * pitch);
    code_.resize(n * pitch);
    bool overflow = false;
    const Vec3* __restrict cp = cell_pos.data();
    const int* __restrict ct = cell_type.data();
    const std::int32_t* __restrict members = cell_members.data();
    const std::int32_t* __restrict cstart = cell_start.data();
#pragma omp parallel for schedule(dynamic, 64) reduction(|| : overflow)
    for (std::size_t i = 0; i < n; ++i) {
      const int c = cell_of[i];
      const double* __restrict row = typed ? type_list_sq_.data() + static_cast<std::size_t>(types_[i]) * row_len : nullptr;
      std::size_t k = 0;
      std::int32_t* __restrict out_j = j_.data() + i * pitch;
      std::uint8_t* __restrict out_code = code_.data() + i * pitch;
      const std::size_t cap = stride_;
      for (std::int32_t e = stencil_start[c]; e < stencil_start[c + 1]; ++e) {
        const StencilCell sc = stencil[e];
        const Vec3 xi = pos[i] - shifts[sc.code];
        const std::int32_t m_end = cstart[sc.cell + 1];
        for (std::int32_t m = cstart[sc.cell]; m < m_end; ++m) {
          const double dx = xi.x - cp[m].x, dy = xi.y - cp[m].y, dz = xi.z - cp[m].z;
          const double lim = typed ? row[ct[m]] : r_list_sq;
          // Branch-free append: every candidate is written at slot k (the scratch slot once the row is full) and
          // k advances only for a kept one; inside/outside the list radius is a coin flip the branch predictor
          // loses, the store is not. Same list, same order as the branching form.
          const std::int32_t j = members[m];
          const bool keep = (dx * dx + dy * dy + dz * dz < lim) & !(sc.own & (static_cast<std::size_t>(j) <= i));
          const std::size_t slot = k < cap ? k : cap;
          out_j[slot] = j;
          out_code[slot] = sc.code;
          k += keep ? 1 : 0;
        }
      }
      count_[i] = static_cast<std::int32_t>(k);
      if (k > stride_) overflow = true;
    }
    if (!overflow) break;
    stride_ = static_cast<std::size_t>(*std::max_element(count_.begin(), count_.end())) + 8;
  }
  build_positions_ = pos;
  build_box_ = box;
  ++builds_;
}

bool NeighborList::needs_rebuild(const Particles& p, const Box& box) const {
  if (builds_ == 0 || build_positions_.size() != p.size()) return true;
  // Box deformation F = h h0^-1 for upper-triangular h = [[Lx, xy, 0], [0, Ly, 0], [0, 0, Lz]].
  const Vec3 L = box.lengths(), L0 = build_box_.lengths();
  const double fxx = L.x / L0.x, fyy = L.y / L0.y, fzz = L.z / L0.z;
  const double fxy = (box.xy() - fxx * build_box_.xy()) / L0.y;
  const double strain = std::sqrt((fxx - 1) * (fxx - 1) + (fyy - 1) * (fyy - 1) + (fzz - 1) * (fzz - 1) + fxy * fxy);
  const double budget = skin_ - strain * (cutoff_ + skin_);
  if (budget <= 0) return true;
  const double limit_sq = 0.25 * budget * budget;
  const bool affine = strain != 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    Vec3 d = p.position[i] - build_positions_[i];
    if (affine) d = p.position[i] - box.from_fractional(build_box_.to_fractional(build_positions_[i]));
    if (norm2(d) > limit_sq) return true;
  }
  return false;
}

bool NeighborList::update(Particles& p, const Box& box) {
  if (!needs_rebuild(p, box)) return false;
  build(p, box);
  return true;
}

std::size_t NeighborList::pair_count() const {
  std::size_t s = 0;
  for (auto c : count_) s += static_cast<std::size_t>(c);
  return s;
}

}  // namespace vitrum
