// Crystalline fraction through the depth of a multi-layer build: thermal histories of sample points, devitrified.
#pragma once
#include <array>
#include <vector>

#include "vitrum/am/devitrification.hpp"
#include "vitrum/am/scan_path.hpp"
#include "vitrum/am/thermal_history.hpp"

namespace vitrum::am {

struct BuildSampling {
  int layers = 10;               // layers built
  int sampled_layers = 0;        // sample the top this many layers (0: all)
  int substrate_layers = 0;      // and this many layer thicknesses of the (glassy, same alloy) substrate below
  std::vector<std::array<double, 2>> lateral;  // (x, y) of the sample columns, m; empty: the pad centre
  HistoryOptions history;        // active_k is set from the kinetics (T_g - 50 K) when left at 0
};

struct SamplePoint {
  double x = 0, y = 0, z = 0;
  int layer = 0;               // the layer the point belongs to (mid-thickness); < 0 in the substrate
  int layers_below_top = 0;    // (layers - 1) - layer
  double fraction = 0;         // crystalline fraction at the end of the build
  double peak_k = 0;           // highest temperature seen
  int remelts = 0;             // samples above T_l after the first solidification
  std::size_t samples = 0;     // length of its T(t)
};

struct BuildResult {
  std::vector<SamplePoint> points;  // every sample point
  double max_fraction = 0;
  int max_fraction_layers_below_top = -1;
};

// Builds `sampling.layers` layers at (power, speed) and devitrifies the sample points (mid-thickness of each
// sampled layer, in every lateral column). `history_of` (optional) receives T(t) of the point with the largest
// fraction.
BuildResult simulate_build(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                           double power_w, double speed_m_per_s, const BuildSampling& sampling,
                           std::vector<HistorySample>* history_of_max = nullptr);

}  // namespace vitrum::am
