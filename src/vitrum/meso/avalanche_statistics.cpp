#include "vitrum/meso/avalanche_statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::meso {

PowerLawFit fit_power_law(const std::vector<std::uint64_t>& sizes, std::uint64_t s_min, std::uint64_t s_max) {
  if (s_min < 1 || s_max < 100 * s_min)
    throw Error(fmt::format("epm: avalanche fit window [{}, {}] must span at least two decades", s_min, s_max));
  PowerLawFit fit;
  fit.s_min = static_cast<double>(s_min);
  fit.s_max = static_cast<double>(s_max);
  double sum_log = 0;
  for (auto s : sizes)
    if (s >= s_min && s <= s_max) { sum_log += std::log(static_cast<double>(s)); ++fit.samples; }
  if (fit.samples < 10) return fit;  // tau = 0 and samples < 10 say "no fit"
  const double n = static_cast<double>(fit.samples);
  auto moments = [&](double tau) {  // log Z, <ln s>, <ln^2 s> under the truncated law
    double z = 0, m1 = 0, m2 = 0;
    for (std::uint64_t s = s_min; s <= s_max; ++s) {
      const double l = std::log(static_cast<double>(s)), w = std::exp(-tau * l);
      z += w; m1 += w * l; m2 += w * l * l;
    }
    return std::array<double, 3>{std::log(z), m1 / z, m2 / z};
  };
  auto log_likelihood = [&](double tau) { return -tau * sum_log - n * moments(tau)[0]; };
  double a = 1.0, b = 3.0;
  const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = b - phi * (b - a), d = a + phi * (b - a);
  double fc = log_likelihood(c), fd = log_likelihood(d);
  while (b - a > 1e-7) {
    if (fc > fd) { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = log_likelihood(c); }
    else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = log_likelihood(d); }
  }
  fit.tau = 0.5 * (a + b);
  const auto m = moments(fit.tau);
  fit.error = 1.0 / std::sqrt(n * (m[2] - m[1] * m[1]));
  return fit;
}

double cutoff_size(const std::vector<std::uint64_t>& sizes) {
  double s1 = 0, s2 = 0;
  for (auto s : sizes) { s1 += static_cast<double>(s); s2 += static_cast<double>(s) * static_cast<double>(s); }
  return s1 > 0 ? s2 / s1 : 0.0;
}

PseudogapHistogram::PseudogapHistogram(double x_lo, double x_hi, int bins, int blocks)
    : log_lo_(std::log(x_lo)), log_hi_(std::log(x_hi)), bins_(bins), blocks_(blocks),
      counts_(blocks, std::vector<double>(bins, 0.0)), totals_(blocks, 0.0) {}

void PseudogapHistogram::add_snapshot(const std::vector<double>& x, std::size_t snapshot_index) {
  const int block = static_cast<int>(snapshot_index % static_cast<std::size_t>(blocks_));
  const double scale = bins_ / (log_hi_ - log_lo_);
  for (double v : x) {
    int k = v > 0 ? static_cast<int>((std::log(v) - log_lo_) * scale) : 0;
    k = std::clamp(k, 0, bins_ - 1);
    counts_[block][k] += 1.0;
  }
  totals_[block] += static_cast<double>(x.size());
  ++snapshots_;
}

PseudogapHistogram::Fit PseudogapHistogram::fit_counts(const std::vector<double>& counts, double total, double c_lo,
                                                       double c_hi) const {
  Fit f;
  if (total <= 0) return f;
  double cum = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  int m = 0;
  const double width = (log_hi_ - log_lo_) / bins_;
  for (int k = 0; k < bins_; ++k) {
    cum += counts[k];
    const double c = cum / total;
    if (c < c_lo || c > c_hi || counts[k] == 0) continue;
    const double lx = log_lo_ + (k + 1) * width, ly = std::log(c);  // C at the bin's upper edge
    if (m == 0) f.x_lo = std::exp(lx);
    f.x_hi = std::exp(lx);
    sx += lx; sy += ly; sxx += lx * lx; sxy += lx * ly; ++m;
  }
  if (m < 3) return f;
  const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  f.theta = slope - 1.0;
  f.blocks_used = 1;
  return f;
}

PseudogapHistogram::Fit PseudogapHistogram::fit(double c_lo, double c_hi) const {
  std::vector<double> all(bins_, 0.0);
  double total = 0;
  std::vector<double> thetas;
  for (int b = 0; b < blocks_; ++b) {
    for (int k = 0; k < bins_; ++k) all[k] += counts_[b][k];
    total += totals_[b];
    const Fit fb = fit_counts(counts_[b], totals_[b], c_lo, c_hi);
    if (fb.blocks_used) thetas.push_back(fb.theta);
  }
  Fit f = fit_counts(all, total, c_lo, c_hi);
  f.blocks_used = thetas.size();
  if (thetas.size() >= 2) {
    double mean = 0, var = 0;
    for (double t : thetas) mean += t;
    mean /= static_cast<double>(thetas.size());
    for (double t : thetas) var += (t - mean) * (t - mean);
    var /= static_cast<double>(thetas.size() - 1);
    f.error = std::sqrt(var / static_cast<double>(thetas.size()));
  }
  return f;
}

std::vector<std::pair<double, double>> PseudogapHistogram::density() const {
  std::vector<std::pair<double, double>> out;
  double total = 0;
  for (double t : totals_) total += t;
  const double width = (log_hi_ - log_lo_) / bins_;
  for (int k = 1; k < bins_; ++k) {  // bin 0 also holds everything below x_lo
    double c = 0;
    for (int b = 0; b < blocks_; ++b) c += counts_[b][k];
    if (c == 0) continue;
    const double lo = std::exp(log_lo_ + k * width), hi = std::exp(log_lo_ + (k + 1) * width);
    out.emplace_back(std::sqrt(lo * hi), c / (total * (hi - lo)));
  }
  return out;
}

}  // namespace vitrum::meso
