#include "vitrum/meso/rate_driver.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum::meso {

namespace {
constexpr std::uint32_t kRateDraw = 3;       // `extra` of the EPM stream for the per-step failure draws
constexpr std::uint32_t kBootstrapDraw = 4;  // ... and for the bootstrap resamples of the flow-curve fit

// Adds the trapezoid integral of a stress linear from (g0, s0) to (g1, s1) to the strain blocks [a + k w, a + (k+1) w).
void add_to_blocks(std::vector<double>& blocks, double a, double w, double g0, double s0, double g1, double s1) {
  if (!(g1 > g0)) return;
  const auto nb = static_cast<int>(blocks.size());
  int k = std::clamp(static_cast<int>((g0 - a) / w), 0, nb - 1);
  double lo = g0;
  while (lo < g1) {
    const double hi = k == nb - 1 ? g1 : std::min(g1, a + (k + 1) * w);
    const double slo = s0 + (s1 - s0) * (lo - g0) / (g1 - g0), shi = s0 + (s1 - s0) * (hi - g0) / (g1 - g0);
    blocks[static_cast<std::size_t>(k)] += 0.5 * (slo + shi) * (hi - lo);
    lo = hi;
    if (k < nb - 1) ++k;
  }
}
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

double RateDriver::shear(double rate, double strain, double sample_every, std::vector<TimeSample>& samples,
                         std::vector<double>* block_means) {
  if (!(rate > 0)) throw Error("epm: strain rate must be positive");
  const double two_mu = 2.0 * model_.parameters().shear_modulus;
  const double end = model_.strain() + strain;
  double next_sample = model_.strain();
  double integral = 0, start = model_.strain();
  std::vector<double> blocks(block_means ? block_means->size() : 0, 0.0);
  const double block_width = blocks.empty() ? 0.0 : strain / static_cast<double>(blocks.size());
  while (model_.strain() < end) {
    const double before = model_.strain(), stress_before = model_.mean_stress();
    const auto [failed, any_unstable] = fail_step();
    (void)failed;
    double dgamma = rate * p_.dt;
    if (!any_unstable && p_.temperature == 0) {
      // Nothing can fail until the weakest block reaches its threshold: jump there (at most to `end`).
      dgamma = std::max(dgamma, model_.weakest(+1).first / two_mu);
    }
    dgamma = std::min(dgamma, end - before);
    model_.load(two_mu * dgamma);
    time_ += dgamma / rate;
    integral += 0.5 * (stress_before + model_.mean_stress()) * dgamma;
    if (!blocks.empty()) add_to_blocks(blocks, start, block_width, before, stress_before, model_.strain(), model_.mean_stress());
    if (model_.strain() >= next_sample) {
      samples.push_back({time_, model_.strain(), model_.mean_stress(), model_.mean_plastic_strain()});
      next_sample += sample_every;
    }
  }
  if (block_means)
    for (std::size_t k = 0; k < blocks.size(); ++k) (*block_means)[k] = blocks[k] / block_width;
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

HerschelBulkleyError bootstrap_herschel_bulkley(const std::vector<double>& rates,
                                                const std::vector<std::vector<double>>& block_means, int resamples,
                                                std::uint32_t seed) {
  HerschelBulkleyError err;
  if (rates.size() < 3 || block_means.size() != rates.size() || resamples < 2) return err;
  std::vector<double> stress(rates.size());
  double sc = 0, sc2 = 0, n = 0, n2 = 0, b = 0, b2 = 0;
  for (int r = 0; r < resamples; ++r) {
    for (std::size_t k = 0; k < rates.size(); ++k) {
      const auto& m = block_means[k];
      if (m.empty()) return err;
      Rng rng(Stream::EpmThreshold, seed, k, static_cast<std::uint64_t>(r), kBootstrapDraw);
      double sum = 0;
      for (std::size_t j = 0; j < m.size(); ++j)
        sum += m[std::min(m.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(m.size())))];
      stress[k] = sum / static_cast<double>(m.size());
    }
    const auto f = fit_herschel_bulkley(rates, stress);
    sc += f.yield_stress; sc2 += f.yield_stress * f.yield_stress;
    n += f.n; n2 += f.n * f.n;
    const double beta = f.n > 0 ? 1.0 / f.n : 0.0;
    b += beta; b2 += beta * beta;
  }
  const double m = resamples;
  auto sd = [m](double s1, double s2) { return std::sqrt(std::max(0.0, (s2 - s1 * s1 / m) / (m - 1))); };
  err = {sd(sc, sc2), sd(n, n2), sd(b, b2), resamples};
  return err;
}

}  // namespace vitrum::meso
