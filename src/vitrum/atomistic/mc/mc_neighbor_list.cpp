#include "vitrum/atomistic/mc/mc_neighbor_list.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/atomistic/mc/cell_grid.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {
constexpr int kReach = 2;                    // lattice translations k in {-2..2} per direction
constexpr int kSpan = 2 * kReach + 1;
}  // namespace

McNeighborList::McNeighborList(const Box& box, double cutoff, double skin)
    : box_(box),
      radius_sq_((cutoff + skin) * (cutoff + skin)),
      half_skin_sq_(0.25 * skin * skin),
      radius_(cutoff + skin) {
  const Vec3 a{box.lengths().x, 0, 0}, b{box.xy(), box.lengths().y, 0}, c{0, 0, box.lengths().z};
  for (int kz = -kReach; kz <= kReach; ++kz)
    for (int ky = -kReach; ky <= kReach; ++ky)
      for (int kx = -kReach; kx <= kReach; ++kx)
        shifts_.push_back(static_cast<double>(kx) * a + static_cast<double>(ky) * b + static_cast<double>(kz) * c);
}

bool McNeighborList::fits(const Box& box, double cutoff, double skin) {
  const Vec3 w = box.perpendicular_widths();
  return 2.0 * (cutoff + skin) <= std::min({w.x, w.y, w.z});
}

void McNeighborList::build(const std::vector<Vec3>& wrapped) {
  built_ = wrapped;
  u_ = wrapped;
  build_entries();
}

void McNeighborList::build_entries() {
  const std::size_t n = built_.size();
  Particles cells;  // CellGrid's compact blocks need only positions (types and diameters are not read here)
  cells.position = built_;
  cells.type.assign(n, 1);
  CellGrid grid(box_, radius_);
  grid.build(cells);
  begin_.assign(n + 1, 0);
  partner_.clear();
  image_.clear();
  const Vec3 L = box_.lengths();
  // The lattice translation S = k_x a + k_y b + k_z c as its index into shifts_.
  const auto code_of = [&](const Vec3& s) {
    const double kz = std::nearbyint(s.z / L.z), ky = std::nearbyint(s.y / L.y);
    const double kx = std::nearbyint((s.x - ky * box_.xy()) / L.x);
    if (std::max({std::abs(kx), std::abs(ky), std::abs(kz)}) > kReach)
      throw Error("Monte Carlo neighbour list: a position is outside the box (wrap it first)");
    return static_cast<std::uint8_t>((static_cast<int>(kx) + kReach) +
                                     kSpan * ((static_cast<int>(ky) + kReach) + kSpan * (static_cast<int>(kz) + kReach)));
  };
  std::vector<double> rsq;
  for (std::size_t i = 0; i < n; ++i) {
    begin_[i] = partner_.size();
    const Vec3 ri = built_[i];
    grid.for_each_block_near(ri, [&](const CellBlock& b) {
      if (b.min_image_box != nullptr) {  // a direction with fewer than three cells: the minimum image per candidate
        for (std::size_t k = 0; k < b.count; ++k) {
          const Vec3 raw = ri - Vec3{b.x[k], b.y[k], b.z[k]};
          const Vec3 d = box_.min_image(raw);
          const auto j = b.index[k];
          if (norm2(d) >= radius_sq_ || j < 0 || static_cast<std::size_t>(j) == i) continue;
          partner_.push_back(j);
          image_.push_back(code_of(raw - d));  // raw − d: the S with built_j + S next to built_i
        }
        return;
      }
      if (rsq.size() < b.count) rsq.resize(2 * b.count);
      squared_distances(b.x, b.y, b.z, b.count, ri - b.shift, rsq.data());
      const std::uint8_t code = code_of(b.shift);
      for (std::size_t k = 0; k < b.count; ++k) {
        const auto j = b.index[k];
        if (rsq[k] >= radius_sq_ || j < 0 || static_cast<std::size_t>(j) == i) continue;
        partner_.push_back(j);
        image_.push_back(code);
      }
    });
  }
  begin_[n] = partner_.size();
}

CellBlock McNeighborList::gather(std::size_t i, const Particles& p) {
  const std::size_t from = begin_[i], count = begin_[i + 1] - from;
  if (x_.size() < count) {
    for (auto* v : {&x_, &y_, &z_, &diameter_}) v->resize(2 * count);
    type_.resize(2 * count);
    index_.resize(2 * count);
  }
  const bool diameters = p.diameter.size() == p.size();
  for (std::size_t k = 0; k < count; ++k) {
    const auto j = static_cast<std::size_t>(partner_[from + k]);
    const Vec3 r = u_[j] + shifts_[image_[from + k]];
    x_[k] = r.x;
    y_[k] = r.y;
    z_[k] = r.z;
    diameter_[k] = diameters ? p.diameter[j] : 0.0;
    type_[k] = p.type[j];
    index_[k] = static_cast<std::int32_t>(j);
  }
  return {x_.data(), y_.data(), z_.data(), diameter_.data(), type_.data(), index_.data(), count, Vec3{}, nullptr, true};
}

void McNeighborList::checkpoint(Archive& ar) {
  ar(built_);
  ar(u_);
  if (ar.reading()) {
    if (built_.size() != u_.size()) ar.corrupt();
    if (!built_.empty()) build_entries();
  }
}

double McNeighborList::mean_length() const {
  return built_.empty() ? 0.0 : static_cast<double>(partner_.size()) / static_cast<double>(built_.size());
}

}  // namespace vitrum
