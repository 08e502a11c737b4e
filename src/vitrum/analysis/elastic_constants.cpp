#include "vitrum/analysis/elastic_constants.hpp"

#include <Eigen/Dense>

#include <chrono>
#include <fmt/format.h>
#include <vector>

#include "vitrum/analysis/hessian.hpp"
#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/analysis/sparse_cholesky.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace {
constexpr int kAlpha[6] = {0, 1, 2, 0, 0, 1};  // Sym6 order xx yy zz xy xz yz
constexpr int kBeta[6] = {0, 1, 2, 1, 2, 2};
}  // namespace

void ElasticConstants::compute(const Potential& u, const Particles& p, const Box& box) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t n = p.size();
  if (n < 2) throw Error("elastic: need at least two particles");
  const double volume = box.volume();
  born_ = {};
  stress_ = {};
  Eigen::MatrixXd xi = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(3 * n), 6);
  const PairVisitor pairs(box, p.position, u.cutoff());
  pairs.for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
    const double rsq = norm2(d);
    const PairStiffness s = pair_stiffness(u, p, i, j, rsq);
    if (s.kappa == 0.0 && s.dv_dr_r == 0.0) return;
    double rr[6];
    for (int a = 0; a < 6; ++a) rr[a] = d[kAlpha[a]] * d[kBeta[a]];
    for (int a = 0; a < 6; ++a) {
      stress_[a] += s.dv_dr_r * rr[a];
      for (int b = 0; b < 6; ++b) born_[a][b] += s.kappa * rr[a] * rr[b] / rsq;
      for (int m = 0; m < 3; ++m) {
        const double x = s.kappa * rr[a] * d[m] / rsq;
        xi(static_cast<Eigen::Index>(3 * i + m), a) -= x;
        xi(static_cast<Eigen::Index>(3 * j + m), a) += x;
      }
    }
  });
  for (int a = 0; a < 6; ++a) {
    stress_[a] /= volume;
    for (int b = 0; b < 6; ++b) born_[a][b] /= volume;
  }
  // Pin particle 0: drop its three rows and columns (Ξ is orthogonal to translations).
  const SparseMatrix h = hessian(u, p, box, false);
  const Eigen::Index m = h.rows() - 3;
  const SparseMatrix reduced = h.bottomRightCorner(m, m);
  const double assembly = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  SparseCholesky cholesky("elastic");
  if (!cholesky.factorize(reduced))
    throw Error("elastic: the Hessian is not positive definite (not an inherent structure, or rattlers)");
  const Eigen::MatrixXd rhs = xi.bottomRows(m);
  const Eigen::MatrixXd sol = cholesky.solve(rhs);
  if (!sol.allFinite())
    throw Error("elastic: the Hessian is not positive definite (not an inherent structure, or rattlers)");
  const Eigen::MatrixXd corr = rhs.transpose() * sol / volume;
  for (int a = 0; a < 6; ++a)
    for (int b = 0; b < 6; ++b) relax_[a][b] = corr(a, b);
  timing_ = {assembly, cholesky.factorization_seconds(), cholesky.solve_seconds(), 0.0, cholesky.solve_calls(),
             cholesky.factor_entries()};
}

Voigt6 ElasticConstants::constants() const {
  Voigt6 c{};
  for (int a = 0; a < 6; ++a)
    for (int b = 0; b < 6; ++b) c[a][b] = born_[a][b] - relax_[a][b];
  return c;
}

double ElasticConstants::shear_modulus_xy() const { return constants()[3][3] + stress_[1]; }
double ElasticConstants::affine_shear_modulus_xy() const { return born_[3][3] + stress_[1]; }

double ElasticConstants::bulk_modulus() const {
  const Voigt6 c = constants();
  return (c[0][0] + c[1][1] + c[2][2] + 2 * (c[0][1] + c[0][2] + c[1][2])) / 9.0;
}

double ElasticConstants::shear_modulus() const {
  const Voigt6 c = constants();
  return ((c[0][0] + c[1][1] + c[2][2]) - (c[0][1] + c[0][2] + c[1][2]) + 3 * (c[3][3] + c[4][4] + c[5][5])) / 15.0;
}

}  // namespace vitrum::analysis
