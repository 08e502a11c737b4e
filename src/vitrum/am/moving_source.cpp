#include "vitrum/am/moving_source.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

namespace {
constexpr int kNodes = 4;            // Gauss–Legendre nodes per piece (in s = √τ)
constexpr double kSkipExponent = 40;  // a piece whose smallest exponent exceeds this adds < e^-40 of its weight

// Squared distance from (px, py) to the segment (ax, ay)-(bx, by).
double distance2_to_segment(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
  double u = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0.0;
  u = std::clamp(u, 0.0, 1.0);
  const double ex = ax + u * dx - px, ey = ay + u * dy - py;
  return ex * ex + ey * ey;
}
}  // namespace

double Segment::speed() const { return std::hypot(x1 - x0, y1 - y0) / (t1 - t0); }

MovingGaussianSource::MovingGaussianSource(const ThermalMaterial& m, double absorptivity, double spot_sigma, double depth_sigma)
    : material_(m), absorptivity_(absorptivity), sigma_(spot_sigma) {
  m.validate();
  if (!(absorptivity > 0 && absorptivity <= 1)) throw Error(fmt::format("absorptivity {} is not in (0, 1]", absorptivity));
  if (!(spot_sigma >= 0) || !(depth_sigma >= 0)) throw Error("beam spot and depth widths must be >= 0");
  a2_ = 6.0 * spot_sigma * spot_sigma;
  az2_ = 6.0 * depth_sigma * depth_sigma;
  alpha12_ = 12.0 * m.diffusivity();
  prefactor_ = 2.0 * absorptivity / m.volumetric_heat() * std::pow(3.0 / M_PI, 1.5);
  rule_ = &gauss_legendre(kNodes);
}

double MovingGaussianSource::rise(const Segment& s, double x, double y, double z, double t) const {
  const double tau_b = t - s.t0;  // τ = t - t' runs over [τa, τb]
  if (tau_b <= 0 || s.power_w <= 0) return 0.0;
  const double tau_a = std::max(0.0, t - s.t1);
  const double dz2 = (s.z - z) * (s.z - z);
  const double dur = s.t1 - s.t0;
  const double vx = (s.x1 - s.x0) / dur, vy = (s.y1 - s.y0) / dur, v = std::hypot(vx, vy);
  // Source position at τ: (x0, y0) + v (t - τ - t0).
  auto px = [&](double tau) { return s.x0 + vx * (t - tau - s.t0); };
  auto py = [&](double tau) { return s.y0 + vy * (t - tau - s.t0); };
  // Whole segment out of reach: nearest position travelled so far, widest kernel.
  {
    const double d2 = distance2_to_segment(x, y, px(tau_b), py(tau_b), px(tau_a), py(tau_a));
    if (3.0 * d2 / (a2_ + alpha12_ * tau_b) + 3.0 * dz2 / (az2_ + alpha12_ * tau_b) > kSkipExponent) return 0.0;
  }

  // Breakpoints: geometric in τ (φ and the depth factor vary on the scale τ itself), refined around the closest
  // approach τc (the along-track Gaussian has width σ_τ = √(φ/6)/v in τ there).
  std::array<double, 96> br;
  int nb = 0;
  br[nb++] = tau_a;
  br[nb++] = tau_b;
  const double tau_ref = std::max(1e-12, 0.02 * (std::min(a2_, az2_ + dz2) + dz2) / alpha12_ + 1e-10);
  for (double g = tau_ref; g < tau_b && nb < 60; g *= 2.0)
    if (g > tau_a) br[nb++] = g;
  if (v > 0) {
    const double ux = vx / v, uy = vy / v;
    const double along = (x - s.x0) * ux + (y - s.y0) * uy;  // distance travelled when closest
    const double tau_c = t - (s.t0 + along / v);
    const double sig = std::sqrt((a2_ + alpha12_ * std::max(tau_c, 0.0)) / 6.0) / v;
    for (double k : {-8.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 8.0}) {
      const double b = tau_c + k * sig;
      if (b > tau_a && b < tau_b) br[nb++] = b;
    }
  }
  std::sort(br.begin(), br.begin() + nb);

  const auto& xg = rule_->x;
  const auto& wg = rule_->w;
  double total = 0;
  for (int i = 0; i + 1 < nb; ++i) {
    const double lo = br[i], hi = br[i + 1];
    if (hi <= lo) continue;
    // Smallest exponent over the piece: nearest source position, widest kernel.
    const double phi_hi = a2_ + alpha12_ * hi, phiz_hi = az2_ + alpha12_ * hi;
    const double d2 = distance2_to_segment(x, y, px(hi), py(hi), px(lo), py(lo));
    if (3.0 * d2 / phi_hi + 3.0 * dz2 / phiz_hi > kSkipExponent) continue;
    const double s_lo = std::sqrt(lo), s_hi = std::sqrt(hi), half = 0.5 * (s_hi - s_lo), mid = 0.5 * (s_hi + s_lo);
    double piece = 0;
    for (int k = 0; k < kNodes; ++k) {
      const double sv = mid + half * xg[k], tau = sv * sv;
      const double phi = a2_ + alpha12_ * tau, phiz = az2_ + alpha12_ * tau;
      const double dx = x - px(tau), dy = y - py(tau);
      const double e = 3.0 * (dx * dx + dy * dy) / phi + 3.0 * dz2 / phiz;
      if (e > 700) continue;
      piece += wg[k] * 2.0 * sv * std::exp(-e) / (phi * std::sqrt(phiz));
    }
    total += piece * half;
  }
  return prefactor_ * s.power_w * total;
}

double MovingGaussianSource::rise(const std::vector<Segment>& segments, double x, double y, double z, double t) const {
  double sum = 0;
  for (const auto& s : segments) sum += rise(s, x, y, z, t);
  return sum;
}

}  // namespace vitrum::am
