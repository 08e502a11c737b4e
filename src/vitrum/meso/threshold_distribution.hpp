// Local yield thresholds of EPM blocks: Weibull, truncated Gaussian or measured (atomistic local yield stresses),
// drawn with counter-based RNG.
#pragma once
#include <string>
#include <vector>

#include "vitrum/core/rng.hpp"

namespace vitrum::meso {

struct ThresholdDistribution {
  enum class Kind { Weibull, Gaussian, Measured };
  Kind kind = Kind::Weibull;
  // Weibull: P(s) = (k/lambda) (s/lambda)^(k-1) exp(-(s/lambda)^k), k = shape, lambda = scale.
  double shape = 2.0;
  double scale = 1.0;
  // Gaussian: mean, std, truncated below at `minimum` (> 0) by redrawing.
  double mean = 1.0;
  double std = 0.3;
  double minimum = 0.05;
  // Measured: the empirical distribution of `values` (sorted ascending), drawn by inverse transform with linear
  // interpolation between order statistics (continuous, bounded by the smallest and largest value); `source` says
  // where they came from (file and column).
  std::vector<double> values;
  std::string source;

  // One threshold from the generator (added `shift` afterwards: the annealing stability of the initial state).
  [[nodiscard]] double draw(Rng& rng) const;
  [[nodiscard]] double mean_value() const;
  [[nodiscard]] std::string describe() const;
};

}  // namespace vitrum::meso
