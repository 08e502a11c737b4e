// Shear-band detection on a cell field (accumulated plastic strain): where the localised zone is and how wide.
#pragma once
#include <string>
#include <vector>

#include "vitrum/continuum/staggered_grid.hpp"

namespace vitrum::continuum {

struct ShearBand {
  bool detected = false;
  std::string orientation;        // "horizontal" (along x, profile over y) or "vertical" (profile over x)
  double localization_index = 0;  // 1 − PR/n of the profile (core/localization.hpp): what `threshold` is on
  double peak_over_mean = 0;      // peak of the profile over its mean: the band's contrast
  double position = 0;            // centre of the peak [m] (y for a horizontal band, x for a vertical one)
  double width = 0;               // full width at half maximum above the median of the profile [m]
};

// Averages the field over x (profile in y) and over y (profile in x) and keeps the profile with the larger
// localisation index. The width is the full width at half of (peak − median), crossings interpolated linearly
// between cells; a band is detected when the localisation index reaches `threshold`.
ShearBand detect_shear_band(const Grid& grid, const std::vector<double>& field, double threshold);

// The same on a single profile with spacing h (periodic or bounded by walls); exposed for tests.
ShearBand profile_band(const std::vector<double>& profile, double h, bool periodic, double threshold);

}  // namespace vitrum::continuum
