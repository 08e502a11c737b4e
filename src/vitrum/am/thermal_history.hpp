// Temperature history T(t) of one point of a multi-layer build: superposed moving sources, sampled adaptively.
#pragma once
#include <vector>

#include "vitrum/am/moving_source.hpp"
#include "vitrum/am/scan_path.hpp"

namespace vitrum::am {

struct HistorySample {
  double t_s = 0, temperature_k = 0;
};

struct HistoryOptions {
  double active_k = 0;        // refine only where T exceeds this (set it a little below T_g: below, kinetics are frozen)
  double max_step_k = 20;     // largest temperature change between samples where refined
  double tolerance_k = 2;     // largest deviation of the midpoint from the linear interpolation where refined
  double min_dt_s = 2e-8;     // no refinement below this interval
  double cool_time_s = 1.0;   // history continues this long after the last layer ends
};

// The thermal field of a build: one Gaussian source scanning `layers`. T = T_ambient + Σ segment rises.
class BuildThermalModel {
 public:
  BuildThermalModel(MovingGaussianSource source, std::vector<Layer> layers);

  // Exact superposition over every segment of every layer (rises of segments not yet started are zero).
  [[nodiscard]] double temperature(double x, double y, double z, double t) const;

  // T(t) at (x, y, z) from the start of layer `first_layer` to cool_time_s after the last layer, piecewise linear
  // between the samples. Within each layer's window, layers that ended long before (gap ≥ half the layer's scan
  // time) are a smooth background, evaluated exactly on a coarse grid and interpolated; the current layer's
  // segments are summed exactly at every sample. Samples are seeded around each track's closest approach and
  // bisected where T is above active_k and changes by more than max_step_k or deviates from linear by > tolerance_k.
  [[nodiscard]] std::vector<HistorySample> history(double x, double y, double z, int first_layer,
                                                   const HistoryOptions& options) const;

  [[nodiscard]] const std::vector<Layer>& layers() const { return layers_; }
  [[nodiscard]] const MovingGaussianSource& source() const { return source_; }

 private:
  MovingGaussianSource source_;
  std::vector<Layer> layers_;
};

}  // namespace vitrum::am
