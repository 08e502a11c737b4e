#include "vitrum/meso/threshold_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <fmt/format.h>

namespace vitrum::meso {

double ThresholdDistribution::draw(Rng& rng) const {
  if (kind == Kind::Weibull) return scale * std::pow(-std::log(rng.uniform()), 1.0 / shape);
  if (kind == Kind::Measured) {
    const double at = rng.uniform() * static_cast<double>(values.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(at), values.size() - 2);
    return values[i] + (at - static_cast<double>(i)) * (values[i + 1] - values[i]);
  }
  for (;;) {  // minimum is validated to be well inside the distribution, so this ends quickly
    const double s = mean + std * rng.normal();
    if (s >= minimum) return s;
  }
}

double ThresholdDistribution::mean_value() const {
  if (kind == Kind::Measured) return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  return kind == Kind::Weibull ? scale * std::tgamma(1.0 + 1.0 / shape) : mean;  // Gaussian: truncation ignored
}

std::string ThresholdDistribution::describe() const {
  if (kind == Kind::Measured)
    return fmt::format("measured({} values from {}, mean {:.4g})", values.size(), source, mean_value());
  return kind == Kind::Weibull ? fmt::format("weibull(shape={}, scale={})", shape, scale)
                               : fmt::format("gaussian(mean={}, std={}, minimum={})", mean, std, minimum);
}

}  // namespace vitrum::meso
