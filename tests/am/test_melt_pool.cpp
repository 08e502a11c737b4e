// Melt pools: Rosenthal's fast-source limit, the published Ti-6Al-4V single tracks, lack of fusion and porosity.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/am/lack_of_fusion.hpp"
#include "vitrum/am/melt_pool.hpp"

using namespace vitrum::am;

TEST(AmMeltPool, RosenthalPoolHasTheFastSourceWidthAndIsHemispherical) {
  const ThermalMaterial m{5.0, 6620, 326, 1190, 300};
  // High Péclet number: W = √(8 q / (π e ρc v ΔT)) (the moving line-source limit of Rosenthal's solution).
  const double q = 45, v = 3.0;
  const auto p = rosenthal_melt_pool(m, q, v);
  const double limit = std::sqrt(8 * q / (M_PI * M_E * m.volumetric_heat() * v * (m.melting_k - m.ambient_k)));
  EXPECT_NEAR(p.width_m / limit, 1.0, 0.03);
  EXPECT_NEAR(p.width_m, 2 * p.depth_m, 1e-3 * p.width_m);  // a point source: radially symmetric cross-section
  EXPECT_GT(p.length_m, 3 * p.width_m);                        // the comet-shaped pool of a fast source
  // Slower: a wider and deeper pool.
  const auto slow = rosenthal_melt_pool(m, q, 0.5);
  EXPECT_GT(slow.width_m, 1.5 * p.width_m);
}

TEST(AmMeltPool, GaussianSourceTendsToRosenthalForASmallSpotAndMeltsNothingBelowThreshold) {
  const ThermalMaterial m{5.0, 6620, 326, 1190, 300};
  const auto ros = rosenthal_melt_pool(m, 45, 2.0);
  const auto g = gaussian_melt_pool(MovingGaussianSource(m, 0.5, 2e-6), 90, 2.0);
  EXPECT_NEAR(g.width_m / ros.width_m, 1.0, 0.02);
  EXPECT_NEAR(g.depth_m / ros.depth_m, 1.0, 0.03);
  // A wide spot spreads the power: shallower than the point source.
  const auto wide = gaussian_melt_pool(MovingGaussianSource(m, 0.5, 30e-6), 90, 2.0);
  EXPECT_LT(wide.depth_m, 0.9 * ros.depth_m);
  const auto none = gaussian_melt_pool(MovingGaussianSource(m, 0.5, 30e-6), 2, 3.0);
  EXPECT_EQ(none.width_m, 0.0);
  EXPECT_EQ(none.depth_m, 0.0);
}

TEST(AmMeltPool, PublishedTi64SingleTrackWithin25Percent) {
  // Dilip et al., Prog. Addit. Manuf. 2, 157 (2017), doi:10.1007/s40964-017-0030-2, single tracks on Ti-6Al-4V at
  // 1 m/s, 30 µm beam diameter, as tabulated (with the material constants below) in the MeltpoolNet set
  // (Akbari et al., Addit. Manuf. 55, 102817 (2022)): 150 W → width 116 µm, depth 53 µm.
  // Absorptivity 0.35 (conduction-mode value for Ti-6Al-4V at 1.07 µm) — chosen, not fitted to these tracks.
  const ThermalMaterial ti64{7.2, 4470.5, 561.5, 1922, 298};
  const auto p = gaussian_melt_pool(MovingGaussianSource(ti64, 0.35, 7.5e-6), 150, 1.0);
  EXPECT_NEAR(p.width_m / 116e-6, 1.0, 0.25);
  EXPECT_NEAR(p.depth_m / 53e-6, 1.0, 0.25);
}

TEST(AmLackOfFusion, CriterionAndPorosityAgree) {
  // (h/W)² + (t/D)² = 1 exactly at h = W/√2, t = D/√2.
  EXPECT_NEAR(lack_of_fusion_ratio(std::sqrt(0.5) * 100e-6, std::sqrt(0.5) * 40e-6, 100e-6, 40e-6), 1.0, 1e-12);
  EXPECT_FALSE(lack_of_fusion(80e-6, 20e-6, 113e-6, 49e-6));
  EXPECT_TRUE(lack_of_fusion(80e-6, 20e-6, 70e-6, 30e-6));  // pools narrower than the hatch
  EXPECT_TRUE(std::isinf(lack_of_fusion_ratio(80e-6, 20e-6, 0, 0)));
  // Dense side: nothing unmelted; lack-of-fusion side: pores, more as the pools shrink.
  EXPECT_EQ(lack_of_fusion_porosity(80e-6, 20e-6, 113e-6, 49e-6), 0.0);
  const double p1 = lack_of_fusion_porosity(80e-6, 20e-6, 85e-6, 22e-6);
  const double p2 = lack_of_fusion_porosity(80e-6, 20e-6, 70e-6, 18e-6);
  EXPECT_GT(p1, 0.0);
  EXPECT_GT(p2, p1);
  EXPECT_LT(p2, 0.5);
  EXPECT_EQ(lack_of_fusion_porosity(80e-6, 20e-6, 0, 0), 1.0);
  // Just inside the criterion boundary the porosity vanishes; just outside it does not.
  const double w = 100e-6, d = 40e-6, h = 0.7 * w, t = std::sqrt(1 - 0.49) * d;
  EXPECT_EQ(lack_of_fusion_porosity(0.98 * h, 0.98 * t, w, d, 400), 0.0);
  EXPECT_GT(lack_of_fusion_porosity(1.05 * h, 1.05 * t, w, d, 400), 0.0);
}
