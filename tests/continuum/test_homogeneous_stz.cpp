// Homogeneous STZ shear (issue 10, Done-means 2): the field solver on a uniform state against an independent 0-D
// integration of the same equations by an adaptive Dormand–Prince RK45 written here, sharing no code with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "vitrum/continuum/quasistatic_shear.hpp"

namespace vitrum::continuum {
namespace {

using State = std::array<double, 3>;  // s = (σxx − σyy)/2, τ = σxy, χ

// The 0-D equations of homogeneous simple shear at rate γ̇ (spin γ̇/2, no in-plane stretching) with the Vitreloy 1
// STZ law of REFERENCES.md, written out again: D = exp(−e_z/χ − Δ/T) cosh(Ωε0 s̄/k_BT)(1 − s_y/s̄)/τ0 (s̄ > s_y),
//   ṡ = γ̇ τ − 2μ D s/s̄,  τ̇ = μ γ̇ − γ̇ s − 2μ D τ/s̄,  c0 χ̇ = 2 D (s̄/s_y)(χ_∞ − χ).
struct ZeroD {
  double mu, rate;
  double sy = 0.85e9, tau0 = 1e-13, eps0 = 0.3, c0 = 0.4, ez = 21000, chi_inf = 900, delta = 8000, T = 400;
  double omega = 300.0 * 26.0 / 17.0 * 1e-30, kb = 1.380649e-23;
  State f(const State& y) const {
    const double sbar = std::hypot(y[0], y[1]);
    double d = 0;
    if (sbar > sy) {
      const double x = omega * eps0 * sbar / (kb * T);
      // log cosh x = x + log1p(e^{−2x}) − log 2, for x > 0
      d = std::exp(-ez / y[2] - delta / T + x + std::log1p(std::exp(-2 * x)) - std::log(2.0)) / tau0 * (1 - sy / sbar);
    }
    const double ps = sbar > 0 ? d / sbar : 0;
    return {rate * y[1] - 2 * mu * ps * y[0], mu * rate - rate * y[0] - 2 * mu * ps * y[1],
            2 * d * sbar / sy * (chi_inf - y[2]) / c0};
  }
};

// Dormand–Prince 5(4) with local error control and the standard step-size rule.
State integrate(const ZeroD& sys, State y, double t0, double t1, double rtol) {
  static const double c[7] = {0, 1. / 5, 3. / 10, 4. / 5, 8. / 9, 1, 1};
  static const double a[7][6] = {{},
                                 {1. / 5},
                                 {3. / 40, 9. / 40},
                                 {44. / 45, -56. / 15, 32. / 9},
                                 {19372. / 6561, -25360. / 2187, 64448. / 6561, -212. / 729},
                                 {9017. / 3168, -355. / 33, 46732. / 5247, 49. / 176, -5103. / 18656},
                                 {35. / 384, 0, 500. / 1113, 125. / 192, -2187. / 6784, 11. / 84}};
  static const double b5[7] = {35. / 384, 0, 500. / 1113, 125. / 192, -2187. / 6784, 11. / 84, 0};
  static const double b4[7] = {5179. / 57600, 0, 7571. / 16695, 393. / 640, -92097. / 339200, 187. / 2100, 1. / 40};
  (void)c;
  double t = t0, h = (t1 - t0) * 1e-4;
  const State scale = {1e9, 1e9, 1e3};
  while (t < t1) {
    h = std::min(h, t1 - t);
    std::array<State, 7> k;
    for (int s = 0; s < 7; ++s) {
      State ys = y;
      for (int r = 0; r < s; ++r)
        for (int q = 0; q < 3; ++q) ys[q] += h * a[s][r] * k[r][q];
      k[s] = sys.f(ys);
    }
    State y5 = y;
    double err = 0;
    for (int q = 0; q < 3; ++q) {
      double e = 0;
      for (int s = 0; s < 7; ++s) {
        y5[q] += h * b5[s] * k[s][q];
        e += h * (b5[s] - b4[s]) * k[s][q];
      }
      err = std::max(err, std::abs(e) / (rtol * (std::abs(y[q]) + scale[q] * 1e-3)));
    }
    if (err <= 1.0) {
      t += h;
      y = y5;
    }
    h *= std::clamp(0.9 * std::pow(std::max(err, 1e-10), -0.2), 0.2, 5.0);
  }
  return y;
}

TEST(ContinuumHomogeneous, StzFieldSolverMatchesIndependentOdeIntegration) {
  const Moduli mod = Moduli::from_young(101e9, 0.35);
  StzParameters p;  // Vitreloy 1 defaults
  p.diffusion_length = 5e-5;
  StzLaw law(p);
  ShearSettings set;
  set.strain_rate = 1.0;
  set.max_strain_step = 1e-4;
  const Grid g{8, 4, 1e-4};
  QuasistaticShear run(g, mod, law, set, std::vector<double>(g.cells(), 550.0));
  const ZeroD sys{mod.shear, set.strain_rate};
  State y = {0, 0, 550.0};
  double t = 0, worst = 0, worst_chi = 0;
  bool flowed = false;
  for (double gamma : {0.01, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3}) {
    y = integrate(sys, y, t, gamma / set.strain_rate, 1e-10);
    t = gamma / set.strain_rate;
    run.advance_to(gamma);
    const double tau = run.shear_stress();
    worst = std::max(worst, std::abs(tau - y[1]) / std::abs(y[1]));
    worst_chi = std::max(worst_chi, std::abs(run.state().state[0] - y[2]) / y[2]);
    flowed = flowed || y[2] > 600;
    // uniform: every cell the same
    EXPECT_LT(run.state().state.maxCoeff() - run.state().state.minCoeff(), 1e-9 * y[2]);
  }
  EXPECT_TRUE(flowed);           // the comparison covers yield, overshoot and softening, not only elasticity
  EXPECT_GT(y[1], 0.8 * p.yield_stress);
  EXPECT_LT(y[1], 1.2 * p.yield_stress);
  EXPECT_LT(worst, 1e-4) << "worst relative stress difference";
  EXPECT_LT(worst_chi, 1e-4) << "worst relative chi difference";
  RecordProperty("worst_relative_stress_difference", std::to_string(worst));
  std::printf("homogeneous STZ: worst relative stress difference %.3g, chi %.3g, %ld steps\n", worst, worst_chi, run.steps());
}

}  // namespace
}  // namespace vitrum::continuum
