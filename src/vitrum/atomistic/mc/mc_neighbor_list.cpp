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
      build_radius_sq_((cutoff + skin) * (cutoff + skin)),
      anchor_radius_sq_((cutoff + 1.5 * skin) * (cutoff + 1.5 * skin)),
      half_skin_sq_(0.25 * skin * skin),
      build_radius_(cutoff + skin) {
  const Vec3 a{box.lengths().x, 0, 0}, b{box.xy(), box.lengths().y, 0}, c{0, 0, box.lengths().z};
  for (int kz = -kReach; kz <= kReach; ++kz)
    for (int ky = -kReach; ky <= kReach; ++ky)
      for (int kx = -kReach; kx <= kReach; ++kx)
        shifts_.push_back(static_cast<double>(kx) * a + static_cast<double>(ky) * b + static_cast<double>(kz) * c);
}

bool McNeighborList::fits(const Box& box, double cutoff, double skin) {
  const Vec3 w = box.perpendicular_widths();
  return 2.0 * (cutoff + 1.5 * skin) <= std::min({w.x, w.y, w.z});
}

std::uint8_t McNeighborList::image_code(const Vec3& s) const {
  const Vec3 L = box_.lengths();
  const double kz = std::nearbyint(s.z / L.z), ky = std::nearbyint(s.y / L.y);
  const double kx = std::nearbyint((s.x - ky * box_.xy()) / L.x);
  if (std::max({std::abs(kx), std::abs(ky), std::abs(kz)}) > kReach)
    throw Error("Monte Carlo neighbour list: a position is outside the box (wrap it first)");
  return static_cast<std::uint8_t>((static_cast<int>(kx) + kReach) +
                                   kSpan * ((static_cast<int>(ky) + kReach) + kSpan * (static_cast<int>(kz) + kReach)));
}

void McNeighborList::build(const std::vector<Vec3>& wrapped) {
  const std::size_t n = wrapped.size();
  anchor_ = wrapped;
  u_ = wrapped;
  Particles cells;  // CellGrid's compact blocks need only positions (types and diameters are not read here)
  cells.position = wrapped;
  cells.type.assign(n, 1);
  CellGrid grid(box_, build_radius_);
  grid.build(cells);
  // First into one flat array, then into slots of a capacity with room for the lists to grow by re-anchoring.
  std::vector<std::size_t> begin(n + 1, 0);
  std::vector<std::int32_t> partner;
  std::vector<std::uint8_t> image;
  std::vector<double> rsq;
  for (std::size_t i = 0; i < n; ++i) {
    begin[i] = partner.size();
    const Vec3 ri = wrapped[i];
    grid.for_each_block_near(ri, [&](const CellBlock& b) {
      if (b.min_image_box != nullptr) {  // a direction with fewer than three cells: the minimum image per candidate
        for (std::size_t k = 0; k < b.count; ++k) {
          const Vec3 raw = ri - Vec3{b.x[k], b.y[k], b.z[k]};
          const Vec3 d = box_.min_image(raw);
          const auto j = b.index[k];
          if (norm2(d) >= build_radius_sq_ || j < 0 || static_cast<std::size_t>(j) == i) continue;
          partner.push_back(j);
          image.push_back(image_code(raw - d));  // raw − d: the S with x_j + S next to x_i
        }
        return;
      }
      if (rsq.size() < b.count) rsq.resize(2 * b.count);
      squared_distances(b.x, b.y, b.z, b.count, ri - b.shift, rsq.data());
      const std::uint8_t code = image_code(b.shift);
      for (std::size_t k = 0; k < b.count; ++k) {
        const auto j = b.index[k];
        if (rsq[k] >= build_radius_sq_ || j < 0 || static_cast<std::size_t>(j) == i) continue;
        partner.push_back(j);
        image.push_back(code);
      }
    });
  }
  begin[n] = partner.size();
  std::size_t longest = 0;
  for (std::size_t i = 0; i < n; ++i) longest = std::max(longest, begin[i + 1] - begin[i]);
  capacity_ = longest + longest / 2 + 16;
  count_.assign(n, 0);
  partner_.assign(n * capacity_, -1);
  image_.assign(n * capacity_, 0);
  for (std::size_t i = 0; i < n; ++i) {
    count_[i] = static_cast<std::uint32_t>(begin[i + 1] - begin[i]);
    std::copy(partner.begin() + static_cast<std::ptrdiff_t>(begin[i]),
              partner.begin() + static_cast<std::ptrdiff_t>(begin[i + 1]), partner_.begin() + static_cast<std::ptrdiff_t>(i * capacity_));
    std::copy(image.begin() + static_cast<std::ptrdiff_t>(begin[i]), image.begin() + static_cast<std::ptrdiff_t>(begin[i + 1]),
              image_.begin() + static_cast<std::ptrdiff_t>(i * capacity_));
  }
}

