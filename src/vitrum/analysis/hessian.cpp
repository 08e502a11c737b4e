#include "vitrum/analysis/hessian.hpp"

#include <array>
#include <cmath>
#include <vector>

#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

SparseMatrix hessian(const Potential& u, const Particles& p, const Box& box, bool mass_weighted) {
  const std::size_t n = p.size();
  if (mass_weighted && p.mass.size() != n) throw Error("hessian: particle masses are missing");
  std::vector<std::array<double, 9>> diag(n, std::array<double, 9>{});
  std::vector<Eigen::Triplet<double, int>> triplets;
  const PairVisitor pairs(box, p.position, u.cutoff());
  auto inv_sqrt_mass = [&](std::size_t i) { return mass_weighted ? 1.0 / std::sqrt(p.mass[i]) : 1.0; };
  pairs.for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
    const double rsq = norm2(d);
    const PairStiffness s = pair_stiffness(u, p, i, j, rsq);
    if (s.kappa == 0.0 && s.dv_dr_r == 0.0) return;  // beyond this pair's cut-off
    std::array<double, 9> k{};
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) k[3 * a + b] = s.kappa * d[a] * d[b] / rsq + (a == b ? s.dv_dr_r : 0.0);
    for (int e = 0; e < 9; ++e) {
      diag[i][e] += k[e];
      diag[j][e] += k[e];
    }
    const std::size_t hi = std::max(i, j), lo = std::min(i, j);
    const double scale = inv_sqrt_mass(i) * inv_sqrt_mass(j);
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        triplets.emplace_back(static_cast<int>(3 * hi + a), static_cast<int>(3 * lo + b), -k[3 * a + b] * scale);
  });
  for (std::size_t i = 0; i < n; ++i) {
    const double scale = inv_sqrt_mass(i) * inv_sqrt_mass(i);
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b <= a; ++b)
        triplets.emplace_back(static_cast<int>(3 * i + a), static_cast<int>(3 * i + b), diag[i][3 * a + b] * scale);
  }
  SparseMatrix h(static_cast<int>(3 * n), static_cast<int>(3 * n));
  h.setFromTriplets(triplets.begin(), triplets.end());  // sums duplicates (a pair seen through two images)
  return h;
}

}  // namespace vitrum::analysis
