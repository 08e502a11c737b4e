// VFT, parabolic and MCT fits of ln τ(T) recover known parameters from noisy synthetic data, with honest errors;
// the fragility formula equals a numerical derivative of the law.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "vitrum/analysis/relaxation_fits.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

const std::vector<double> kLadder = {1.0, 0.9, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5, 0.47, 0.45};

RelaxationData synthetic(double (*law)(double), double noise, std::uint32_t seed,
                         const std::vector<double>& temps = kLadder) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, noise);
  RelaxationData d;
  for (double T : temps) {
    d.temperature.push_back(T);
    d.tau.push_back(std::exp(law(T) + gauss(rng)));
    d.sigma_ln_tau.push_back(noise);
  }
  return d;
}

// KA-like numbers: τ0 = 0.1, D = 6, T0 = 0.3.
double vft_law(double T) { return std::log(0.1) + 6.0 * 0.3 / (T - 0.3); }
double mct_law(double T) { return std::log(0.8) - 2.5 * std::log(T - 0.43); }
// ECG parabola below T_o = 1.0 (J = 3, τ0 = 0.5); above T_o the liquid is Arrhenius-like with a flat τ.
double parabolic_law(double T) {
  const double u = 1.0 / T - 1.0;
  return T < 1.0 ? std::log(0.5) + 9.0 * u * u : std::log(0.5) - 0.1 * (T - 1.0);
}

TEST(RelaxationFits, VftRecoversParametersAndItsErrorsAreHonest) {
  // Over many noisy realisations the pulls (fit − truth)/error of T0 and D have unit spread.
  const int runs = 150;
  double pull_t0 = 0, pull_d = 0, mean_t0 = 0;
  for (int r = 0; r < runs; ++r) {
    const TauFit f = fit_vft(synthetic(vft_law, 0.05, 1000 + r));
    ASSERT_TRUE(f.fit.converged);
    const double p0 = (f.value("T0") - 0.3) / f.error("T0"), p1 = (f.value("D") - 6.0) / f.error("D");
    pull_t0 += p0 * p0 / runs;
    pull_d += p1 * p1 / runs;
    mean_t0 += f.value("T0") / runs;
  }
  EXPECT_NEAR(mean_t0, 0.3, 0.01);
  // χ² scaling by max(1, χ²/dof) makes the errors slightly conservative: rms pull a bit below 1.
  EXPECT_GT(std::sqrt(pull_t0), 0.6);
  EXPECT_LT(std::sqrt(pull_t0), 1.3);
  EXPECT_GT(std::sqrt(pull_d), 0.6);
  EXPECT_LT(std::sqrt(pull_d), 1.3);
}

TEST(RelaxationFits, VftWithoutNoiseIsExact) {
  const TauFit f = fit_vft(synthetic(vft_law, 1e-12, 7));
  EXPECT_NEAR(f.value("T0"), 0.3, 1e-6);
  EXPECT_NEAR(f.value("D"), 6.0, 1e-4);
  EXPECT_NEAR(f.value("ln_tau0"), std::log(0.1), 1e-5);
}

TEST(RelaxationFits, MctRecoversTcAndGamma) {
  const std::vector<double> near = {0.8, 0.7, 0.65, 0.6, 0.55, 0.52, 0.5, 0.48, 0.466};
  const TauFit f = fit_mct(synthetic(mct_law, 0.03, 11, near));
  EXPECT_NEAR(f.value("T_c"), 0.43, 3 * f.error("T_c"));
  EXPECT_NEAR(f.value("gamma"), 2.5, 3 * f.error("gamma"));
  EXPECT_LT(f.error("T_c"), 0.02);
}

TEST(RelaxationFits, ParabolicDropsPointsAboveOnsetAndRecoversJ) {
  const std::vector<double> temps = {1.4, 1.2, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6};
  const TauFit f = fit_parabolic(synthetic(parabolic_law, 0.02, 5, temps));
  EXPECT_NEAR(f.value("T_o"), 1.0, 3 * f.error("T_o"));
  EXPECT_NEAR(f.value("J"), 3.0, 3 * f.error("J"));
  EXPECT_LT(f.error("J"), 0.5);
  for (double T : f.temperatures) EXPECT_LT(T, f.value("T_o"));  // the two hot points were left out
  EXPECT_EQ(f.temperatures.size(), 8u);
}

TEST(RelaxationFits, FragilityEqualsTheNumericalSlopeOfTheLawAtTg) {
  for (auto fit : {fit_vft(synthetic(vft_law, 1e-12, 3)),
                   fit_parabolic(synthetic(parabolic_law, 1e-12, 3, {0.95, 0.9, 0.8, 0.7, 0.6, 0.5}))}) {
    const double tau_g = 1e10;
    const auto fr = fragility(fit, tau_g);
    ASSERT_TRUE(fr.has_value()) << fit.law;
    EXPECT_NEAR(fit.ln_tau(fr->T_g), std::log(tau_g), 1e-8) << fit.law;
    // m = d log10 τ / d(T_g/T) at T_g, by a central difference in x = T_g/T.
    const double h = 1e-5, tg = fr->T_g;
    const double slope = (fit.ln_tau(tg / (1 + h)) - fit.ln_tau(tg / (1 - h))) / (2 * h) / std::log(10.0);
    EXPECT_NEAR(fr->m, slope, 1e-5 * slope) << fit.law;
    EXPECT_GT(fr->m, 10) << fit.law;
  }
}

TEST(RelaxationFits, TooFewPointsAreRefused) {
  RelaxationData d{{1.0, 0.8, 0.6}, {1, 2, 10}, {}};
  EXPECT_THROW(fit_vft(d), Error);
  EXPECT_THROW(fit_mct(d), Error);
}

}  // namespace
}  // namespace vitrum

// Fictive temperature: on a smooth e_IS(T) sampled every 0.05 the linear interpolation recovers the T at which the
// curve has the glass's energy; below the coldest point it extrapolates and says so; errors divide by the slope.
#include "vitrum/analysis/fictive_temperature.hpp"

namespace vitrum {
namespace {

double e_curve(double T) { return -7.7 + 0.4 * T * T; }  // rises with T, as e_IS of a liquid does

TEST(FictiveTemperature, InterpolatesExtrapolatesAndPropagatesErrors) {
  std::vector<double> T, e, err;
  for (double t = 1.0; t > 0.49; t -= 0.05) T.push_back(t), e.push_back(e_curve(t)), err.push_back(0.001);
  const auto f = fictive_temperature(T, e, err, e_curve(0.62), 0.002);
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(f->extrapolated);
  EXPECT_NEAR(f->T_f, 0.62, 2e-3);  // chord error of a parabola over a 0.05 interval
  const double slope = 0.8 * 0.62;
  EXPECT_NEAR(f->error, std::hypot(0.002, 0.001 / std::sqrt(2.0)) / slope, 0.15 * f->error);
  const auto cold = fictive_temperature(T, e, {}, e_curve(0.4));
  ASSERT_TRUE(cold.has_value());
  EXPECT_TRUE(cold->extrapolated);
  // The chord through the two coldest points, continued.
  const double t0 = T.back(), t1 = T[T.size() - 2];
  const double chord = (e_curve(t1) - e_curve(t0)) / (t1 - t0);
  EXPECT_NEAR(cold->T_f, t0 + (e_curve(0.4) - e_curve(t0)) / chord, 1e-12);
  EXPECT_FALSE(fictive_temperature({0.5}, {-7.6}, {}, -7.6).has_value());
}

}  // namespace
}  // namespace vitrum
