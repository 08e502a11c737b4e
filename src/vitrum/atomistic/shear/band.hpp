// Shear-band detection: a per-particle field (D²min) binned in slabs along y and along x, band position, width, localisation.
#pragma once
#include <vector>

#include "vitrum/io/configuration.hpp"

namespace vitrum {

struct BandOptions {
  double slab_width = 2.0;       // target slab thickness [length]; n = max(3, floor(L / slab_width)) slabs
  double threshold = 0.25;       // band_detected needs localization_index >= threshold (and a band < half the box)
};

struct BandResult {
  bool detected = false;
  int axis = 1;                  // slabs along y (1: band plane normal to y, parallel to the shear) or x (0)
  double position = 0;           // centre of the band, fractional coordinate along `axis` in [0, 1)
  double width = 0;              // thickness of the contiguous slabs above half height [length]
  double localization_index = 0; // core/localization.hpp: 1 − PR/n of the slab profile (0 uniform, 1 − 1/n one slab)
  std::vector<double> profile;   // mean field per slab along `axis`
};

// Bins `field` (one value per particle; NaN values are skipped) by the particles' fractional coordinates in
// `cfg` along y and along x; reports the direction with the larger localisation index. Half height is
// median + (max − median)/2 of the profile; the band is the periodic run of slabs at or above it around the peak.
BandResult detect_band(const Configuration& cfg, const std::vector<double>& field, const BandOptions& opt = {});

}  // namespace vitrum
