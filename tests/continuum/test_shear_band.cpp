// Shear banding in the continuum solver (issue 10, Done-means 3): band detection, the random χ field, the recipe,
// and a seeded STZ solid that localises while a uniform one does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "vitrum/continuum/initial_field.hpp"
#include "vitrum/continuum/shear_band.hpp"
#include "vitrum/continuum/stz_recipe.hpp"
#include "vitrum/continuum/stz_run.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::continuum {
namespace {

TEST(ContinuumBand, GaussianProfileWidthIsItsFullWidthAtHalfMaximum) {
  const int n = 200;
  const double h = 0.01, centre = 1.234, sd = 0.05;
  std::vector<double> p(n);
  for (int k = 0; k < n; ++k) p[k] = 0.1 + std::exp(-0.5 * std::pow(((k + 0.5) * h - centre) / sd, 2));
  const ShearBand b = profile_band(p, h, false, 0.5);
  // 1 − PR/n of this profile, worked out from its two moments: mean 0.1 + √(2π) sd / L, mean square
  // 0.01 + 0.2 √(2π) sd / L + √π sd / L (L = n h), so 0.604 (peak over mean 6.76).
  const double L = n * h, m1 = 0.1 + std::sqrt(2 * M_PI) * sd / L,
               m2 = 0.01 + 0.2 * std::sqrt(2 * M_PI) * sd / L + std::sqrt(M_PI) * sd / L;
  EXPECT_NEAR(b.localization_index, 1 - m1 * m1 / m2, 1e-6);
  EXPECT_NEAR(b.peak_over_mean, *std::max_element(p.begin(), p.end()) / m1, 1e-4);
  EXPECT_NEAR(b.width, 2 * std::sqrt(2 * std::log(2.0)) * sd, 0.01 * sd);  // linear interpolation error only
  EXPECT_NEAR(b.position, centre, 0.01 * sd);
  EXPECT_TRUE(b.detected);
  // The same band across the periodic seam.
  std::vector<double> q(n);
  for (int k = 0; k < n; ++k) q[k] = p[(k + 120) % n];
  const ShearBand c = profile_band(q, h, true, 0.5);
  EXPECT_NEAR(c.width, b.width, 1e-9);
  EXPECT_NEAR(c.position, std::fmod(centre - 120 * h + n * h, n * h), 0.01 * sd);
  // A flat profile is no band.
  EXPECT_FALSE(profile_band(std::vector<double>(n, 1.0), h, false, 0.5).detected);
}

TEST(ContinuumBand, RandomFieldHasItsStatisticsAndDoesNotDependOnTheGrid) {
  const Grid fine{128, 128, 1e-3 / 128}, coarse{64, 64, 1e-3 / 64};
  const double ell = 5e-5;
  const auto f = random_field(fine, 550.0, 15.0, ell, 3), c = random_field(coarse, 550.0, 15.0, ell, 3);
  const double mean = std::accumulate(f.begin(), f.end(), 0.0) / f.size();
  double var = 0;
  for (double v : f) var += (v - mean) * (v - mean) / f.size();
  EXPECT_NEAR(mean, 550.0, 2.0);           // 400 correlation areas: sampling error of the mean ≈ 15/20
  EXPECT_NEAR(std::sqrt(var), 15.0, 2.0);
  // A coarse cell centre is the shared corner of four fine cells; the smooth field at it is their mean up to
  // O((h/ℓ)²) of the standard deviation.
  double worst = 0;
  for (int j = 0; j < coarse.ny; ++j)
    for (int i = 0; i < coarse.nx; ++i) {
      const double avg = 0.25 * (f[fine.cell(2 * i, 2 * j)] + f[fine.cell(2 * i + 1, 2 * j)] +
                                 f[fine.cell(2 * i, 2 * j + 1)] + f[fine.cell(2 * i + 1, 2 * j + 1)]);
      worst = std::max(worst, std::abs(avg - c[coarse.cell(i, j)]));
    }
  EXPECT_LT(worst, 0.1 * 15.0);
  EXPECT_GT(worst, 0.0);
  // Another seed is another field.
  const auto other = random_field(coarse, 550.0, 15.0, ell, 4);
  EXPECT_GT(std::abs(other[100] - c[100]) + std::abs(other[2000] - c[2000]), 1.0);
}

TEST(ContinuumBand, NpyRoundTripAndShapeCheck) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_continuum_npy";
  std::filesystem::create_directories(dir);
  const Grid g{6, 4, 1.0};
  std::vector<double> v(g.cells());
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = 500.0 + 3.0 * k;
  write_npy(dir / "f.npy", v, {4, 6});
  EXPECT_EQ(read_field(dir / "f.npy", g), v);
  EXPECT_THROW(read_field(dir / "f.npy", Grid{4, 6, 1.0}), Error);
}

constexpr const char* kRecipe = R"(units = "SI"
seed = 5
[grid]
nx = 32
ny = 32
height = 1e-3
[plasticity]
law = "stz"
diffusion_length = 6e-5
[initial]
kind = "random"
mean = 550.0
std = 15.0
correlation_length = 1.5e-4
[loading]
strain_rate = 1.0
max_strain = 0.1
max_strain_step = 2e-4
)";

TEST(ContinuumBand, RecipeRejectsUnknownKeysAndUnusedTables) {
  EXPECT_NO_THROW(parse_stz_recipe(kRecipe, "ok.toml"));
  try {
    parse_stz_recipe(std::string(kRecipe) + "cfl_typo = 0.3\n", "typo.toml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cfl_typo"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_stz_recipe(std::string(kRecipe) + "[free_volume]\nalpha = 0.3\n", "unused.toml"), Error);
  std::string coarse = kRecipe;
  coarse.replace(coarse.find("6e-5"), 4, "1e-5");  // l below the grid spacing 3.1e-5
  EXPECT_THROW(parse_stz_recipe(coarse, "coarse.toml"), Error);
}

// A χ-perturbed Vitreloy solid localises into a band; the same solid with uniform χ deforms homogeneously.
TEST(ContinuumBand, SeededStzSolidLocalisesUniformOneDoesNot) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_continuum_band";
  StzRecipe r = parse_stz_recipe(kRecipe, "band.toml");
  const auto seeded = run_stz(r, {dir / "seeded", "test", false});
  r.initial = InitialKind::Uniform;
  const auto uniform = run_stz(r, {dir / "uniform", "test", false});
  EXPECT_TRUE(seeded["band_detected"].get<bool>());
  EXPECT_GT(seeded["localization_index"].get<double>(), 0.8);
  const double width = seeded["band_width"].get<double>();
  EXPECT_GT(width, 0.5 * 6e-5);   // of the order of the diffusion length l_χ ...
  EXPECT_LT(width, 4.0 * 6e-5);   // ... and far narrower than the cell (1 mm)
  EXPECT_FALSE(uniform["band_detected"].get<bool>());
  EXPECT_LT(uniform["localization_index"].get<double>(), 1e-3);
  // Softening after the peak in the banded run, and the yield stress above s_y.
  EXPECT_GT(seeded["yield_stress"].get<double>(), 0.85e9);
  EXPECT_LT(seeded["final_stress"].get<double>(), 0.9 * seeded["yield_stress"].get<double>());
  EXPECT_LT(seeded["max_divergence_relative"].get<double>(), 1e-10);
  EXPECT_TRUE(std::filesystem::exists(dir / "seeded" / "chi_0.1000.npy"));
}

}  // namespace
}  // namespace vitrum::continuum
