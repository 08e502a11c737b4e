#include "vitrum/meso/rate_driver.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum::meso {

namespace {
constexpr std::uint32_t kRateDraw = 3;  // `extra` of the EPM stream for the per-step failure draws
}

std::pair<std::size_t, bool> RateDriver::fail_step() {
  const auto& s = model_.stress();
  const auto& th = model_.thresholds();
  const double p_unstable = 1.0 - std::exp(-p_.dt / p_.tau_pl);
  failing_.clear();
  bool any_unstable = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double x = th[i] - std::abs(s[i]);
    double p;
    if (x <= 0) { p = p_unstable; any_unstable = true; }
    else if (p_.temperature > 0) p = 1.0 - std::exp(-p_.dt * p_.attempt_rate * std::exp(-std::pow(x, p_.alpha) / p_.temperature));
    else continue;
    Rng rng(Stream::EpmThreshold, model_.parameters().seed, step_, i, kRateDraw);
    if (rng.uniform() < p) failing_.push_back(i);
  }
  if (!failing_.empty()) model_.fail_many(failing_);
  ++step_;
  return {failing_.size(), any_unstable};
}

double RateDriver::shear(double rate, double strain, double sample_every, std::vector<TimeSample>& samples) {
  if (!(rate > 0)) throw Error("epm: strain rate must be positive");
  const double two_mu = 2.0 * model_.parameters().shear_modulus;
  const double end = model_.strain() + strain;
  double next_sample = model_.strain();
  double integral = 0, start = model_.strain();
  while (model_.strain() < end) {
    const double before = model_.strain(), stress_before = model_.mean_stress();
    const auto [failed, any_unstable] = fail_step();
    (void)failed;
    double dgamma = rate * p_.dt;
    if (!any_unstable && p_.temperature == 0) {
      // Nothing can fail until the weakest block reaches its threshold: jump there (at most to `end`).
      const auto& s = model_.stress();
      const auto& th = model_.thresholds();
      double x_min = INFINITY;
      for (std::size_t i = 0; i < s.size(); ++i) x_min = std::min(x_min, th[i] - s[i]);
      dgamma = std::max(dgamma, x_min / two_mu);
    }
    dgamma = std::min(dgamma, end - before);
    model_.load(two_mu * dgamma);
    time_ += dgamma / rate;
    integral += 0.5 * (stress_before + model_.mean_stress()) * dgamma;
    if (model_.strain() >= next_sample) {
      samples.push_back({time_, model_.strain(), model_.mean_stress(), model_.mean_plastic_strain()});
      next_sample += sample_every;
    }
  }
  return integral / (model_.strain() - start);
}

bool RateDriver::creep(double duration, double sample_every, std::vector<TimeSample>& samples) {
  if (model_.propagator().control() != LoadControl::Stress) throw Error("epm: creep needs a stress-controlled model");
  const double stress = model_.mean_stress(), mu2 = 2.0 * model_.parameters().shear_modulus;
  const double end = time_ + duration;
  double next_sample = time_;
  while (time_ < end) {
    const auto [failed, any_unstable] = fail_step();
    time_ += p_.dt;
    model_.set_strain(stress / mu2 + model_.mean_plastic_strain());
    if (time_ >= next_sample) {
      samples.push_back({time_, model_.strain(), model_.mean_stress(), model_.mean_plastic_strain()});
      next_sample += sample_every;
    }
    if (failed == 0 && !any_unstable && p_.temperature == 0) {
      samples.push_back({time_, model_.strain(), model_.mean_stress(), model_.mean_plastic_strain()});
      return true;
    }
  }
  return false;
}

HerschelBulkleyFit fit_herschel_bulkley(const std::vector<double>& rates, const std::vector<double>& stresses) {
  HerschelBulkleyFit best;
  if (rates.size() < 3) return best;
  const double lowest = *std::min_element(stresses.begin(), stresses.end());
  best.rms_residual = INFINITY;
  for (int k = 1; k <= 4000; ++k) {
    const double sc = lowest * (1.0 - k / 4000.0) - 1e-12;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double m = static_cast<double>(rates.size());
    for (std::size_t i = 0; i < rates.size(); ++i) {
      const double lx = std::log(rates[i]), ly = std::log(stresses[i] - sc);
      sx += lx; sy += ly; sxx += lx * lx; sxy += lx * ly;
    }
    const double n = (m * sxy - sx * sy) / (m * sxx - sx * sx), c = (sy - n * sx) / m;
    double res = 0;
    for (std::size_t i = 0; i < rates.size(); ++i) {
      const double pred = sc + std::exp(c) * std::pow(rates[i], n);
      res += (pred - stresses[i]) * (pred - stresses[i]);
    }
    res = std::sqrt(res / m);
    if (res < best.rms_residual) best = {sc, std::exp(c), n, res};
  }
  return best;
}

}  // namespace vitrum::meso
