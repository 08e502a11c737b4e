#include "vitrum/analysis/fictive_temperature.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "vitrum/core/error.hpp"

namespace vitrum {

std::optional<FictiveTemperature> fictive_temperature(std::vector<double> T, std::vector<double> e_is,
                                                      std::vector<double> e_is_error, double e_glass,
                                                      double e_glass_error) {
  if (T.size() != e_is.size() || (!e_is_error.empty() && e_is_error.size() != T.size()))
    throw Error("fictive temperature: T, e_IS and its errors must have the same length");
  if (T.size() < 2) return std::nullopt;
  if (e_is_error.empty()) e_is_error.assign(T.size(), 0.0);
  std::vector<std::size_t> order(T.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return T[a] < T[b]; });
  auto at = [&](const std::vector<double>& v, std::size_t k) { return v[order[k]]; };
  const std::size_t n = T.size();
  // The segment [k, k+1] used: the first from the cold end that brackets e_glass, else the end nearer to it.
  std::size_t k = n;
  for (std::size_t j = 0; j + 1 < n; ++j) {
    const double a = at(e_is, j), b = at(e_is, j + 1);
    if ((e_glass - a) * (e_glass - b) <= 0) {
      k = j;
      break;
    }
  }
  FictiveTemperature f;
  if (k == n) {
    f.extrapolated = true;
    k = std::abs(e_glass - at(e_is, 0)) < std::abs(e_glass - at(e_is, n - 1)) ? 0 : n - 2;
  }
  const double t0 = at(T, k), t1 = at(T, k + 1), e0 = at(e_is, k), e1 = at(e_is, k + 1);
  const double slope = (e1 - e0) / (t1 - t0);
  if (!(std::abs(slope) > 0) || !std::isfinite(slope)) return std::nullopt;
  const double w = (e_glass - e0) / (e1 - e0);  // weight of point k+1
  f.T_f = t0 + w * (t1 - t0);
  const double curve_error = std::hypot((1 - w) * at(e_is_error, k), w * at(e_is_error, k + 1));
  f.error = std::hypot(e_glass_error, curve_error) / std::abs(slope);
  return f;
}

}  // namespace vitrum
