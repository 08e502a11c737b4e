// The localisation index (core/localization.hpp) on exact profiles, and the EPM band finder that reports it: one
// definition on every scale (issue 20).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "vitrum/core/localization.hpp"
#include "vitrum/meso/plastic_localization.hpp"

namespace vitrum::meso {
namespace {

TEST(LocalizationIndex, IsOneMinusTheParticipatingFraction) {
  EXPECT_EQ(localization_index(std::vector<double>(10, 3.0)), 0.0);            // uniform
  EXPECT_EQ(localization_index(std::vector<double>(10, 0.0)), 0.0);            // no signal
  std::vector<double> one(10, 0.0);
  one[4] = 2.0;
  EXPECT_NEAR(localization_index(one), 1.0 - 1.0 / 10, 1e-15);                 // one slab
  std::vector<double> band(20, 0.0);
  for (int k = 3; k < 8; ++k) band[k] = 1.5;
  EXPECT_NEAR(localization_index(band), 1.0 - 5.0 / 20, 1e-15);                // a top hat of w slabs: 1 − w/n
  // = CV² / (1 + CV²) of any profile.
  const std::vector<double> p{0.3, 1.2, 0.1, 4.0, 0.7, 0.2};
  double m = 0, v = 0;
  for (double x : p) m += x / p.size();
  for (double x : p) v += (x - m) * (x - m) / p.size();
  EXPECT_NEAR(localization_index(p), v / m / m / (1 + v / m / m), 1e-14);
}

TEST(EpmBand, OneStrainedRowIsABandAlongX) {
  const Lattice lat{2, 16};
  std::vector<double> strain(lat.sites(), 0.01);
  for (int x = 0; x < 16; ++x) strain[lat.index(x, 5)] = 1.0;
  const Localization b = find_shear_band(lat, strain, {}, 2, 0.5);
  EXPECT_EQ(b.axis, 1);  // normal to the band: y
  EXPECT_TRUE(b.band);
  // Profile over y: 15 rows of 0.16 and one of 16 (sums over 16 blocks).
  std::vector<double> profile(16, 0.16);
  profile[5] = 16.0;
  EXPECT_NEAR(b.index, localization_index(profile), 1e-14);
  EXPECT_GT(b.index, 0.9);
  EXPECT_TRUE(b.position == 4 || b.position == 5);
  EXPECT_NEAR(b.concentration, (16.0 + 0.16) / (16.0 + 15 * 0.16) * 16 / 2, 1e-12);
  // Uniform strain: index 0, concentration 1, no band.
  const Localization u = find_shear_band(lat, std::vector<double>(lat.sites(), 0.3), {}, 2, 0.5);
  EXPECT_NEAR(u.index, 0.0, 1e-15);
  EXPECT_NEAR(u.concentration, 1.0, 1e-12);
  EXPECT_FALSE(u.band);
}

}  // namespace
}  // namespace vitrum::meso
