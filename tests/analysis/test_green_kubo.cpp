// Green–Kubo integral on an Ornstein–Uhlenbeck process (exact ACF σ² e^{−t/τ}, integral σ² τ) within its block
// error; the FFT autocorrelation against the direct sum; D from an MSD line.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "vitrum/analysis/diffusion.hpp"
#include "vitrum/analysis/green_kubo.hpp"

namespace vitrum {
namespace {

// Exact discretisation of dx = −x/τ dt + sqrt(2σ²/τ) dW, sampled every dt: stationary variance σ².
std::vector<double> ornstein_uhlenbeck(std::size_t n, double dt, double tau, double sigma, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  const double a = std::exp(-dt / tau), b = sigma * std::sqrt(1 - a * a);
  std::vector<double> x(n);
  x[0] = sigma * g(rng);
  for (std::size_t i = 1; i < n; ++i) x[i] = a * x[i - 1] + b * g(rng);
  return x;
}

TEST(GreenKubo, AutocorrelationByFftEqualsTheDirectSum) {
  const auto x = ornstein_uhlenbeck(1000, 0.1, 1.0, 1.0, 3);
  const auto c = autocorrelation(x, 50);
  for (std::size_t k : {0u, 1u, 7u, 50u}) {
    double s = 0;
    for (std::size_t i = 0; i + k < x.size(); ++i) s += x[i] * x[i + k];
    EXPECT_NEAR(c[k], s / static_cast<double>(x.size() - k), 1e-12);
  }
}

TEST(GreenKubo, OrnsteinUhlenbeckIntegralWithinItsBlockError) {
  const double dt = 0.05, tau = 1.0, sigma = 2.0, exact = sigma * sigma * tau;
  // Three "components" as the stress tensor gives; 20 realisations check that the block error is honest.
  double pull2 = 0;
  int found = 0;
  const int runs = 20;
  for (int r = 0; r < runs; ++r) {
    std::vector<std::vector<double>> comps;
    for (int c = 0; c < 3; ++c) comps.push_back(ornstein_uhlenbeck(40000, dt, tau, sigma, 100 * r + c));
    const GreenKuboResult g = green_kubo(comps, dt, 15 * tau, {GreenKuboCutoff::Rule::FirstZero, 0}, 10);
    found += g.cutoff_found;
    EXPECT_GT(g.error, 0);
    pull2 += (g.integral - exact) * (g.integral - exact) / (g.error * g.error) / runs;
  }
  EXPECT_GE(found, runs - 2);  // the noisy ACF crosses zero within 15 τ almost always
  EXPECT_LT(std::sqrt(pull2), 1.6);
  EXPECT_GT(std::sqrt(pull2), 0.4);
}

TEST(GreenKubo, FixedCutoffGivesTheTruncatedExactIntegralAndThePrefactor) {
  const double dt = 0.05, tau = 1.0, sigma = 1.0, tc = 3.0, prefactor = 2.5;
  std::vector<std::vector<double>> comps;
  for (int c = 0; c < 3; ++c) comps.push_back(ornstein_uhlenbeck(60000, dt, tau, sigma, 77 + c));
  const GreenKuboResult g = green_kubo(comps, dt, 5.0, {GreenKuboCutoff::Rule::Fixed, tc}, 10, prefactor);
  const double exact = prefactor * sigma * sigma * tau * (1 - std::exp(-tc / tau));
  EXPECT_NEAR(g.cutoff_time, tc, 1e-12);
  EXPECT_NEAR(g.integral, exact, 3.5 * g.error);
  EXPECT_LT(g.error, 0.1 * exact);
  EXPECT_NEAR(g.running[static_cast<std::size_t>(tc / dt)], g.integral, 1e-9 * exact);
}

TEST(GreenKubo, WeightsAndTracelessComponentsOfAnIsotropicStress) {
  const double dt = 0.05;
  const auto x = ornstein_uhlenbeck(20000, dt, 1.0, 1.0, 9);
  std::vector<double> twice(x);
  for (double& v : twice) v *= 2;
  const GreenKuboCutoff cut{GreenKuboCutoff::Rule::Fixed, 3.0};
  const double one = green_kubo({x}, dt, 4.0, cut, 5).integral;
  // Weighted mean of the ACFs of x and 2x: 0.5 C + 0.5 · 4 C = 2.5 C.
  EXPECT_NEAR(green_kubo({x, twice}, dt, 4.0, cut, 5, 1.0, {0.5, 0.5}).integral, 2.5 * one, 1e-9 * one);
  // An isotropic traceless stress built from five independent OU shear modes: the weighted ACF of the six
  // components estimates the ACF of one off-diagonal component (exact integral σ² τ (1 − e^{−t_c/τ})).
  const std::size_t n = 40000;
  std::vector<std::vector<double>> m;
  for (int k = 0; k < 5; ++k) m.push_back(ornstein_uhlenbeck(n, dt, 1.0, 1.0, 50 + k));
  std::vector<double> xx(n), yy(n), zz(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Two diagonal modes orthonormal in the traceless subspace: Q = a (2,−1,−1)/√3 + b (0,1,−1), so that
    // <Q_xx²> = 4/3 <a²> = 4/3 σ², as isotropy requires of <Q_xx²>/<P_xy²>.
    xx[i] = 2 * m[3][i] / std::sqrt(3.0) + 5.0;  // plus a constant pressure, which the traceless part removes
    yy[i] = -m[3][i] / std::sqrt(3.0) + m[4][i] + 5.0;
    zz[i] = -m[3][i] / std::sqrt(3.0) - m[4][i] + 5.0;
  }
  const StressComponents c = traceless_stress_components(xx, yy, zz, m[0], m[1], m[2]);
  const GreenKuboResult g = green_kubo(c.series, dt, 4.0, cut, 10, 1.0, c.weights);
  EXPECT_NEAR(g.integral, 1 - std::exp(-3.0), 3.5 * g.error);
  EXPECT_LT(g.error, 0.05);
}

TEST(Diffusion, LineFitRecoversDAndTheOnsetRule) {
  std::vector<double> t, msd;
  for (int i = 0; i < 60; ++i) {
    t.push_back(0.01 * std::pow(1.2, i));
    msd.push_back(t.back() < 1 ? 3 * t.back() * t.back() : 6 * 0.05 * t.back() + 2.7);  // ballistic, then D = 0.05
  }
  const auto onset = diffusive_onset(t, msd, 3.0);
  ASSERT_TRUE(onset.has_value());
  EXPECT_GT(*onset, 1.0);
  const auto f = fit_diffusion(t, msd, *onset, t.back());
  ASSERT_TRUE(f.has_value());
  EXPECT_NEAR(f->D, 0.05, 1e-12);
  EXPECT_FALSE(diffusive_onset(t, msd, 1e9).has_value());
}

}  // namespace
}  // namespace vitrum
