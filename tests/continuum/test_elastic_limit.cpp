// Elastic limit of the continuum solver (issue 10, Done-means 1): analytic simple shear and div σ = 0.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/continuum/quasistatic_shear.hpp"

namespace vitrum::continuum {
namespace {

const Moduli kVit1 = Moduli::from_young(101e9, 0.35);  // REFERENCES.md, Continuum STZ (Vitreloy 1)

Grid small_grid() { return {16, 8, 1e-4}; }

TEST(ContinuumElastic, ModuliFromYoung) {
  EXPECT_NEAR(kVit1.shear, 101e9 / 2.7, 1e-3);
  // plane strain: λ + μ = E / (2 (1 + ν)(1 − 2ν))
  EXPECT_NEAR(kVit1.bulk2d, 101e9 / (2 * 1.35 * 0.3), 1e-3);
}

TEST(ContinuumElastic, SmallStrainSimpleShearIsExact) {
  ElasticLaw law;
  ShearSettings set;
  set.jaumann = false;
  set.max_strain_step = 1e-3;
  const Grid g = small_grid();
  QuasistaticShear run(g, kVit1, law, set, std::vector<double>(g.cells(), 500.0));
  const double gamma = 0.037;
  run.advance_to(gamma);
  const auto& s = run.state().sigma;
  const double expected = kVit1.shear * gamma;
  for (std::size_t k = 0; k < g.corners(); ++k) EXPECT_NEAR(s[Eigen::Index(g.xy(k))], expected, 1e-12 * expected);
  for (std::size_t c = 0; c < g.cells(); ++c) {
    EXPECT_NEAR(s[Eigen::Index(g.xx(c))], 0.0, 1e-12 * expected);
    EXPECT_NEAR(s[Eigen::Index(g.yy(c))], 0.0, 1e-12 * expected);
  }
  EXPECT_NEAR(run.shear_stress(), expected, 1e-12 * expected);
  // The velocity is the affine field u = γ̇ (y − ly/2), v = 0.
  const auto& w = run.state().velocity;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      EXPECT_NEAR(w[Eigen::Index(g.u_index(i, j))], 1e-4 * ((j + 0.5) * g.h - 0.5 * g.ly()), 1e-12 * run.wall_speed());
  for (std::size_t p = g.cells(); p < g.unknowns(); ++p) EXPECT_NEAR(w[Eigen::Index(p)], 0.0, 1e-12 * run.wall_speed());
  EXPECT_LT(run.max_divergence(), 1e-10 * expected / g.h);
}

// With the Jaumann rate a hypoelastic solid in simple shear follows τ = μ sin γ, σxx = −σyy = μ (1 − cos γ);
// Heun's method approaches it at second order in the step.
double jaumann_error(double step) {
  ElasticLaw law;
  ShearSettings set;
  set.max_strain_step = step;
  const Grid g = small_grid();
  QuasistaticShear run(g, kVit1, law, set, std::vector<double>(g.cells(), 500.0));
  const double gamma = 0.4;
  run.advance_to(gamma);
  const double mu = kVit1.shear;
  double err = 0;
  const auto& s = run.state().sigma;
  for (std::size_t k = 0; k < g.corners(); ++k) err = std::max(err, std::abs(s[Eigen::Index(g.xy(k))] - mu * std::sin(gamma)));
  for (std::size_t c = 0; c < g.cells(); ++c) {
    err = std::max(err, std::abs(s[Eigen::Index(g.xx(c))] - mu * (1 - std::cos(gamma))));
    err = std::max(err, std::abs(s[Eigen::Index(g.yy(c))] + mu * (1 - std::cos(gamma))));
  }
  EXPECT_LT(run.max_divergence(), 1e-10 * mu / g.h);
  return err / mu;
}

TEST(ContinuumElastic, JaumannRateGivesSineAtSecondOrder) {
  const double e1 = jaumann_error(0.02), e2 = jaumann_error(0.01);
  EXPECT_LT(e2, 1e-5);
  EXPECT_NEAR(e1 / e2, 4.0, 0.2);
}

// A heterogeneous plastic solid: the projection keeps the discrete divergence at round-off while the stress
// itself is far from uniform.
TEST(ContinuumElastic, ProjectionKeepsEquilibriumWithHeterogeneousFlow) {
  StzParameters p;
  p.diffusion_length = 2e-4;
  StzLaw law(p);
  ShearSettings set;
  set.max_strain_step = 1e-3;
  const Grid g{24, 24, 1e-4};
  std::vector<double> chi(g.cells());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      chi[g.cell(i, j)] = 560.0 + 40.0 * std::exp(-(std::pow(i - 12, 2) + std::pow(j - 12, 2)) / 8.0);
  QuasistaticShear run(g, kVit1, law, set, chi);
  run.advance_to(0.04);
  const auto& s = run.state().sigma;
  double smin = 1e300, smax = 0;
  for (std::size_t k = 0; k < g.corners(); ++k) {
    smin = std::min(smin, s[Eigen::Index(g.xy(k))]);
    smax = std::max(smax, s[Eigen::Index(g.xy(k))]);
  }
  EXPECT_GT(smax - smin, 0.01 * smax);  // really heterogeneous
  EXPECT_GT(run.state().plastic_strain.maxCoeff(), 1e-3);
  EXPECT_LT(run.max_divergence(), 1e-10 * smax / g.h);
}

}  // namespace
}  // namespace vitrum::continuum
