#include "vitrum/am/devitrification.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

KineticsTable::KineticsTable(const gfa::MeltKinetics& k, double step) : tg_(k.glass_transition_k), tl_(k.liquidus_k), step_(step) {
  k.validate();
  const int n = static_cast<int>(std::ceil((tl_ - tg_) / step_)) + 1;
  step_ = (tl_ - tg_) / (n - 1);
  log_i_.resize(n);
  log_u_.resize(n);
  for (int i = 0; i < n; ++i) {
    // At T_l itself both rates vanish; the last node takes the value just below (the table is zero above T_l).
    const double t = std::min(tg_ + i * step_, tl_ - 1e-6);
    const double ii = k.nucleation_rate(t), uu = k.growth_rate(t);
    log_i_[i] = ii > 0 ? std::log(ii) : -745.0;
    log_u_[i] = uu > 0 ? std::log(uu) : -745.0;
  }
}

double KineticsTable::nucleation_rate(double t) const {
  if (t < tg_ || t >= tl_) return 0.0;
  const double f = (t - tg_) / step_;
  const std::size_t i = std::min(static_cast<std::size_t>(f), log_i_.size() - 2);
  const double w = f - i;
  return std::exp((1 - w) * log_i_[i] + w * log_i_[i + 1]);
}

double KineticsTable::growth_rate(double t) const {
  if (t < tg_ || t >= tl_) return 0.0;
  const double f = (t - tg_) / step_;
  const std::size_t i = std::min(static_cast<std::size_t>(f), log_u_.size() - 2);
  const double w = f - i;
  return std::exp((1 - w) * log_u_[i] + w * log_u_[i + 1]);
}

void CrystalMoments::advance(double I, double u, double dt) {
  const double r = u * dt;
  const double p0 = phi[0], p1 = phi[1], p2 = phi[2], p3 = phi[3];
  phi[0] = p0 + I * dt;
  phi[1] = p1 + r * p0 + I * r * dt / 2.0;
  phi[2] = p2 + 2.0 * r * p1 + r * r * p0 + I * r * r * dt / 3.0;
  phi[3] = p3 + 3.0 * r * p2 + 3.0 * r * r * p1 + r * r * r * p0 + I * r * r * r * dt / 4.0;
}

double CrystalMoments::extended_volume() const { return 4.0 * M_PI / 3.0 * phi[3]; }

double CrystalMoments::fraction() const { return -std::expm1(-extended_volume()); }

CrystalMoments devitrify(const std::vector<HistorySample>& h, const KineticsTable& k, const DevitrificationOptions& o,
                         CrystalMoments c, std::vector<double>* after_each) {
  const double tg = k.glass_transition_k(), tl = k.liquidus_k();
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i > 0) {
      const double ta = h[i - 1].temperature_k, tb = h[i].temperature_k, dt = h[i].t_s - h[i - 1].t_s;
      if (dt > 0 && std::max(ta, tb) > tg && std::min(ta, tb) < tl) {
        // Only the part of the piece inside (T_g, T_l) matters; constant rates at each substep's midpoint.
        const int n = std::max(1, static_cast<int>(std::ceil(std::abs(tb - ta) / o.max_substep_k)));
        const double h_dt = dt / n, h_t = (tb - ta) / n;
        for (int s = 0; s < n; ++s) {
          const double tm = ta + (s + 0.5) * h_t;
          if (tm <= tg || tm >= tl) continue;
          c.advance(k.nucleation_rate(tm), k.growth_rate(tm), h_dt);
        }
      }
    }
    if (h[i].temperature_k >= tl) c.dissolve();
    if (after_each) after_each->push_back(c.fraction());
  }
  return c;
}

std::vector<HistorySample> linear_ramp(double from, double to, double rate, double t0) {
  if (!(rate > 0)) throw Error(fmt::format("ramp rate {} K/s must be > 0", rate));
  const int n = std::max(1, static_cast<int>(std::ceil(std::abs(to - from))));
  std::vector<HistorySample> h(n + 1);
  for (int i = 0; i <= n; ++i) {
    const double t = from + (to - from) * i / n;
    h[i] = {t0 + std::abs(t - from) / rate, t};
  }
  return h;
}

double quench_and_heat_fraction(const KineticsTable& k, double quench, double heating) {
  const double tg = k.glass_transition_k(), tl = k.liquidus_k();
  auto h = linear_ramp(tl, tg, quench);
  auto up = linear_ramp(tg, tl - 1e-9, heating, h.back().t_s);
  h.insert(h.end(), up.begin() + 1, up.end());
  return devitrify(h, k).fraction();
}

namespace {
// Bisection in log rate for the rate at which f(rate) crosses `fraction` (f falls as the rate grows).
template <class F>
double critical_rate(F f, double fraction, const char* what) {
  double lo = std::log(1e-2), hi = std::log(1e12);
  if (f(std::exp(hi)) > fraction) throw Error(fmt::format("{} above 1e12 K/s", what));
  if (f(std::exp(lo)) < fraction) return std::exp(lo);
  for (int it = 0; it < 50; ++it) {
    const double mid = 0.5 * (lo + hi);
    (f(std::exp(mid)) > fraction ? lo : hi) = mid;
  }
  return std::exp(0.5 * (lo + hi));
}
}  // namespace

double critical_heating_rate(const KineticsTable& k, double fraction, double quench) {
  return critical_rate([&](double r) { return quench_and_heat_fraction(k, quench, r); }, fraction, "critical heating rate");
}

double critical_cooling_rate(const KineticsTable& k, double fraction) {
  return critical_rate([&](double r) { return devitrify(linear_ramp(k.liquidus_k() - 1e-9, k.glass_transition_k(), r), k).fraction(); },
                       fraction, "critical cooling rate");
}

}  // namespace vitrum::am
