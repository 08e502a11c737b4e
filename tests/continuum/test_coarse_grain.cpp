// Coarse-graining atoms into an initial χ field (issue 10, Done-means 5) on synthetic inputs with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/continuum/coarse_grain.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::continuum {
namespace {

// Atoms on a 4×4 sub-lattice inside each cell of a 5×3 grid, every atom of cell (i, j) with energy
// −7 + 0.01 (i + 5 j) plus a ±0.002 pattern that averages to zero in each cell: the cell means are known exactly.
TEST(CoarseGrain, CellAverageAndLinearMapGiveTheKnownField) {
  CoarseGrainSettings s;
  s.nx = 5;
  s.ny = 3;
  s.beta = 0.5;
  s.u0 = -7.2;
  s.ez_over_kb = 21000;
  std::vector<double> sx, sy, e;
  for (int j = 0; j < s.ny; ++j)
    for (int i = 0; i < s.nx; ++i)
      for (int b = 0; b < 4; ++b)
        for (int a = 0; a < 4; ++a) {
          sx.push_back((i + (a + 0.5) / 4) / s.nx);
          sy.push_back((j + (b + 0.5) / 4) / s.ny);
          e.push_back(-7 + 0.01 * (i + 5 * j) + ((a + b) % 2 ? 0.002 : -0.002));
        }
  // shift one atom by a box vector: periodic wrap puts it back in its cell
  sx[0] += 1.0;
  sy[1] -= 1.0;
  const auto u = coarse_grain_energy(sx, sy, e, 10.0, 6.0, s);
  const auto chi = energy_to_chi(u, s);
  ASSERT_EQ(chi.size(), 15u);
  for (int j = 0; j < s.ny; ++j)
    for (int i = 0; i < s.nx; ++i) {
      const double expected_u = -7 + 0.01 * (i + 5 * j);
      EXPECT_NEAR(u[std::size_t(j) * s.nx + i], expected_u, 1e-12);
      EXPECT_NEAR(chi[std::size_t(j) * s.nx + i], 0.5 * (expected_u + 7.2) * 21000, 1e-8);
    }
}

TEST(CoarseGrain, GaussianSmoothingKeepsAUniformFieldAndAveragesACosine) {
  CoarseGrainSettings s;
  s.nx = 32;
  s.ny = 16;
  s.smoothing_length = 0.6;
  const double lx = 32, ly = 16, k = 2 * M_PI / lx;
  std::vector<double> sx, sy, flat, wave;
  for (int j = 0; j < 64; ++j)
    for (int i = 0; i < 128; ++i) {
      const double x = (i + 0.5) * lx / 128, y = (j + 0.5) * ly / 64;
      sx.push_back(x / lx);
      sy.push_back(y / ly);
      flat.push_back(-6.5);
      wave.push_back(std::cos(k * x));
    }
  for (double v : coarse_grain_energy(sx, sy, flat, lx, ly, s)) EXPECT_NEAR(v, -6.5, 1e-12);
  // A Gaussian filter of width ℓ damps cos(kx) by exp(−k²ℓ²/2); the dense lattice makes the sum an integral.
  const auto u = coarse_grain_energy(sx, sy, wave, lx, ly, s);
  const double damp = std::exp(-0.5 * k * k * 0.36);
  for (int i = 0; i < s.nx; ++i) EXPECT_NEAR(u[std::size_t(5) * s.nx + i], damp * std::cos(k * (i + 0.5)), 2e-3);
}

TEST(CoarseGrain, EmptyCellsAndBadReferenceEnergyAreErrors) {
  CoarseGrainSettings s;
  s.nx = 4;
  s.ny = 4;
  s.beta = 1;
  EXPECT_THROW(coarse_grain_energy({0.1, 0.6}, {0.1, 0.6}, {-7, -7}, 1, 1, s), Error);
  s.u0 = -6.0;  // above the energies: χ would be negative
  EXPECT_THROW(energy_to_chi({-7.0, -6.5}, s), Error);
}

}  // namespace
}  // namespace vitrum::continuum
