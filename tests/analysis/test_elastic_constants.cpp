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

// A KA N = 400 glass minimised from a random fluid to max |F| < 1e-11.
System minimised_glass() {
  System s = make_system(test::random_configuration("kob-andersen", 400, 9, 0.0), "kob-andersen", "random");
  MinimizeOptions opt;
  opt.method = "cg";
  opt.ftol = 1e-11;
  EXPECT_TRUE(minimize(s, opt).converged);
  return s;
}

// An empty folder in the temporary directory holding the state as glass.data, for a recipe to read.
std::filesystem::path fresh_folder_with(const System& s, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_configuration(dir / "glass.data", s.cfg);
  return dir;
}

// Issue 9, Done-means 5: G_xy by the Hessian route (Born minus non-affine) equals the shear modulus the
// `aqs` stage reports (least-squares slope of its first steps, here 10 of 1e-5) within 2 %.
TEST(ElasticConstants, ShearModulusMatchesTheAqsStage) {
  System s = minimised_glass();
  const auto dir = fresh_folder_with(s, "vitrum_elastic_vs_aqs");
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

// Issue 24, Done means 1: Young's modulus and Poisson's ratio of the `uniaxial` stage (sides free: lateral normal
// stresses held at their start values) equal those of the elastic constants, and the fixed-sides slope the uniaxial
// strain modulus. The stage measures the Cauchy stress against the engineering strain of a pre-stressed state, so the
// prediction uses B_ij = C_iijj + σ_i (2δ_ij − 1) (normal block; from σ = J⁻¹ F S Fᵀ to first order with
// F = diag(1 + ε_i)), then E = B_aa + B_al ε_l/ε_a with the lateral rows of B ε = 0 solved for ε_l, ν = −mean ε_l/ε_a.
TEST(ElasticConstants, YoungsModulusAndPoissonRatioMatchTheUniaxialStage) {
  System s = minimised_glass();
  const auto dir = fresh_folder_with(s, "vitrum_elastic_vs_uniaxial");
  const std::string text = R"([system]
read = "glass.data"
potential = "kob-andersen"
[[stage]]
name = "glass"
kind = "minimize"
method = "cg"
ftol = 1e-11
[[stage]]
kind = "uniaxial"
axis = "z"
strain_step = -1e-6
max_strain = 4e-6
modulus_points = 4
ftol = 1e-11
[[stage]]
start = "glass"
kind = "uniaxial"
axis = "x"
strain_step = 1e-6
max_strain = 4e-6
modulus_points = 4
ftol = 1e-11
[[stage]]
start = "glass"
kind = "uniaxial"
axis = "y"
strain_step = -1e-6
max_strain = 4e-6
modulus_points = 4
lateral = "fixed"
ftol = 1e-11
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, (dir / "uniaxial.toml").string(), dir), {.out_dir = dir / "out"});
  analysis::ElasticConstants ec;
  ec.compute(*s.potential, s.particles(), s.box());
  const auto C = ec.constants();
  const auto& sigma = ec.stress();
  double B[3][3];
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) B[i][k] = C[i][k] + sigma[i] * (i == k ? 1.0 : -1.0);
  auto predicted = [&](int a) {
    const int l0 = a == 0 ? 1 : 0, l1 = a == 2 ? 1 : 2;
    const double det = B[l0][l0] * B[l1][l1] - B[l0][l1] * B[l1][l0];
    const double e0 = -(B[l1][l1] * B[l0][a] - B[l0][l1] * B[l1][a]) / det;
    const double e1 = -(-B[l1][l0] * B[l0][a] + B[l0][l0] * B[l1][a]) / det;
    return std::pair{B[a][a] + B[a][l0] * e0 + B[a][l1] * e1, -0.5 * (e0 + e1)};
  };
  for (const auto& [stage, axis] : {std::pair{1, 2}, std::pair{2, 0}}) {
    const auto& st = summary["stages"][stage];
    ASSERT_TRUE(st["converged"].get<bool>());
    const auto [E, nu] = predicted(axis);
    const double E_stage = st["youngs_modulus"].get<double>(), nu_stage = st["poisson_ratio"].get<double>();
    std::printf("axis %c: E Hessian route %.6f, uniaxial stage %.6f (%.1e); nu %.6f, %.6f (%.1e)\n", 'x' + axis, E,
                E_stage, E_stage / E - 1, nu, nu_stage, nu_stage / nu - 1);
    EXPECT_NEAR(E_stage, E, 1e-3 * E);      // the issue asks for 2 %
    EXPECT_NEAR(nu_stage, nu, 1e-3 * nu);
  }
  // Sides fixed: the slope is B_yy (uniaxial strain), and no lateral strain.
  const auto& fixed = summary["stages"][3];
  std::printf("axis y, sides fixed: B_yy %.6f, uniaxial stage %.6f\n", B[1][1], fixed["youngs_modulus"].get<double>());
  EXPECT_NEAR(fixed["youngs_modulus"].get<double>(), B[1][1], 1e-3 * B[1][1]);
  EXPECT_TRUE(fixed["poisson_ratio"].is_null());
}

}  // namespace
}  // namespace vitrum
