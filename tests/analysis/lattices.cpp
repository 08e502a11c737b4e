#include "lattices.hpp"

#include <cmath>

namespace vitrum::test {

namespace {
Lattice cubic(int n, double a, const std::vector<Vec3>& basis) {
  Lattice out{Box({0, 0, 0}, {n * a, n * a, n * a}), {}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (const Vec3& b : basis) out.positions.push_back(Vec3{i + b.x, j + b.y, k + b.z} * a);
  return out;
}
}  // namespace

Lattice fcc(int n, double a) { return cubic(n, a, {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}); }
Lattice bcc(int n, double a) { return cubic(n, a, {{0, 0, 0}, {0.5, 0.5, 0.5}}); }

Lattice hcp(int nx, int ny, int nz, double a) {
  const double b = a * std::sqrt(3.0), c = a * std::sqrt(8.0 / 3.0);
  const std::vector<Vec3> basis{{0, 0, 0}, {0.5 * a, 0.5 * b, 0}, {0.5 * a, b / 6.0, 0.5 * c}, {0, 2.0 * b / 3.0, 0.5 * c}};
  Lattice out{Box({0, 0, 0}, {nx * a, ny * b, nz * c}), {}};
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j)
      for (int k = 0; k < nz; ++k)
        for (const Vec3& v : basis) out.positions.push_back(v + Vec3{i * a, j * b, k * c});
  return out;
}

Lattice icosahedron(double r, double box_length) {
  const double h = box_length / 2, g = (1.0 + std::sqrt(5.0)) / 2.0, s = r / std::sqrt(1.0 + g * g);
  Lattice out{Box({0, 0, 0}, {box_length, box_length, box_length}), {{h, h, h}}};
  for (int p = -1; p <= 1; p += 2)
    for (int q = -1; q <= 1; q += 2) {
      out.positions.push_back(Vec3{h, h + p * s, h + q * g * s});
      out.positions.push_back(Vec3{h + p * s, h + q * g * s, h});
      out.positions.push_back(Vec3{h + q * g * s, h, h + p * s});
    }
  return out;
}

}  // namespace vitrum::test
