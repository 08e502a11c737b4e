#include "vitrum/continuum/shear_band.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "vitrum/core/localization.hpp"

namespace vitrum::continuum {

ShearBand profile_band(const std::vector<double>& p, double h, bool periodic, double threshold) {
  ShearBand b;
  const int n = static_cast<int>(p.size());
  if (n < 3) return b;
  const double mean = std::accumulate(p.begin(), p.end(), 0.0) / n;
  std::vector<double> sorted = p;
  std::nth_element(sorted.begin(), sorted.begin() + n / 2, sorted.end());
  const double median = sorted[n / 2];
  const int peak = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
  if (!(mean > 0)) return b;
  b.peak_over_mean = p[peak] / mean;
  b.localization_index = localization_index(p);
  const double half = median + 0.5 * (p[peak] - median);
  auto at = [&](int k) { return periodic ? p[(k % n + n) % n] : p[std::clamp(k, 0, n - 1)]; };
  // Walk out from the peak to the half-maximum crossing on each side (a wall ends the walk).
  double left = 0, right = 0;
  int k = peak;
  while (at(k - 1) > half && (periodic ? peak - k < n : k - 1 >= 0)) --k;
  left = (periodic || k > 0) ? (k - (at(k) - half) / (at(k) - at(k - 1))) : -0.5;
  k = peak;
  while (at(k + 1) > half && (periodic ? k - peak < n : k + 1 <= n - 1)) ++k;
  right = (periodic || k < n - 1) ? (k + (at(k) - half) / (at(k) - at(k + 1))) : n - 0.5;
  b.width = (right - left) * h;
  double centre = 0.5 * (left + right) + 0.5;  // cell k is centred at (k + ½) h
  if (periodic) centre = std::fmod(std::fmod(centre, n) + n, n);
  b.position = centre * h;
  b.detected = b.localization_index >= threshold;
  return b;
}

ShearBand detect_shear_band(const Grid& g, const std::vector<double>& f, double threshold) {
  std::vector<double> py(g.ny, 0.0), px(g.nx, 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      py[j] += f[g.cell(i, j)] / g.nx;
      px[i] += f[g.cell(i, j)] / g.ny;
    }
  ShearBand h = profile_band(py, g.h, false, threshold), v = profile_band(px, g.h, true, threshold);
  h.orientation = "horizontal";
  v.orientation = "vertical";
  return h.localization_index >= v.localization_index ? h : v;
}

}  // namespace vitrum::continuum
