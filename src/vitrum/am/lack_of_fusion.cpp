#include "vitrum/am/lack_of_fusion.hpp"

#include <cmath>

namespace vitrum::am {

double lack_of_fusion_ratio(double h, double t, double w, double d) {
  if (w <= 0 || d <= 0) return INFINITY;
  return (h / w) * (h / w) + (t / d) * (t / d);
}

double lack_of_fusion_porosity(double h, double t, double w, double d, int res) {
  if (w <= 0 || d <= 0) return 1.0;
  const double a = 0.5 * w;
  // Cell: x in [0, h) (a track at x = 0 and at x = h), depth s in [0, t) below a layer surface; the pools of the
  // layers at depth 0, -t, -2t, ... above this point reach it when s + j t < D.
  int open = 0;
  for (int i = 0; i < res; ++i) {
    const double x = (i + 0.5) * h / res;
    for (int j = 0; j < res; ++j) {
      const double s = (j + 0.5) * t / res;
      bool melted = false;
      for (int layer = 0; !melted && s + layer * t < d; ++layer) {
        const double depth = s + layer * t;
        for (double xc = std::floor(x / h) * h - std::ceil(a / h) * h; xc <= x + a; xc += h) {
          const double dx = (x - xc) / a, dz = depth / d;
          if (dx * dx + dz * dz <= 1.0) { melted = true; break; }
        }
      }
      if (!melted) ++open;
    }
  }
  return static_cast<double>(open) / (static_cast<double>(res) * res);
}

}  // namespace vitrum::am
