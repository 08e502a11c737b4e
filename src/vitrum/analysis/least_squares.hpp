// Weighted nonlinear least squares (Levenberg–Marquardt) with the parameter covariance: the fitter behind the τ(T) laws.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace vitrum {

struct LeastSquaresFit {
  std::vector<double> params;   // best-fit parameters
  std::vector<double> errors;   // one standard deviation: sqrt of the covariance diagonal
  std::vector<std::vector<double>> covariance;
  double chi2 = 0;              // Σ ((y − f)/σ)² at the optimum (σ = 1 where no errors were given)
  int dof = 0;                  // points − parameters
  int iterations = 0;
  bool converged = false;
};

// model(x, p) for one abscissa; jacobian by central differences. sigma empty: unit weights, and the covariance
// is scaled by chi2/dof (the residual scatter is the error estimate). sigma given: covariance (JᵀWJ)⁻¹ scaled
// by max(1, chi2/dof) (so that underestimated input errors cannot make the parameters look better than the
// scatter allows). `valid(p)` rejects steps into parameter regions where the model is undefined (e.g. T ≤ T0).
// Throws vitrum::Error when there are fewer points than parameters + 1 or no valid start.
LeastSquaresFit least_squares(const std::function<double(double, const std::vector<double>&)>& model,
                              const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<double>& sigma, std::vector<double> start,
                              const std::function<bool(const std::vector<double>&)>& valid = {},
                              int max_iterations = 500);

// The standard deviation of g(p) at the fit by linear error propagation, ∇g ᵀ C ∇g (central differences).
double propagated_error(const std::function<double(const std::vector<double>&)>& g, const LeastSquaresFit& fit);

}  // namespace vitrum
