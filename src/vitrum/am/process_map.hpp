// The (laser power × scan speed) process map: melt pool, lack of fusion, porosity and devitrification per point.
#pragma once
#include <functional>
#include <vector>

#include "vitrum/am/build_devitrification.hpp"
#include "vitrum/am/melt_pool.hpp"

namespace vitrum::am {

struct ProcessPoint {
  double power_w = 0, speed_m_per_s = 0;
  double energy_density_j_per_mm3 = 0;  // P / (v h t)
  MeltPool pool;                        // quasi-steady single track on the cold body
  double lof_ratio = 0;                 // (h/W)² + (t/D)²
  double porosity = 0;                  // lack_of_fusion_porosity
  double max_fraction = 0;              // largest crystalline fraction over the sample points after the build
  int max_fraction_layers_below_top = -1;
  bool dense = false, amorphous = false;
};

struct ProcessMapSpec {
  std::vector<double> powers_w, speeds_m_per_s;  // the grid (every power with every speed)
  BuildSampling build;                           // layers and sample points of each point's build
  double dense_max_porosity = 0.0;               // dense: lack-of-fusion porosity ≤ this (0: criterion not met)
  double amorphous_max_fraction = 0.01;          // amorphous: max crystalline fraction ≤ this
  int threads = 1;
};

struct ProcessMap {
  std::vector<ProcessPoint> points;  // speed-major: index = i_speed * powers + i_power
  bool window_found = false;
  double window_low_j_per_mm3 = 0, window_high_j_per_mm3 = 0;  // energy density range of dense-and-amorphous points
};

ProcessPoint evaluate_process_point(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                                    double power_w, double speed_m_per_s, const ProcessMapSpec& spec);

// All grid points, OpenMP over points (results independent of the thread count: each point is computed alone).
// `progress` (optional) is called after each point with (done, total), one call at a time.
ProcessMap compute_process_map(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                               const ProcessMapSpec& spec, const std::function<void(int, int)>& progress = {});

}  // namespace vitrum::am
