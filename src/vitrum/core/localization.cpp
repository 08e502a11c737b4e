#include "vitrum/core/localization.hpp"

namespace vitrum {

double localization_index(std::span<const double> p) {
  const double n = static_cast<double>(p.size());
  if (p.size() < 2) return 0.0;
  double s1 = 0, s2 = 0;
  for (double v : p) {
    s1 += v;
    s2 += v * v;
  }
  if (!(s2 > 0)) return 0.0;
  return 1.0 - s1 * s1 / s2 / n;
}

}  // namespace vitrum
