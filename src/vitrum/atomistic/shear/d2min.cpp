// D²min over a cut-off, with the neighbour pairs taken from a cell-list neighbour list of the reference.
#include "vitrum/atomistic/shear/d2min.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "vitrum/atomistic/neighbor/neighbor_list.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

using Mat3 = std::array<std::array<double, 3>, 3>;

double get(const Vec3& v, int a) { return a == 0 ? v.x : (a == 1 ? v.y : v.z); }

void accumulate(Mat3& X, Mat3& Y, const Vec3& d, const Vec3& d0) {
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      X[a][b] += get(d, a) * get(d0, b);
      Y[a][b] += get(d0, a) * get(d0, b);
    }
}

bool invert(const Mat3& m, Mat3& inv) {
  const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                     m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                     m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const double scale = std::abs(m[0][0]) + std::abs(m[1][1]) + std::abs(m[2][2]);
  if (!(std::abs(det) > 1e-12 * scale * scale * scale)) return false;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      const int a1 = (b + 1) % 3, a2 = (b + 2) % 3, b1 = (a + 1) % 3, b2 = (a + 2) % 3;
      inv[a][b] = (m[a1][b1] * m[a2][b2] - m[a1][b2] * m[a2][b1]) / det;
    }
  return true;
}

}  // namespace

std::vector<double> d2min(const Configuration& reference, const Configuration& current, double cutoff) {
  const std::size_t n = reference.particles.size();
  if (current.particles.size() != n)
    throw Error(fmt::format("d2min: the configurations hold {} and {} particles", n, current.particles.size()));
  if (reference.particles.id != current.particles.id)
    throw Error("d2min: the configurations list different particle ids (or a different order)");
  const Vec3 L0 = reference.box.lengths(), L1 = current.box.lengths();
  if (std::abs(L0.x - L1.x) > 1e-12 * L0.x || std::abs(L0.y - L1.y) > 1e-12 * L0.y || std::abs(L0.z - L1.z) > 1e-12 * L0.z)
    throw Error("d2min: the box lengths differ; only a change of the xy tilt (shear strain) is supported");
  if (!(cutoff > 0)) throw Error(fmt::format("d2min: cutoff must be positive, got {}", cutoff));
  const Box& box0 = reference.box;
  const double shift_per_ky = (current.box.strain_xy() - box0.strain_xy()) * L0.y;

  // Neighbour pairs of the reference (the list wraps a copy; images are updated with it).
  Particles p0 = reference.particles;
  NeighborList list(cutoff, 0.0);
  list.build(p0, box0);
  const auto shifts = NeighborList::shift_vectors(box0);
  std::vector<Vec3> u(n);
  for (std::size_t i = 0; i < n; ++i)
    u[i] = current.box.unwrap(current.particles.position[i], current.particles.image[i]) -
           box0.unwrap(p0.position[i], p0.image[i]);

  // The pair now: d0 = R_j − R_i + L0·k in unwrapped reference positions R, k = list image − image_j + image_i
  // (lattice units); under the strain change the lattice vector b gains Δγ·Ly along x.
  auto current_pair = [&](std::size_t i, std::size_t j, const Vec3& shift, const Vec3& d0) {
    const double ky = std::nearbyint(shift.y / L0.y) - p0.image[j][1] + p0.image[i][1];
    return d0 + (u[j] - u[i]) + Vec3{ky * shift_per_ky, 0, 0};
  };
  std::vector<Mat3> X(n, Mat3{}), Y(n, Mat3{});
  const double rc2 = cutoff * cutoff;
  // Calls f(i, j, d, d0) once for every pair within the cut-off in the reference configuration.
  auto for_each_pair = [&](auto&& f) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto js = list.neighbors(i);
      const auto codes = list.images(i);
      for (std::size_t k = 0; k < js.size(); ++k) {
        const auto j = static_cast<std::size_t>(js[k]);
        const Vec3 shift = shifts[codes[k]];
        const Vec3 d0 = p0.position[j] + shift - p0.position[i];
        if (norm2(d0) >= rc2) continue;
        f(i, j, current_pair(i, j, shift, d0), d0);
      }
    }
  };
  for_each_pair([&](std::size_t i, std::size_t j, const Vec3& d, const Vec3& d0) {
    accumulate(X[i], Y[i], d, d0);
    accumulate(X[j], Y[j], -1.0 * d, -1.0 * d0);
  });
  // A planar system has no z extent: fix J's z row and column to the identity (the 2D least squares).
  if (reference.dimension == 2)
    for (std::size_t i = 0; i < n; ++i) X[i][2][2] = Y[i][2][2] = 1.0;
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  // J_i = X Y⁻¹; second pass sums |d − J d0|² over the same pairs.
  std::vector<Mat3> J(n);
  std::vector<char> ok(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    Mat3 inv{};
    if (!invert(Y[i], inv)) continue;
    ok[i] = 1;
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) {
        double sum = 0;
        for (int c = 0; c < 3; ++c) sum += X[i][a][c] * inv[c][b];
        J[i][a][b] = sum;
      }
    out[i] = 0.0;
  }
  auto residual = [&](std::size_t i, const Vec3& d, const Vec3& d0) {
    const Vec3 jd{J[i][0][0] * d0.x + J[i][0][1] * d0.y + J[i][0][2] * d0.z,
                  J[i][1][0] * d0.x + J[i][1][1] * d0.y + J[i][1][2] * d0.z,
                  J[i][2][0] * d0.x + J[i][2][1] * d0.y + J[i][2][2] * d0.z};
    return norm2(d - jd);
  };
  for_each_pair([&](std::size_t i, std::size_t j, const Vec3& d, const Vec3& d0) {
    if (ok[i]) out[i] += residual(i, d, d0);
    if (ok[j]) out[j] += residual(j, -1.0 * d, -1.0 * d0);
  });
  return out;
}

}  // namespace vitrum
