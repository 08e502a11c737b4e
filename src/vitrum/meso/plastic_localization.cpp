#include "vitrum/meso/plastic_localization.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/core/localization.hpp"

namespace vitrum::meso {

Localization find_shear_band(const Lattice& lattice, const std::vector<double>& plastic_strain,
                             const std::vector<double>& reference, int width, double threshold) {
  const int L = lattice.size;
  std::vector<double> per_x(L, 0.0), per_y(L, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < plastic_strain.size(); ++i) {
    const double e = std::abs(plastic_strain[i] - (reference.empty() ? 0.0 : reference[i]));
    const auto c = lattice.coords(i);
    per_x[c[0]] += e;
    per_y[c[1]] += e;
    total += e;
  }
  Localization best;
  best.width = width;
  if (total <= 0) return best;
  const double ix = localization_index(per_x), iy = localization_index(per_y);
  best.axis = iy > ix ? 1 : 0;
  best.index = std::max(ix, iy);
  const auto& profile = best.axis == 0 ? per_x : per_y;
  for (int start = 0; start < L; ++start) {
    double strip = 0;
    for (int k = 0; k < width; ++k) strip += profile[(start + k) % L];
    const double c = strip / total * L / width;
    if (c > best.concentration) { best.concentration = c; best.position = start; }
  }
  best.band = best.index >= threshold;
  return best;
}

}  // namespace vitrum::meso
