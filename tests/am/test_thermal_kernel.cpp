// The analytic thermal kernels: Rosenthal against the superposed point kernel, Gaussian → Rosenthal far away, energy balance.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/am/moving_source.hpp"
#include "vitrum/am/rosenthal.hpp"

using namespace vitrum::am;

namespace {
// AMZ4-like constants (recipes/lpbf-amz4.toml).
ThermalMaterial amz4() { return {5.0, 6620, 326, 1190, 300}; }
constexpr double kEta = 0.5, kPower = 90, kSpeed = 2.0;

// A track long enough that the field near its end is Rosenthal's quasi-steady one; the source is at the origin at t = 0.
Segment long_track(double speed, double duration) { return {-speed * duration, 0, 0, 0, 0, -duration, 0, kPower}; }
}  // namespace

TEST(AmThermalKernel, RosenthalMatchesTheTimeIntegralOfThePointKernel) {
  // Rosenthal's closed form is the τ-integral of the instantaneous point source over an infinitely long past:
  // the Gaussian kernel with zero width, integrated by MovingGaussianSource, must reproduce it.
  const auto m = amz4();
  const MovingGaussianSource point(m, kEta, 0.0);
  const Segment s = long_track(kSpeed, 0.05);
  for (double r : {10e-6, 30e-6, 100e-6, 300e-6}) {
    for (auto [x, y, z] : {std::tuple{-r, 0.0, 0.0}, std::tuple{0.0, r, 0.0}, std::tuple{0.0, 0.0, -r}, std::tuple{-r, 0.6 * r, -0.8 * r},
                           std::tuple{0.3 * r, 0.0, -r}}) {
      const double exact = rosenthal_rise(m, kEta * kPower, kSpeed, x, y, z);
      if (exact < 1e-3) continue;  // far ahead of the source: nothing to compare
      EXPECT_NEAR(point.rise(s, x, y, z, 0.0) / exact, 1.0, 1e-4) << "at (" << x << ", " << y << ", " << z << ")";
    }
  }
  // And at v → 0 the closed form is the stationary point source q / (2π k r).
  EXPECT_NEAR(rosenthal_rise(m, 45, 1e-12, 0, 0, -1e-4), 45 / (2 * M_PI * 5.0 * 1e-4), 1e-6);
}

TEST(AmThermalKernel, GaussianSourceConvergesToRosenthalFarFromTheBeam) {
  // Along the wake, where the field is not negligible, the relative difference between the Gaussian beam and the
  // point source falls like 1/r (it halves each time the distance doubles) and is below 2 % 1.3 mm behind the beam.
  const auto m = amz4();
  const double sigma = 20e-6, v = 0.5;
  const MovingGaussianSource gauss(m, kEta, sigma);
  const Segment s = long_track(v, 0.2);
  for (auto [dx, dz] : {std::pair{-1.0, 0.0}, std::pair{-1.0, -0.1}, std::pair{-1.0, -0.3}}) {
    double previous = 1e300;
    for (double r : {160e-6, 320e-6, 640e-6, 1280e-6}) {
      const double x = dx * r, z = dz * r;
      const double ros = rosenthal_rise(m, kEta * kPower, v, x, 0, z);
      ASSERT_GT(ros, 1.0);
      const double rel = std::abs(gauss.rise(s, x, 0, z, 0) / ros - 1.0);
      EXPECT_LT(rel, 0.62 * previous) << "r = " << r << " direction " << dx << ", " << dz;
      previous = rel;
    }
    EXPECT_LT(previous, 2e-2) << "direction " << dx << ", " << dz;
  }
}

TEST(AmThermalKernel, RosenthalHeatFluxThroughAHemisphereIsTheAbsorbedPower) {
  const auto m = amz4();
  for (double r : {5e-6, 50e-6, 200e-6}) EXPECT_NEAR(rosenthal_hemisphere_flux(m, kEta * kPower, kSpeed, r, 64), kEta * kPower, 1e-3 * kEta * kPower) << r;
  // A wrong advection sign or a 4π instead of 2π would show at once.
  EXPECT_NEAR(rosenthal_hemisphere_flux(m, 10.0, 0.5, 30e-6, 64), 10.0, 1e-3);
}

TEST(AmThermalKernel, GaussianSourceDepositsTheAbsorbedEnergy) {
  // After a moving source of duration t_on is switched off, ∫ ρc θ dV over the half-space is η P t_on (no losses).
  const auto m = amz4();
  const MovingGaussianSource gauss(m, kEta, 20e-6);
  const double t_on = 1e-4, v = 1.0;
  const Segment s{0, 0, v * t_on, 0, 0, 0, t_on, kPower};
  const double t = 4e-4;  // spread: √(12 α t) ≈ 65 µm
  const double dx = 8e-6, half = 264e-6;
  double sum = 0;
  for (double x = -half + 0.5 * dx; x < half + v * t_on; x += dx)
    for (double y = -half + 0.5 * dx; y < half; y += dx)
      for (double z = -0.5 * dx; z > -half; z -= dx) sum += gauss.rise(s, x, y, z, t);
  const double energy = m.volumetric_heat() * sum * dx * dx * dx;
  EXPECT_NEAR(energy / (kEta * kPower * t_on), 1.0, 5e-3);
}

TEST(AmThermalKernel, SuperpositionIsLinearInPowerAndZeroBeforeTheStart) {
  const auto m = amz4();
  const MovingGaussianSource g(m, kEta, 20e-6);
  Segment s{0, 0, 1e-3, 0, 0, 1e-3, 2e-3, 50};
  EXPECT_EQ(g.rise(s, 0, 0, -1e-5, 0.9e-3), 0.0);
  const double a = g.rise(s, 5e-4, 3e-5, -2e-5, 1.6e-3);
  s.power_w = 100;
  EXPECT_NEAR(g.rise(s, 5e-4, 3e-5, -2e-5, 1.6e-3), 2 * a, 1e-12 * a);
  EXPECT_GT(a, 100.0);
}
