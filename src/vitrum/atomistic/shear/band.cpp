// Slab profiles of a per-particle field and the band read off them (see band.hpp for the rule).
#include "vitrum/atomistic/shear/band.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/localization.hpp"

namespace vitrum {

namespace {

BandResult along(const Configuration& cfg, const std::vector<double>& field, int axis, const BandOptions& opt) {
  const Box& box = cfg.box;
  const double L = axis == 1 ? box.perpendicular_widths().y : box.perpendicular_widths().x;
  // At most max(2^16, N) slabs: a dilute system in a huge box would otherwise ask for L / slab_width of them
  // (beyond INT_MAX at L = 1e10), nearly all empty.
  const double most = std::max(65536.0, static_cast<double>(cfg.particles.size()));
  const int n = static_cast<int>(std::max(3.0, std::min(most, std::floor(L / opt.slab_width))));
  std::vector<double> sum(static_cast<std::size_t>(n), 0.0), count(static_cast<std::size_t>(n), 0.0);
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (!std::isfinite(field[i])) continue;
    const Vec3 s = box.to_fractional(cfg.particles.position[i]);
    double f = axis == 1 ? s.y : s.x;
    f -= std::floor(f);
    const auto k = std::min(static_cast<std::size_t>(f * n), static_cast<std::size_t>(n - 1));
    sum[k] += field[i];
    count[k] += 1;
  }
  BandResult r;
  r.axis = axis;
  r.profile.resize(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) r.profile[k] = count[k] > 0 ? sum[k] / count[k] : 0.0;
  // No signal at all: no band.
  if (std::none_of(r.profile.begin(), r.profile.end(), [](double p) { return p != 0.0; })) return r;
  r.localization_index = localization_index(r.profile);
  std::vector<double> sorted = r.profile;
  std::nth_element(sorted.begin(), sorted.begin() + n / 2, sorted.end());
  const double median = sorted[static_cast<std::size_t>(n / 2)];
  const int peak = static_cast<int>(std::max_element(r.profile.begin(), r.profile.end()) - r.profile.begin());
  const double half = median + 0.5 * (r.profile[peak] - median);
  int lo = 0, hi = 0;  // run of slabs >= half around the peak: [peak − lo, peak + hi]
  while (lo + hi + 1 < n && r.profile[(peak - lo - 1 + n) % n] >= half) ++lo;
  while (lo + hi + 1 < n && r.profile[(peak + hi + 1) % n] >= half) ++hi;
  const int slabs = lo + hi + 1;
  r.width = slabs * L / n;
  double centre = (peak + 0.5 + 0.5 * (hi - lo)) / n;
  r.position = centre - std::floor(centre);
  r.detected = r.localization_index >= opt.threshold && 2 * slabs <= n;
  return r;
}

}  // namespace

BandResult detect_band(const Configuration& cfg, const std::vector<double>& field, const BandOptions& opt) {
  if (field.size() != cfg.particles.size())
    throw Error(fmt::format("detect_band: {} field values for {} particles", field.size(), cfg.particles.size()));
  if (!(opt.slab_width > 0)) throw Error("detect_band: slab_width must be positive");
  const BandResult y = along(cfg, field, 1, opt), x = along(cfg, field, 0, opt);
  return x.localization_index > y.localization_index ? x : y;
}

}  // namespace vitrum
