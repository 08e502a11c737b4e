// Scan paths and sampled thermal histories: tracks on the pad, interpolated T(t) against the exact superposition.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/am/thermal_history.hpp"

using namespace vitrum::am;

namespace {
const ThermalMaterial kAmz4{5.0, 6620, 326, 1190, 300};
ScanStrategy small_pad() { return {80e-6, 20e-6, 0.6e-3, 67, 0.05, 0.0, true}; }
}  // namespace

TEST(AmScanPath, TracksCoverThePadInOrder) {
  const auto layers = build_scan(small_pad(), 90, 2.0, 3);
  ASSERT_EQ(layers.size(), 3u);
  for (std::size_t k = 0; k < layers.size(); ++k) {
    const auto& L = layers[k];
    EXPECT_NEAR(L.z_top, (k + 1) * 20e-6, 1e-15);
    ASSERT_GE(L.tracks.size(), 5u);
    double t = L.t_start;
    for (const auto& s : L.tracks) {
      EXPECT_GE(s.t0, t - 1e-15);  // in order, no overlap in time
      t = s.t1;
      EXPECT_NEAR(s.speed(), 2.0, 1e-9);
      for (double c : {s.x0, s.y0, s.x1, s.y1}) EXPECT_LE(std::abs(c), 0.3e-3 + 1e-12);
    }
    if (k > 0) {
      EXPECT_NEAR(L.t_start - layers[k - 1].t_end, 0.05, 1e-12);
    }
  }
  // Layer 0 runs along x: 7 tracks 80 µm apart across 0.6 mm, alternating in direction.
  EXPECT_EQ(layers[0].tracks.size(), 7u);
  EXPECT_LT(layers[0].tracks[0].x1 * layers[0].tracks[1].x1, 0.0);
}

TEST(AmThermalHistory, SampledHistoryFollowsTheExactSuperposition) {
  const BuildThermalModel model(MovingGaussianSource(kAmz4, 0.5, 20e-6), build_scan(small_pad(), 90, 2.0, 3));
  HistoryOptions o;
  o.active_k = 623;
  o.cool_time_s = 0.05;
  const double z = 20e-6 - 10e-6;  // mid-thickness of layer 0
  const auto h = model.history(30e-6, -20e-6, z, 0, o);
  ASSERT_GT(h.size(), 100u);
  double peak = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i > 0) {
      ASSERT_GT(h[i].t_s, h[i - 1].t_s);
    }
    peak = std::max(peak, h[i].temperature_k);
    // Every sample equals the exact sum to the accuracy of the finished-track interpolation.
    if (i % 7 == 0) {
      const double exact = model.temperature(30e-6, -20e-6, z, h[i].t_s);
      EXPECT_NEAR(h[i].temperature_k, exact, std::max(0.5, 2e-3 * (exact - 300))) << "t = " << h[i].t_s;
    }
  }
  EXPECT_GT(peak, 1190);  // melted by its own layer
  // Between samples, where the kinetics act, linear interpolation is within the tolerance (plus the
  // interpolation error of the finished tracks).
  int checked = 0;
  for (std::size_t i = 0; i + 1 < h.size() && checked < 300; ++i) {
    const double lo = std::max(h[i].temperature_k, h[i + 1].temperature_k);
    if (lo < 700 || lo > 1190) continue;
    const double tm = 0.5 * (h[i].t_s + h[i + 1].t_s);
    const double exact = model.temperature(30e-6, -20e-6, z, tm);
    EXPECT_NEAR(0.5 * (h[i].temperature_k + h[i + 1].temperature_k), exact, o.tolerance_k + 1.0) << "t = " << tm;
    ++checked;
  }
  EXPECT_GT(checked, 50);
  // It cools back towards ambient after the last layer.
  EXPECT_LT(h.back().temperature_k, 400);
}