bool McNeighborList::set_entry(std::size_t i, std::int32_t partner, std::uint8_t code) {
  const std::size_t at = i * capacity_;
  for (std::size_t k = 0; k < count_[i]; ++k)
    if (partner_[at + k] == partner) {
      image_[at + k] = code;
      return true;
    }
  if (count_[i] == capacity_) return false;
  partner_[at + count_[i]] = partner;
  image_[at + count_[i]] = code;
  ++count_[i];
  return true;
}

void McNeighborList::drop_entry(std::size_t i, std::int32_t partner) {
  const std::size_t at = i * capacity_;
  for (std::size_t k = 0; k < count_[i]; ++k)
    if (partner_[at + k] == partner) {  // the last entry takes its place
      --count_[i];
      partner_[at + k] = partner_[at + count_[i]];
      image_[at + k] = image_[at + count_[i]];
      return;
    }
}

bool McNeighborList::reanchor(std::size_t i, const Vec3& r) {
  const std::size_t n = u_.size(), at = i * capacity_;
  anchor_[i] = u_[i] = r;
  const auto self = static_cast<std::int32_t>(i);
  // Its old partners lose it (those still near get it back below, with the image seen from the new position).
  for (std::size_t k = 0; k < count_[i]; ++k) drop_entry(static_cast<std::size_t>(partner_[at + k]), self);
  count_[i] = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (j == i) continue;
    const Vec3 raw = r - u_[j];
    const Vec3 d = box_.min_image(raw);
    if (norm2(d) >= anchor_radius_sq_) continue;
    const Vec3 s = raw - d;  // u_j + s next to r; seen from j, the image of i is r − s
    if (!set_entry(i, static_cast<std::int32_t>(j), image_code(s))) return false;
    if (!set_entry(j, self, image_code(-1.0 * s))) return false;
  }
  return true;
}

CellBlock McNeighborList::gather(std::size_t i, const Particles& p) {
  const std::size_t from = i * capacity_, count = count_[i];
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
  ar(anchor_);
  ar(u_);
  std::uint64_t capacity = capacity_;
  ar(capacity);
  capacity_ = capacity;
  ar(count_);
  ar(partner_);
  ar(image_);
  if (ar.reading()) {
    const std::size_t n = anchor_.size();
    if (u_.size() != n || count_.size() != n || partner_.size() != n * capacity_ || image_.size() != n * capacity_)
      ar.corrupt();
    for (std::size_t i = 0; i < n; ++i) {
      if (count_[i] > capacity_) ar.corrupt();
      for (std::size_t k = i * capacity_; k < i * capacity_ + count_[i]; ++k)
        if (partner_[k] < 0 || static_cast<std::size_t>(partner_[k]) >= n || image_[k] >= shifts_.size()) ar.corrupt();
    }
  }
}

double McNeighborList::mean_length() const {
  double total = 0;
  for (const auto c : count_) total += c;
  return anchor_.empty() ? 0.0 : total / static_cast<double>(anchor_.size());
}

}  // namespace vitrum
