// Mean and block-averaged standard error of a time series (Flyvbjerg–Petersen style, fixed block count).
#pragma once
#include <cmath>
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

}  // namespace vitrum
