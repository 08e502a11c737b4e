#include "vitrum/analysis/least_squares.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

// Step for the central difference in parameter j: relative, with a floor for parameters near zero.
double step_for(double p) { return 1e-6 * std::max(1.0, std::abs(p)); }

}  // namespace

LeastSquaresFit least_squares(const std::function<double(double, const std::vector<double>&)>& model,
                              const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<double>& sigma, std::vector<double> start,
                              const std::function<bool(const std::vector<double>&)>& valid, int max_iterations) {
  const std::size_t n = x.size(), m = start.size();
  if (y.size() != n || (!sigma.empty() && sigma.size() != n))
    throw Error("least squares: x, y and sigma must have the same length");
  if (n < m + 1)
    throw Error(fmt::format("least squares: {} points for {} parameters (need at least {})", n, m, m + 1));
  for (double s : sigma)
    if (!(s > 0)) throw Error("least squares: every sigma must be positive");
  auto ok = [&](const std::vector<double>& p) {
    if (valid && !valid(p)) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite(model(x[i], p))) return false;
    return true;
  };
  if (!ok(start)) throw Error("least squares: the model is undefined at the starting parameters");
  const auto weight = [&](std::size_t i) { return sigma.empty() ? 1.0 : 1.0 / sigma[i]; };
  auto residuals = [&](const std::vector<double>& p) {
    Eigen::VectorXd r(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) r[static_cast<Eigen::Index>(i)] = (y[i] - model(x[i], p)) * weight(i);
    return r;
  };
  auto jacobian = [&](const std::vector<double>& p) {
    Eigen::MatrixXd J(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m));
    for (std::size_t j = 0; j < m; ++j) {
      std::vector<double> a = p, b = p;
      const double h = step_for(p[j]);
      a[j] += h;
      b[j] -= h;
      for (std::size_t i = 0; i < n; ++i)
        J(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
            (model(x[i], a) - model(x[i], b)) / (2 * h) * weight(i);
    }
    return J;
  };

  LeastSquaresFit fit;
  std::vector<double> p = std::move(start);
  Eigen::VectorXd r = residuals(p);
  double chi2 = r.squaredNorm(), lambda = 1e-3;
  for (int it = 0; it < max_iterations; ++it) {
    fit.iterations = it + 1;
    const Eigen::MatrixXd J = jacobian(p);
    const Eigen::MatrixXd A = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    bool improved = false;
    // Marquardt's scaling: damp each parameter by its own curvature.
    while (lambda < 1e12) {
      Eigen::MatrixXd Ad = A;
      for (Eigen::Index j = 0; j < Ad.rows(); ++j) Ad(j, j) += lambda * std::max(A(j, j), 1e-12);
      const Eigen::VectorXd delta = Ad.ldlt().solve(g);
      std::vector<double> trial = p;
      for (std::size_t j = 0; j < m; ++j) trial[j] += delta[static_cast<Eigen::Index>(j)];
      if (ok(trial)) {
        const Eigen::VectorXd rt = residuals(trial);
        const double c = rt.squaredNorm();
        if (c <= chi2) {
          const double drop = chi2 - c;
          p = trial;
          r = rt;
          chi2 = c;
          lambda = std::max(lambda * 0.3, 1e-12);
          improved = true;
          if (drop <= 1e-14 * std::max(1.0, chi2)) fit.converged = true;
          break;
        }
      }
      lambda *= 10;
    }
    if (!improved) fit.converged = true;  // no step lowers χ²: a minimum to working precision
    if (fit.converged) break;
  }
  fit.params = p;
  fit.chi2 = chi2;
  fit.dof = static_cast<int>(n) - static_cast<int>(m);
  const Eigen::MatrixXd J = jacobian(p);
  Eigen::MatrixXd cov = (J.transpose() * J).completeOrthogonalDecomposition().pseudoInverse();
  const double reduced = fit.dof > 0 ? chi2 / fit.dof : 0.0;
  cov *= sigma.empty() ? reduced : std::max(1.0, reduced);
  fit.covariance.assign(m, std::vector<double>(m));
  fit.errors.resize(m);
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = 0; b < m; ++b)
      fit.covariance[a][b] = cov(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
    fit.errors[a] = std::sqrt(std::max(0.0, fit.covariance[a][a]));
  }
  return fit;
}

double propagated_error(const std::function<double(const std::vector<double>&)>& g, const LeastSquaresFit& fit) {
  const std::size_t m = fit.params.size();
  std::vector<double> grad(m);
  for (std::size_t j = 0; j < m; ++j) {
    std::vector<double> a = fit.params, b = fit.params;
    const double h = 1e-3 * std::max(fit.errors[j], 1e-9 * std::max(1.0, std::abs(fit.params[j])));
    a[j] += h;
    b[j] -= h;
    grad[j] = (g(a) - g(b)) / (2 * h);
  }
  double var = 0;
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = 0; b < m; ++b) var += grad[a] * fit.covariance[a][b] * grad[b];
  return std::sqrt(std::max(0.0, var));
}

}  // namespace vitrum
