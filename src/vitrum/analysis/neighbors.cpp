#include "vitrum/analysis/neighbors.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

PairVisitor::PairVisitor(const Box& box, const std::vector<Vec3>& positions, double r_max)
    : list_(r_max > 0 ? r_max : 1.0, 0.0), shifts_(NeighborList::shift_vectors(box)), r_max_sq_(r_max * r_max) {
  if (!(r_max > 0)) throw Error(fmt::format("analysis: neighbour cut-off must be > 0 (got {})", r_max));
  Particles p;
  p.resize(positions.size());
  p.position = positions;
  list_.build(p, box);  // wraps the copy; bonds use the list's image shifts
  position_ = std::move(p.position);
}

Neighbors neighbors_within(const Box& box, const std::vector<Vec3>& positions, double r_max) {
  const PairVisitor pairs(box, positions, r_max);
  const std::size_t n = positions.size();
  Neighbors out;
  std::vector<std::size_t> count(n, 0);
  pairs.for_each([&](std::size_t i, std::size_t j, const Vec3&) { ++count[i]; ++count[j]; });
  out.offset.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) out.offset[i + 1] = out.offset[i] + count[i];
  out.index.resize(out.offset[n]);
  out.bond.resize(out.offset[n]);
  out.weight.assign(out.offset[n], 1.0);
  std::vector<std::size_t> fill(out.offset.begin(), out.offset.end() - 1);
  pairs.for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
    out.index[fill[i]] = static_cast<std::int32_t>(j);
    out.bond[fill[i]++] = d;
    out.index[fill[j]] = static_cast<std::int32_t>(i);
    out.bond[fill[j]++] = d * -1.0;
  });
  return out;
}

}  // namespace vitrum::analysis
