#include "vitrum/meso/threshold_distribution.hpp"

#include <cmath>
#include <fmt/format.h>

namespace vitrum::meso {

double ThresholdDistribution::draw(Rng& rng) const {
  if (kind == Kind::Weibull) return scale * std::pow(-std::log(rng.uniform()), 1.0 / shape);
  for (;;) {  // minimum is validated to be well inside the distribution, so this ends quickly
    const double s = mean + std * rng.normal();
    if (s >= minimum) return s;
  }
}

double ThresholdDistribution::mean_value() const {
  return kind == Kind::Weibull ? scale * std::tgamma(1.0 + 1.0 / shape) : mean;  // Gaussian: truncation ignored
}

std::string ThresholdDistribution::describe() const {
  return kind == Kind::Weibull ? fmt::format("weibull(shape={}, scale={})", shape, scale)
                               : fmt::format("gaussian(mean={}, std={}, minimum={})", mean, std, minimum);
}

}  // namespace vitrum::meso
