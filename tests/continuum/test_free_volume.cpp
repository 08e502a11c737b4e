// Free-volume law (issue 10, Done-means 4): homogeneous analytic steady state, and localisation from a seed.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/continuum/quasistatic_shear.hpp"
#include "vitrum/continuum/shear_band.hpp"

namespace vitrum::continuum {
namespace {

const Moduli kVitreloy1 = Moduli::from_young(101e9, 0.35);

// Steady state of HSPN 2002 at plastic shear rate γ̇, written out here: creation balances annihilation,
// ξ = 2 k_BT n_D (cosh(τΩ/2k_BT) − 1)/(v* E/(3(1−ν))), and γ̇ = 2 f e^{−ΔG/k_BT} e^{−1/ξ} sinh(τΩ/2k_BT).
TEST(FreeVolume, SteadyStateSolvesBothBalances) {
  FreeVolumeParameters p;
  FreeVolumeLaw law(p);
  const double rate = 1.0, kt = kBoltzmann * p.temperature;
  const auto [tau, xi] = law.steady_state(rate);
  const double x = tau * p.atomic_volume / (2 * kt);
  const double xi_expected = 2 * kt * p.annihilation_jumps * (std::cosh(x) - 1) /
                             (p.hard_sphere_volume * p.youngs_modulus / (3 * (1 - p.poisson_ratio)));
  EXPECT_NEAR(xi, xi_expected, 1e-12 * xi);
  const double gdot = 2 * p.attempt_frequency * std::exp(-p.activation_energy / kt) * std::exp(-1 / xi) * std::sinh(x);
  EXPECT_NEAR(gdot, rate, 1e-9 * rate);
  // A faster rate needs more stress and more free volume.
  const auto [tau2, xi2] = law.steady_state(100.0);
  EXPECT_GT(tau2, tau);
  EXPECT_GT(xi2, xi);
}

// Uniform shear from ξ0 below the steady state: overshoot, softening, and the field solver settles on the analytic
// steady state (small-strain form: no Jaumann rotation, which would tilt the stress by O(s̄/μ)).
TEST(FreeVolume, HomogeneousShearReachesAnalyticSteadyState) {
  FreeVolumeParameters p;
  FreeVolumeLaw law(p);
  ShearSettings set;
  set.strain_rate = 1.0;
  set.max_strain_step = 2e-3;
  set.jaumann = false;
  const Grid g{8, 4, 1e-4};
  QuasistaticShear run(g, kVitreloy1, law, set, std::vector<double>(g.cells(), 0.08));
  double peak = 0;
  for (double gamma = 0.01; gamma <= 2.0 + 1e-9; gamma += 0.01) {
    run.advance_to(gamma);
    peak = std::max(peak, run.shear_stress());
  }
  const auto [tau, xi] = law.steady_state(set.strain_rate);
  EXPECT_GT(peak, 1.3 * tau);  // a real transient, not a start at the answer
  EXPECT_NEAR(run.shear_stress(), tau, 1e-4 * tau);
  EXPECT_NEAR(run.state().state.mean(), xi, 1e-4 * xi);
}

// A free-volume seed (+10 % in a disc) in a solid below steady-state free volume: a band forms; without it none.
TEST(FreeVolume, SeedLocalises) {
  FreeVolumeParameters p;
  p.diffusion_length = 6e-5;
  FreeVolumeLaw law(p);
  ShearSettings set;
  set.strain_rate = 1.0;
  set.max_strain_step = 2e-4;
  const Grid g{24, 24, 1e-3 / 24};
  std::vector<double> seeded(g.cells()), uniform(g.cells(), 0.06);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double x = (i + 0.5) * g.h - 5e-4, y = (j + 0.5) * g.h - 5e-4;
      seeded[g.cell(i, j)] = 0.06 * (1 + 0.1 * std::exp(-(x * x + y * y) / (2 * 5e-5 * 5e-5)));
    }
  QuasistaticShear a(g, kVitreloy1, law, set, seeded), b(g, kVitreloy1, law, set, uniform);
  a.advance_to(0.25);
  b.advance_to(0.25);
  auto band = [&](const QuasistaticShear& r) {
    const auto& e = r.state().plastic_strain;
    return detect_shear_band(g, std::vector<double>(e.data(), e.data() + e.size()), 0.5);
  };
  const ShearBand ba = band(a), bb = band(b);
  EXPECT_TRUE(ba.detected) << ba.localization_index;
  EXPECT_NEAR(ba.position, 5e-4, 3 * g.h);  // through the seed
  EXPECT_FALSE(bb.detected) << bb.localization_index;
  EXPECT_LT(a.max_divergence(), 1e-10 * 1e9 / g.h);
}

}  // namespace
}  // namespace vitrum::continuum
