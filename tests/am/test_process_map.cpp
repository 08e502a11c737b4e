// The (P, v) process map: thread-count independence, melt pools growing with power, the window read off the points.
#include <gtest/gtest.h>

#include "vitrum/am/process_map.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"

using namespace vitrum::am;

namespace {
struct SmallPad {
  ThermalMaterial material{5.0, 6620, 326, 1190, 300};
  MovingGaussianSource source{material, 0.5, 20e-6};
  ScanStrategy scan{80e-6, 20e-6, 0.3e-3, 67, 0.05, 0.0, true};
  KineticsTable kinetics{vitrum::gfa::read_ttt_recipe(std::string(VITRUM_RECIPES) + "/ttt_amz4.toml").kinetics};
  ProcessMapSpec spec() const {
    ProcessMapSpec s;
    s.powers_w = {40, 90, 150};
    s.speeds_m_per_s = {1.0, 3.0};
    s.build.layers = 2;
    s.build.substrate_layers = 2;
    s.build.history.cool_time_s = 0.05;
    return s;
  }
};
}  // namespace

TEST(AmProcessMap, SameResultOnOneAndTwoThreads) {
  const SmallPad u;
  auto spec = u.spec();
  spec.threads = 1;
  const auto a = compute_process_map(u.source, u.scan, u.kinetics, spec);
  spec.threads = 2;
  const auto b = compute_process_map(u.source, u.scan, u.kinetics, spec);
  ASSERT_EQ(a.points.size(), 6u);
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    // Each point is computed alone, in the same order of operations: bit for bit.
    EXPECT_EQ(a.points[i].max_fraction, b.points[i].max_fraction) << i;
    EXPECT_EQ(a.points[i].pool.width_m, b.points[i].pool.width_m) << i;
  }
  EXPECT_EQ(a.window_found, b.window_found);
  EXPECT_EQ(a.window_low_j_per_mm3, b.window_low_j_per_mm3);
}

TEST(AmProcessMap, PoolsGrowWithPowerAndTheWindowIsReadOffThePoints) {
  const SmallPad u;
  const auto map = compute_process_map(u.source, u.scan, u.kinetics, u.spec());
  for (int iv = 0; iv < 2; ++iv)
    for (int ip = 1; ip < 3; ++ip) {
      const auto& lo = map.points[iv * 3 + ip - 1];
      const auto& hi = map.points[iv * 3 + ip];
      EXPECT_GT(hi.pool.width_m, lo.pool.width_m);
      EXPECT_GT(hi.pool.depth_m, lo.pool.depth_m);
      EXPECT_LT(hi.lof_ratio, lo.lof_ratio);
    }
  // 40 W at 3 m/s (8.3 J/mm³) cannot fuse 20 µm layers at 80 µm hatch; 150 W at 1 m/s (94 J/mm³) does.
  EXPECT_FALSE(map.points[3].dense);
  EXPECT_GT(map.points[3].porosity, 0.0);
  EXPECT_TRUE(map.points[2].dense);
  double lo = 1e300, hi = -1;
  for (const auto& p : map.points) {
    EXPECT_NEAR(p.energy_density_j_per_mm3, p.power_w / (p.speed_m_per_s * 1e3 * 0.08 * 0.02), 1e-9);
    if (p.dense && p.amorphous) { lo = std::min(lo, p.energy_density_j_per_mm3); hi = std::max(hi, p.energy_density_j_per_mm3); }
  }
  if (map.window_found) {
    EXPECT_EQ(map.window_low_j_per_mm3, lo);
    EXPECT_EQ(map.window_high_j_per_mm3, hi);
  } else {
    EXPECT_LT(hi, 0);
  }
}
