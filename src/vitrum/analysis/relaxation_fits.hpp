// Laws for τ_α(T) of a supercooled liquid (VFT, parabolic, MCT power law) fitted on ln τ, and the kinetic fragility.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "vitrum/analysis/least_squares.hpp"

namespace vitrum {

// τ(T) data: temperatures, relaxation times and, optionally, the standard error of ln τ at each point.
struct RelaxationData {
  std::vector<double> temperature, tau;
  std::vector<double> sigma_ln_tau;  // empty: unweighted fits, errors from the scatter
};

// One fitted law. Parameters by law (all fits are least squares on ln τ):
//   vft        ln τ = ln τ0 + D T0 / (T − T0)                      params {ln_tau0, D, T0}     (T > T0)
//   parabolic  ln τ = ln τ0 + J² (1/T − 1/T_o)²                   params {ln_tau0, J, T_o}    (T < T_o; Elmatad,
//              Chandler & Garrahan, J. Phys. Chem. B 113, 5563 (2009))
//   mct        ln τ = ln A − γ ln(T − T_c)                        params {ln_A, gamma, T_c}   (T > T_c)
struct TauFit {
  std::string law;
  std::vector<std::string> names;
  LeastSquaresFit fit;
  std::vector<double> temperatures;  // the points the fit used (parabolic: those below T_o)

  [[nodiscard]] double ln_tau(double T) const;  // the law at T (NaN outside its domain)
  [[nodiscard]] double value(const std::string& name) const;
  [[nodiscard]] double error(const std::string& name) const;
};

// Each fit starts from a scan of the nonlinear temperature (T0, T_o or T_c) over which the other two parameters
// enter linearly, then refines all three by Levenberg–Marquardt. Need at least 4 points. Throw vitrum::Error.
TauFit fit_vft(const RelaxationData& d);
// Fits, drops the points at or above the fitted T_o, and refits until no point is dropped (at most 5 rounds).
TauFit fit_parabolic(const RelaxationData& d);
TauFit fit_mct(const RelaxationData& d);

// Kinetic fragility m = d log10 τ / d(T_g/T) at T = T_g, where T_g is the temperature at which the fitted law
// reaches τ_g (a convention the caller states: e.g. 100 s in the run's time unit). Defined for vft and
// parabolic fits; none when the law never reaches τ_g. Errors by linear propagation of the fit covariance.
struct Fragility {
  double tau_g = 0;
  double T_g = 0, T_g_error = 0;
  double m = 0, m_error = 0;
};
std::optional<Fragility> fragility(const TauFit& fit, double tau_g);

}  // namespace vitrum
