// Elastic constants: Born term against affine finite strain, Born minus non-affine against relaxed finite strain.
#include <gtest/gtest.h>

#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/analysis/elastic_constants.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/io/configuration.hpp"

#include <filesystem>

namespace vitrum {
namespace {

// Shear stress τ = (1/V) dU/dγ = −W_xy / V of `base` sheared by γ (x += γ (y − y_lo)), relaxed or not.
double shear_stress(const Configuration& base, double gamma, bool relax) {
  Configuration cfg = base;
  for (auto& r : cfg.particles.position) r.x += gamma * (r.y - cfg.box.lo().y);
  cfg.box.set_xy(cfg.box.xy() + gamma * cfg.box.lengths().y);
  System s = make_system(cfg, "kob-andersen", "sheared");
  if (relax) {
    MinimizeOptions opt;
    opt.method = "cg";
    opt.ftol = 1e-11;
    minimize(s, opt);
  }
  s.compute_forces();
  return -s.last.virial[3] / s.box().volume();
}

TEST(ElasticConstants, ShearModulusMatchesFiniteStrain) {
  System s = make_system(test::random_configuration("kob-andersen", 400, 9, 0.0), "kob-andersen", "random");
  MinimizeOptions opt;
  opt.method = "cg";
  opt.ftol = 1e-11;
  ASSERT_TRUE(minimize(s, opt).converged);
  analysis::ElasticConstants ec;
  ec.compute(*s.potential, s.particles(), s.box());

  const double h_affine = 1e-5;
  const double g_affine = (shear_stress(s.cfg, h_affine, false) - shear_stress(s.cfg, -h_affine, false)) / (2 * h_affine);
  EXPECT_NEAR(ec.affine_shear_modulus_xy(), g_affine, 1e-6 * std::abs(g_affine));

  const double h = 1e-4;
  const double g_relaxed = (shear_stress(s.cfg, h, true) - shear_stress(s.cfg, -h, true)) / (2 * h);
  std::printf("G_xy: Born %.6f, Born - non-affine %.6f, finite strain relaxed %.6f, affine %.6f\n",
              ec.affine_shear_modulus_xy(), ec.shear_modulus_xy(), g_relaxed, g_affine);
  EXPECT_NEAR(ec.shear_modulus_xy(), g_relaxed, 2e-3 * std::abs(g_relaxed));
  EXPECT_LT(ec.shear_modulus_xy(), 0.8 * ec.affine_shear_modulus_xy());  // relaxation softens a glass

  // Stress from the analytic pair sum equals the virial of the force loop.
  s.compute_forces();
  for (int a = 0; a < 6; ++a) EXPECT_NEAR(ec.stress()[a], -s.last.virial[a] / s.box().volume(), 1e-10);
  const auto c = ec.constants();
  for (int a = 0; a < 6; ++a)
    for (int b = 0; b < 6; ++b) EXPECT_NEAR(c[a][b], c[b][a], 1e-9);
  EXPECT_GT(ec.bulk_modulus(), 0.0);
  EXPECT_GT(ec.shear_modulus(), 0.0);
}

// Issue 9, Done-means 5: G_xy by the Hessian route (Born minus non-affine) equals the shear modulus the
// `aqs` stage reports (least-squares slope of its first steps, here 10 of 1e-5) within 2 %.
TEST(ElasticConstants, ShearModulusMatchesTheAqsStage) {
  System s = make_system(test::random_configuration("kob-andersen", 400, 9, 0.0), "kob-andersen", "random");
  MinimizeOptions opt;
  opt.method = "cg";
  opt.ftol = 1e-11;
  ASSERT_TRUE(minimize(s, opt).converged);
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_elastic_vs_aqs";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_configuration(dir / "glass.data", s.cfg);
  const std::string text = R"([system]
read = "glass.data"
potential = "kob-andersen"
[[stage]]
kind = "aqs"
dgamma = 1e-5
gamma_max = 1e-4
ftol = 1e-11
refine = false
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, (dir / "aqs.toml").string(), dir), {.out_dir = dir / "out"});
  const double g_aqs = summary["stages"][0]["shear_modulus"].get<double>();
  analysis::ElasticConstants ec;
  ec.compute(*s.potential, s.particles(), s.box());
  std::printf("G_xy: Hessian route %.6f, aqs stage slope %.6f (relative difference %.2e)\n", ec.shear_modulus_xy(), g_aqs,
              ec.shear_modulus_xy() / g_aqs - 1);
  EXPECT_NEAR(ec.shear_modulus_xy(), g_aqs, 0.02 * g_aqs);
}

}  // namespace
}  // namespace vitrum
