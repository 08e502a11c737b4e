// Shear-band detection: how much of the accumulated plastic strain sits in the most strained strip along a shear axis.
#pragma once
#include <vector>

#include "vitrum/meso/lattice.hpp"

namespace vitrum::meso {

struct Localization {
  // 1 − PR/n of the plastic-strain profile across the band (core/localization.hpp): 0 uniform, 1 − 1/L one row.
  double index = 0;
  // (plastic strain in the most strained strip) / (its share if uniform): 1 = uniform, L / width = all in it.
  double concentration = 0;
  int axis = 0;      // the axis normal to the band: 1 = band along x (rows of constant y), 0 = band along y
  int position = 0;  // first row (or column) of the strip
  int width = 0;
  bool band = false;  // index >= threshold
};

// Simple shear in xy makes bands along x or along y: the profile (sum over rows, or over columns) with the larger
// index is kept, and the strip of `width` blocks (periodic) that holds most of it is the band.
// |plastic strain increment| per block is what is summed (`plastic_strain` minus `reference`).
Localization find_shear_band(const Lattice& lattice, const std::vector<double>& plastic_strain,
                             const std::vector<double>& reference, int width, double threshold);

}  // namespace vitrum::meso
