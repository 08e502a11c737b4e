#include "vitrum/gfa/ttt.hpp"

#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::gfa {

TttCurve ttt_curve(const MeltKinetics& k, double fraction, int points) {
  k.validate();
  if (!(fraction > 0 && fraction < 1)) throw Error(fmt::format("TTT: crystallised fraction {} is not in (0, 1)", fraction));
  TttCurve c;
  c.nose_time_s = std::numeric_limits<double>::infinity();
  const double lo = k.glass_transition_k, hi = k.liquidus_k;
  for (int i = 0; i < points; ++i) {
    const double t = lo + (hi - lo) * i / points;
    const double iu3 = k.nucleation_rate(t) * std::pow(k.growth_rate(t), 3);
    if (!(iu3 > 0)) continue;
    const double time = std::pow(-3.0 * std::log1p(-fraction) / (M_PI * iu3), 0.25);
    c.points.push_back({t, time});
    if (time < c.nose_time_s) { c.nose_time_s = time; c.nose_temperature_k = t; }
  }
  if (c.points.empty()) throw Error("TTT: no temperature between T_g and T_l has a positive nucleation and growth rate");
  return c;
}

double crystallised_fraction(const MeltKinetics& k, double rate, double step_k) {
  // State Φ0..Φ3 as functions of temperature: dΦ/dT = -(1/R) dΦ/dt while cooling.
  using State = std::array<double, 4>;
  auto deriv = [&](double t, const State& f) {
    const double i = k.nucleation_rate(t), u = k.growth_rate(t);
    return State{-i / rate, -u * f[0] / rate, -2.0 * u * f[1] / rate, -3.0 * u * f[2] / rate};
  };
  State f{0, 0, 0, 0};
  const int n = static_cast<int>(std::ceil((k.liquidus_k - k.glass_transition_k) / step_k));
  const double h = -(k.liquidus_k - k.glass_transition_k) / n;
  double t = k.liquidus_k;
  for (int s = 0; s < n; ++s) {
    const State k1 = deriv(t, f);
    State y;
    for (int q = 0; q < 4; ++q) y[q] = f[q] + 0.5 * h * k1[q];
    const State k2 = deriv(t + 0.5 * h, y);
    for (int q = 0; q < 4; ++q) y[q] = f[q] + 0.5 * h * k2[q];
    const State k3 = deriv(t + 0.5 * h, y);
    for (int q = 0; q < 4; ++q) y[q] = f[q] + h * k3[q];
    const State k4 = deriv(t + h, y);
    for (int q = 0; q < 4; ++q) f[q] += h / 6.0 * (k1[q] + 2 * k2[q] + 2 * k3[q] + k4[q]);
    t += h;
  }
  return -std::expm1(-4.0 * M_PI / 3.0 * f[3]);
}

double critical_cooling_rate(const MeltKinetics& k, double fraction) {
  k.validate();
  double lo = std::log(1e-8), hi = std::log(1e14);
  if (crystallised_fraction(k, std::exp(hi)) > fraction)
    throw Error("critical cooling rate above 1e14 K/s: the melt cannot be vitrified in this model");
  if (crystallised_fraction(k, std::exp(lo)) < fraction) return std::exp(lo);
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (crystallised_fraction(k, std::exp(mid)) > fraction ? lo : hi) = mid;
  }
  return std::exp(0.5 * (lo + hi));
}

double calibrate_interfacial_energy(MeltKinetics k, double fraction, double target) {
  // A larger σ raises the nucleation barrier, so R_c falls monotonically as σ grows.
  double lo = 0.01, hi = 1.0;
  auto rc = [&](double s) { k.interfacial_energy_j_per_m2 = s; return critical_cooling_rate(k, fraction); };
  if (rc(hi) > target || rc(lo) < target)
    throw Error(fmt::format("no interfacial energy in [{}, {}] J/m² gives R_c = {} K/s", lo, hi, target));
  for (int it = 0; it < 50; ++it) {
    const double mid = std::sqrt(lo * hi);
    (rc(mid) > target ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

}  // namespace vitrum::gfa
