#include "vitrum/continuum/elastic_projection.hpp"

#include <fmt/format.h>

#include <vector>

#include "vitrum/core/error.hpp"

namespace vitrum::continuum {

Moduli Moduli::from_young(double youngs_modulus, double poisson_ratio) {
  if (!(youngs_modulus > 0) || !(poisson_ratio > -1 && poisson_ratio < 0.5))
    throw Error("elastic moduli: need E > 0 and −1 < ν < 0.5");
  const double mu = youngs_modulus / (2.0 * (1.0 + poisson_ratio));
  const double lambda = youngs_modulus * poisson_ratio / ((1.0 + poisson_ratio) * (1.0 - 2.0 * poisson_ratio));
  return {mu, lambda + mu};
}

ElasticProjection::ElasticProjection(const Grid& grid, const Moduli& moduli) : g_(grid), m_(moduli) {
  if (g_.nx < 4 || g_.ny < 2 || !(g_.h > 0)) throw Error("continuum grid: need nx ≥ 4, ny ≥ 2 and h > 0");
  const double h = g_.h, ih = 1.0 / h;
  const auto nc = g_.cells();
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(8 * nc);
  b_ = Vector::Zero(static_cast<Eigen::Index>(g_.stress_size()));
  for (int j = 0; j < g_.ny; ++j)
    for (int i = 0; i < g_.nx; ++i) {
      const auto c = g_.cell(i, j);
      t.emplace_back(g_.xx(c), g_.u_index(i + 1, j), ih);
      t.emplace_back(g_.xx(c), g_.u_index(i, j), -ih);
      if (j + 1 < g_.ny) t.emplace_back(g_.yy(c), g_.v_index(i, j + 1), ih);
      if (j > 0) t.emplace_back(g_.yy(c), g_.v_index(i, j), -ih);
    }
  for (int j = 0; j <= g_.ny; ++j)
    for (int i = 0; i < g_.nx; ++i) {
      const auto row = g_.xy(g_.corner(i, j));
      if (j == 0) {  // Dxy = ½ (u − (−U)) / (h/2)
        t.emplace_back(row, g_.u_index(i, 0), ih);
        b_[static_cast<Eigen::Index>(row)] = ih;
      } else if (j == g_.ny) {  // Dxy = ½ (U − u) / (h/2)
        t.emplace_back(row, g_.u_index(i, g_.ny - 1), -ih);
        b_[static_cast<Eigen::Index>(row)] = ih;
      } else {
        t.emplace_back(row, g_.u_index(i, j), 0.5 * ih);
        t.emplace_back(row, g_.u_index(i, j - 1), -0.5 * ih);
        t.emplace_back(row, g_.v_index(i, j), 0.5 * ih);
        t.emplace_back(row, g_.v_index(i - 1, j), -0.5 * ih);
      }
    }
  const auto ns = static_cast<Eigen::Index>(g_.stress_size()), nu = static_cast<Eigen::Index>(g_.unknowns());
  G_.resize(ns, nu);
  G_.setFromTriplets(t.begin(), t.end());

  // W C as a sparse matrix: cells couple xx and yy; corners are diagonal.
  std::vector<Eigen::Triplet<double>> wc, w;
  const double area = h * h, kp = m_.bulk2d + m_.shear, km = m_.bulk2d - m_.shear;
  for (std::size_t c = 0; c < nc; ++c) {
    wc.emplace_back(g_.xx(c), g_.xx(c), area * kp);
    wc.emplace_back(g_.xx(c), g_.yy(c), area * km);
    wc.emplace_back(g_.yy(c), g_.xx(c), area * km);
    wc.emplace_back(g_.yy(c), g_.yy(c), area * kp);
    w.emplace_back(g_.xx(c), g_.xx(c), area);
    w.emplace_back(g_.yy(c), g_.yy(c), area);
  }
  for (int j = 0; j <= g_.ny; ++j)
    for (int i = 0; i < g_.nx; ++i) {
      const auto row = g_.xy(g_.corner(i, j));
      // σxy and σyx both work on Dxy: weight 2 × area inside, half a cell on a wall.
      const double wxy = (j == 0 || j == g_.ny) ? area : 2.0 * area;
      wc.emplace_back(row, row, wxy * 2.0 * m_.shear);
      w.emplace_back(row, row, wxy);
    }
  Eigen::SparseMatrix<double> WC(ns, ns), W(ns, ns);
  WC.setFromTriplets(wc.begin(), wc.end());
  W.setFromTriplets(w.begin(), w.end());
  GtW_ = Eigen::SparseMatrix<double>(G_.transpose()) * W;
  const Eigen::SparseMatrix<double> GtWC = Eigen::SparseMatrix<double>(G_.transpose()) * WC;
  GtWCb_ = GtWC * b_;
  const Eigen::SparseMatrix<double> A = GtWC * G_;
  solver_.compute(A);
  if (solver_.info() != Eigen::Success) throw Error(fmt::format("continuum: factorisation of the {}×{} elastic operator failed", nu, nu));
  factor_nnz_ = static_cast<std::size_t>(solver_.matrixL().nestedExpression().nonZeros());
}

void ElasticProjection::strain_rate(const Vector& w, double wall_speed, Vector& d) const {
  d.noalias() = G_ * w;
  d += wall_speed * b_;
}

void ElasticProjection::stiffness(const Vector& d, Vector& out) const {
  out.resize(d.size());
  const auto nc = g_.cells();
  const double kp = m_.bulk2d + m_.shear, km = m_.bulk2d - m_.shear;
  for (std::size_t c = 0; c < nc; ++c) {
    const double dxx = d[Eigen::Index(g_.xx(c))], dyy = d[Eigen::Index(g_.yy(c))];
    out[Eigen::Index(g_.xx(c))] = kp * dxx + km * dyy;
    out[Eigen::Index(g_.yy(c))] = km * dxx + kp * dyy;
  }
  const auto off = static_cast<Eigen::Index>(2 * nc), nk = static_cast<Eigen::Index>(g_.corners());
  out.segment(off, nk) = 2.0 * m_.shear * d.segment(off, nk);
}

void ElasticProjection::project(Vector& rate, double wall_speed, Vector& w) const {
  const Vector rhs = -(GtW_ * rate) - wall_speed * GtWCb_;
  w = solver_.solve(rhs);
  Vector d, cd;
  strain_rate(w, wall_speed, d);
  stiffness(d, cd);
  rate += cd;
}

double ElasticProjection::max_divergence(const Vector& sigma) const {
  const Vector f = GtW_ * sigma;
  return f.cwiseAbs().maxCoeff() / (g_.h * g_.h);
}

}  // namespace vitrum::continuum
