#include "vitrum/core/box.hpp"

#include <cmath>

#include "vitrum/core/error.hpp"

namespace vitrum {

Box::Box(Vec3 lo, Vec3 lengths, double xy) : lo_(lo), xy_(xy) { assign_lengths(lengths); }

void Box::set_lengths(const Vec3& lengths) {
  const double old_ly = L_.y;
  assign_lengths(lengths);
  xy_ *= lengths.y / old_ly;
}

void Box::assign_lengths(const Vec3& lengths) {
  if (!(lengths.x > 0 && lengths.y > 0 && lengths.z > 0) || !std::isfinite(lengths.x) ||
      !std::isfinite(lengths.y) || !std::isfinite(lengths.z))
    throw Error("box lengths must be positive and finite");
  L_ = lengths;
  inv_L_ = {1.0 / L_.x, 1.0 / L_.y, 1.0 / L_.z};
}

Vec3 Box::perpendicular_widths() const {
  return {L_.x * L_.y / std::sqrt(L_.y * L_.y + xy_ * xy_), L_.y, L_.z};
}

Vec3 Box::to_fractional(const Vec3& r) const {
  const Vec3 d = r - lo_;
  const double sy = d.y * inv_L_.y;
  return {(d.x - xy_ * sy) * inv_L_.x, sy, d.z * inv_L_.z};
}

Vec3 Box::from_fractional(const Vec3& s) const {
  return {lo_.x + s.x * L_.x + s.y * xy_, lo_.y + s.y * L_.y, lo_.z + s.z * L_.z};
}

void Box::wrap(Vec3& r, Int3& image) const {
  // Subtract whole lattice vectors so the arithmetic is the same as unwrap()'s inverse.
  const Vec3 s = to_fractional(r);
  const int nz = static_cast<int>(std::floor(s.z));
  const int ny = static_cast<int>(std::floor(s.y));
  if (nz != 0) { r.z -= nz * L_.z; image[2] += nz; }
  if (ny != 0) { r.y -= ny * L_.y; r.x -= ny * xy_; image[1] += ny; }
  const double sx = (r.x - lo_.x - xy_ * ((r.y - lo_.y) * inv_L_.y)) * inv_L_.x;
  const int nx = static_cast<int>(std::floor(sx));
  if (nx != 0) { r.x -= nx * L_.x; image[0] += nx; }
  // Round-off can leave a coordinate exactly on the upper face; fold it once more.
  if (r.z >= lo_.z + L_.z) { r.z -= L_.z; image[2] += 1; }
  if (r.y >= lo_.y + L_.y) { r.y -= L_.y; r.x -= xy_; image[1] += 1; }
}

Vec3 Box::unwrap(const Vec3& r, const Int3& image) const {
  return {r.x + image[0] * L_.x + image[1] * xy_, r.y + image[1] * L_.y, r.z + image[2] * L_.z};
}

void Box::shear_xy(double dgamma) {
  xy_ += dgamma * L_.y;
  strain_xy_ += dgamma;
}

int Box::flip_tilt() {
  const int n = static_cast<int>(std::nearbyint(xy_ / L_.x));
  if (std::abs(xy_) > 0.5 * L_.x && n != 0) {
    xy_ -= n * L_.x;
    return n;
  }
  return 0;
}

}  // namespace vitrum
