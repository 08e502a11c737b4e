// Statistics of EPM avalanches and stability: power-law exponent by maximum likelihood, pseudogap exponent, cut-off.
#pragma once
#include <cstdint>
#include <vector>

namespace vitrum::meso {

struct PowerLawFit {
  double tau = 0;
  double error = 0;  // one standard error, from the Fisher information
  double s_min = 0, s_max = 0;
  std::size_t samples = 0;
};

// Discrete power law P(S) ~ S^-tau truncated to [s_min, s_max] (the window must span two decades or more):
// maximises sum log P(S_k) over tau in [1, 3] by golden section.
PowerLawFit fit_power_law(const std::vector<std::uint64_t>& sizes, std::uint64_t s_min, std::uint64_t s_max);

// Cut-off size <S^2>/<S>.
double cutoff_size(const std::vector<std::uint64_t>& sizes);

// Distances to threshold x = s_i - sigma_i, accumulated on log-spaced bins in blocks of snapshots so that
// the exponent of P(x) ~ x^theta gets an error bar from the spread between blocks.
class PseudogapHistogram {
 public:
  PseudogapHistogram(double x_lo = 1e-7, double x_hi = 10.0, int bins = 140, int blocks = 10);
  void add_snapshot(const std::vector<double>& x, std::size_t snapshot_index);
  [[nodiscard]] std::size_t snapshots() const { return snapshots_; }

  struct Fit { double theta = 0, error = 0, x_lo = 0, x_hi = 0; std::size_t blocks_used = 0; };
  // Slope of log C(x) vs log x minus 1 (C = cumulative distribution ~ x^(1+theta)) for C in [c_lo, c_hi].
  [[nodiscard]] Fit fit(double c_lo, double c_hi) const;
  // P(x) on the bin centres (density), for output.
  [[nodiscard]] std::vector<std::pair<double, double>> density() const;

 private:
  [[nodiscard]] Fit fit_counts(const std::vector<double>& counts, double total, double c_lo, double c_hi) const;
  double log_lo_, log_hi_;
  int bins_, blocks_;
  std::vector<std::vector<double>> counts_;  // [block][bin]; bin 0 also collects x below x_lo
  std::vector<double> totals_;
  std::size_t snapshots_ = 0;
};

}  // namespace vitrum::meso
