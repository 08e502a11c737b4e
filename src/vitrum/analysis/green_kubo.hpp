// Green–Kubo transport coefficients from a sampled flux (shear stress → viscosity): ACF, stated cut-off, block errors.
#pragma once
#include <string>
#include <vector>

namespace vitrum {

// Unbiased autocorrelation C(k) = (1/(n−k)) Σ_i x_i x_{i+k}, k = 0..max_lag, by FFT (zero-padded, no mean
// subtracted: an equilibrium shear stress averages to zero and subtracting the sample mean biases the tail).
std::vector<double> autocorrelation(const std::vector<double>& x, std::size_t max_lag);

// Where the integral ∫_0^{t_c} C(t) dt stops.
struct GreenKuboCutoff {
  enum class Rule { FirstZero, Fixed } rule = Rule::FirstZero;
  double time = 0;  // Fixed: t_c; FirstZero: unused (t_c = the first lag at which the averaged ACF is ≤ 0)
};

struct GreenKuboResult {
  std::vector<double> time, acf, running;  // lag times, ACF averaged over the components, ∫_0^t C (trapezoid)
  double cutoff_time = 0;
  bool cutoff_found = true;   // FirstZero: false when the ACF stayed positive up to max_lag (then t_c = max_lag)
  double integral = 0;        // ∫_0^{t_c} C dt of the whole series, times `prefactor`
  double error = 0;           // standard error from the scatter of the blocks' integrals, times `prefactor`
  std::vector<double> block_integrals;  // each block's integral, times `prefactor`
  int blocks = 0;
  double block_time = 0;      // length of one block; should be many times cutoff_time
};

// prefactor · ∫_0^{t_c} <x(0) x(t)> dt, the ACF averaged over the components with `weights` (empty: equal weights
// 1/count; e.g. σ_xy, σ_xz, σ_yz of an isotropic liquid; prefactor V/(k_B T) gives the shear viscosity). Samples are `dt` apart; the ACF is computed up to
// `max_time`. Errors: the series is cut into `blocks` equal consecutive blocks, each block's ACF integrated to the
// same t_c, and the standard error is sd(block integrals)/√blocks. Throws vitrum::Error on bad input.
GreenKuboResult green_kubo(const std::vector<std::vector<double>>& components, double dt, double max_time,
                           const GreenKuboCutoff& cutoff, int blocks, double prefactor = 1.0,
                           const std::vector<double>& weights = {});

// The shear-stress components for green_kubo from the pressure tensor series (xx, yy, zz, xy, xz, yz) of an
// isotropic liquid: the three off-diagonal ones with weight 1/5 and the three diagonal ones of the traceless part
// Q = P − (tr P/3) 1 with weight 1/10, whose weighted ACF equals <P_xy(0) P_xy(t)> (isotropy: <Q_xx Q_xx> =
// 4/3 <P_xy P_xy>) with the statistics of all five independent components (Daivis & Evans, J. Chem. Phys. 100,
// 541 (1994)). Returns {components, weights}.
struct StressComponents {
  std::vector<std::vector<double>> series;
  std::vector<double> weights;
};
StressComponents traceless_stress_components(const std::vector<double>& xx, const std::vector<double>& yy,
                                             const std::vector<double>& zz, const std::vector<double>& xy,
                                             const std::vector<double>& xz, const std::vector<double>& yz);

}  // namespace vitrum
