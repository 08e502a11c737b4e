// The scan path of a square pad: hatched, meandering tracks per layer, rotated from layer to layer, with recoat pauses.
#pragma once
#include <vector>

#include "vitrum/am/moving_source.hpp"

namespace vitrum::am {

struct ScanStrategy {
  double hatch_m = 0;            // distance between neighbouring tracks
  double layer_thickness_m = 0;  // powder layer t
  double pad_side_m = 0;         // the square pad [-L/2, L/2]² scanned in every layer
  double rotation_deg = 0;       // scan direction turns by this from one layer to the next (67° is common)
  double interlayer_time_s = 0;  // recoating pause between the end of one layer and the start of the next
  double jump_time_s = 0;        // laser off between the end of one track and the start of the next
  bool bidirectional = true;     // meander (alternate directions) or all tracks the same way
  void validate() const;         // throws Error naming the bad parameter
};

struct Layer {
  std::vector<Segment> tracks;  // in scan order
  double z_top = 0;             // surface of this layer; the substrate top is z = 0
  double t_start = 0, t_end = 0;
};

// `layers` layers scanned at (power, speed); layer k has its surface at (k + 1) t and starts at 0 for k = 0.
std::vector<Layer> build_scan(const ScanStrategy& strategy, double power_w, double speed_m_per_s, int layers);

}  // namespace vitrum::am
