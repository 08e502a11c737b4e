#include "vitrum/am/melt_pool.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/am/rosenthal.hpp"

namespace vitrum::am {

namespace {

// Maximum of f over [a, b]: a coarse scan, then golden-section search around the best node.
double max_on(const std::function<double(double)>& f, double a, double b, double* at = nullptr) {
  constexpr int n = 32;
  int best = 0;
  double fbest = -1e300;
  for (int i = 0; i <= n; ++i) {
    const double v = f(a + (b - a) * i / n);
    if (v > fbest) { fbest = v; best = i; }
  }
  double lo = a + (b - a) * std::max(0, best - 1) / n, hi = a + (b - a) * std::min(n, best + 1) / n;
  const double g = 0.5 * (std::sqrt(5.0) - 1.0);
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = f(x1), f2 = f(x2);
  for (int it = 0; it < 40; ++it) {
    if (f1 > f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1); }
    else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2); }
  }
  const double xm = f1 > f2 ? x1 : x2, fm = std::max({f1, f2, fbest});
  if (at) *at = fm == fbest && fbest > std::max(f1, f2) ? a + (b - a) * best / n : xm;
  return fm;
}

// Largest r ≥ 0 with g(r) ≥ 0, g decreasing in r beyond its root; bracket widened from `scale`.
double outer_root(const std::function<double(double)>& g, double scale) {
  double lo = 0, hi = scale;
  for (int i = 0; i < 60 && g(hi) >= 0; ++i) { lo = hi; hi *= 2; }
  for (int it = 0; it < 50 && hi - lo > 1e-5 * scale; ++it) {
    const double mid = 0.5 * (lo + hi);
    (g(mid) >= 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

MeltPool melt_pool_from_field(const RiseField& rise, double th, double scale) {
  MeltPool mp;
  // Centreline: the peak lies at or behind the source; avoid ξ = 0 exactly (a point source is singular there).
  const double eps = 1e-4 * scale;
  auto centre = [&](double xi) { return rise(xi, 0.0, 0.0); };
  double xi_peak = 0;
  const double peak = max_on(centre, -8 * scale, -eps, &xi_peak);
  if (!(peak >= th) && !(rise(eps, 0, 0) >= th)) return mp;
  const double front = outer_root([&](double d) { return rise(std::max(xi_peak, -eps) + d, 0, 0) - th; }, scale);
  const double tail = outer_root([&](double d) { return rise(xi_peak - d, 0, 0) - th; }, scale);
  const double xi_front = std::max(xi_peak, -eps) + front, xi_tail = xi_peak - tail;
  mp.length_m = xi_front - xi_tail;
  auto section_max = [&](double y, double z) {
    return max_on([&](double xi) { return rise(xi, y, z); }, xi_tail, xi_front);
  };
  mp.width_m = 2.0 * outer_root([&](double y) { return section_max(y, 0.0) - th; }, 0.25 * scale);
  mp.depth_m = outer_root([&](double d) { return section_max(0.0, -d) - th; }, 0.25 * scale);
  return mp;
}

MeltPool gaussian_melt_pool(const MovingGaussianSource& src, double power, double speed) {
  const auto& m = src.material();
  const double alpha = m.diffusivity();
  // Fast-source estimate of the pool width sets the scale (Rosenthal, large Péclet number).
  const double q = src.absorptivity() * power, th = m.melting_k - m.ambient_k;
  const double scale = std::max({std::sqrt(8.0 * q / (M_PI * M_E * m.volumetric_heat() * speed * th)), 2 * src.spot_sigma(), 1e-6});
  // A straight track long enough for the field near the source to be steady: 400 α/v² (the wake's decay time)
  // and 40 pool scales of travel.
  const double duration = std::max(400.0 * alpha / (speed * speed), 40.0 * scale / speed);
  const Segment seg{-speed * duration, 0.0, 0.0, 0.0, 0.0, -duration, 0.0, power};
  return melt_pool_from_field([&](double xi, double y, double z) { return src.rise(seg, xi, y, z, 0.0); }, th, scale);
}

MeltPool rosenthal_melt_pool(const ThermalMaterial& m, double q, double speed) {
  const double th = m.melting_k - m.ambient_k;
  const double scale = std::max(std::sqrt(8.0 * q / (M_PI * M_E * m.volumetric_heat() * speed * th)), 1e-6);
  return melt_pool_from_field([&](double xi, double y, double z) { return rosenthal_rise(m, q, speed, xi, y, z); }, th, scale);
}

}  // namespace vitrum::am
