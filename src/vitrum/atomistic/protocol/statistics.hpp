// Mean and standard error of a correlated time series: fixed block count, Flyvbjerg–Petersen blocking, two halves.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace vitrum {

struct MeanError {
  double mean = 0;
  double stderr_ = 0;  // standard error of the mean from `blocks` equal blocks (0 if too few samples)
};

inline MeanError block_average(const std::vector<double>& x, int blocks) {
  MeanError r;
  if (x.empty()) return r;
  double sum = 0;
  for (double v : x) sum += v;
  r.mean = sum / static_cast<double>(x.size());
  const std::size_t len = x.size() / static_cast<std::size_t>(blocks);
  if (len == 0) return r;
  double var = 0;
  for (int b = 0; b < blocks; ++b) {
    double m = 0;
    for (std::size_t k = 0; k < len; ++k) m += x[b * len + k];
    m /= static_cast<double>(len);
    var += (m - r.mean) * (m - r.mean);
  }
  r.stderr_ = std::sqrt(var / (blocks * (blocks - 1.0)));
  return r;
}

// Mean of the second half of the samples minus the mean of the first: an equilibration check (zero
// within the noise when the run sampled one steady state, negative while it still ages).
inline double half_difference(const std::vector<double>& x) {
  const std::size_t h = x.size() / 2;
  if (h == 0) return 0;
  double a = 0, b = 0;
  for (std::size_t k = 0; k < h; ++k) a += x[k];
  for (std::size_t k = x.size() - h; k < x.size(); ++k) b += x[k];
  return (b - a) / static_cast<double>(h);
}

// Standard error of the mean of a correlated series by Flyvbjerg–Petersen blocking (J. Chem. Phys. 91, 461
// (1989)): neighbours are averaged pairwise level after level and each level's naive error σ/√(n−1) computed; the
// estimate rises while blocks are shorter than the correlation time and levels off after. Returned: the largest
// estimate over the levels that keep at least `min_blocks` blocks (a conservative plateau). 0 for fewer than
// 2·min_blocks samples.
inline double blocking_error(std::vector<double> x, std::size_t min_blocks = 16) {
  double worst = 0;
  while (x.size() >= min_blocks && x.size() >= 2) {
    const double n = static_cast<double>(x.size());
    double mean = 0;
    for (double v : x) mean += v;
    mean /= n;
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean);
    worst = std::max(worst, std::sqrt(var / (n * (n - 1.0))));
    std::vector<double> half(x.size() / 2);
    for (std::size_t k = 0; k < half.size(); ++k) half[k] = 0.5 * (x[2 * k] + x[2 * k + 1]);
    x = std::move(half);
  }
  return worst;
}

// The error of half_difference: the two halves' blocking errors added in quadrature. The two-halves check passes
// when |half_difference| <= 2 × this (a drift smaller than the noise of a run this long).
inline double half_difference_error(const std::vector<double>& x) {
  const std::size_t h = x.size() / 2;
  if (h == 0) return 0;
  const double a = blocking_error(std::vector<double>(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(h)));
  const double b = blocking_error(std::vector<double>(x.end() - static_cast<std::ptrdiff_t>(h), x.end()));
  return std::sqrt(a * a + b * b);
}

}  // namespace vitrum
