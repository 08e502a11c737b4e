#include "vitrum/analysis/green_kubo.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <fftw3.h>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

std::vector<double> autocorrelation(const std::vector<double>& x, std::size_t max_lag) {
  const std::size_t n = x.size();
  if (n == 0) return {};
  max_lag = std::min(max_lag, n - 1);
  // Zero-pad to ≥ 2n so that the circular correlation equals the linear one (Wiener–Khinchin).
  std::size_t m = 1;
  while (m < 2 * n) m <<= 1;
  std::vector<double> in(m, 0.0), out(m);
  std::copy(x.begin(), x.end(), in.begin());
  std::vector<std::complex<double>> spec(m / 2 + 1);
  auto* c = reinterpret_cast<fftw_complex*>(spec.data());
  fftw_plan fwd, bwd;
  {
    // Planning is not thread-safe in FFTW; ESTIMATE plans are cheap.
#pragma omp critical(vitrum_fftw_plan)
    {
      fwd = fftw_plan_dft_r2c_1d(static_cast<int>(m), in.data(), c, FFTW_ESTIMATE);
      bwd = fftw_plan_dft_c2r_1d(static_cast<int>(m), c, out.data(), FFTW_ESTIMATE);
    }
  }
  fftw_execute(fwd);
  for (auto& z : spec) z = std::norm(z);
  fftw_execute(bwd);
#pragma omp critical(vitrum_fftw_plan)
  {
    fftw_destroy_plan(fwd);
    fftw_destroy_plan(bwd);
  }
  std::vector<double> acf(max_lag + 1);
  for (std::size_t k = 0; k <= max_lag; ++k) acf[k] = out[k] / static_cast<double>(m) / static_cast<double>(n - k);
  return acf;
}

namespace {

std::vector<double> mean_acf(const std::vector<std::vector<double>>& comps, const std::vector<double>& w,
                             std::size_t lo, std::size_t hi, std::size_t max_lag) {
  std::vector<double> sum(max_lag + 1, 0.0);
  for (std::size_t c = 0; c < comps.size(); ++c) {
    const auto& x = comps[c];
    const std::vector<double> a =
        autocorrelation(std::vector<double>(x.begin() + static_cast<std::ptrdiff_t>(lo),
                                            x.begin() + static_cast<std::ptrdiff_t>(hi)), max_lag);
    for (std::size_t k = 0; k < a.size(); ++k) sum[k] += w[c] * a[k];
  }
  return sum;
}

// Trapezoid ∫ from lag 0 to lag `last`, plus the fraction `frac` of the interval after it (a cut-off between lags).
double integrate(const std::vector<double>& c, std::size_t last, double frac, double dt) {
  double s = 0;
  for (std::size_t k = 1; k <= last; ++k) s += 0.5 * (c[k - 1] + c[k]) * dt;
  if (frac > 0 && last + 1 < c.size()) {
    const double end = c[last] + frac * (c[last + 1] - c[last]);
    s += 0.5 * (c[last] + end) * frac * dt;
  }
  return s;
}

}  // namespace

GreenKuboResult green_kubo(const std::vector<std::vector<double>>& components, double dt, double max_time,
                           const GreenKuboCutoff& cutoff, int blocks, double prefactor,
                           const std::vector<double>& weights) {
  if (components.empty()) throw Error("Green-Kubo: no series");
  if (!weights.empty() && weights.size() != components.size())
    throw Error("Green-Kubo: one weight per component");
  const std::vector<double> w =
      weights.empty() ? std::vector<double>(components.size(), 1.0 / static_cast<double>(components.size())) : weights;
  const std::size_t n = components.front().size();
  for (const auto& x : components)
    if (x.size() != n) throw Error("Green-Kubo: the components must have the same length");
  if (!(dt > 0) || !(max_time > 0)) throw Error("Green-Kubo: dt and max_time must be positive");
  if (blocks < 2) throw Error("Green-Kubo: at least 2 blocks are needed for an error");
  const std::size_t block_len = n / static_cast<std::size_t>(blocks);
  std::size_t max_lag = static_cast<std::size_t>(std::floor(max_time / dt + 1e-9));
  if (block_len < 2) throw Error(fmt::format("Green-Kubo: {} samples for {} blocks", n, blocks));
  max_lag = std::min(max_lag, block_len - 1);

  GreenKuboResult r;
  r.blocks = blocks;
  r.block_time = static_cast<double>(block_len) * dt;
  r.acf = mean_acf(components, w, 0, n, max_lag);
  r.time.resize(r.acf.size());
  r.running.assign(r.acf.size(), 0.0);
  for (std::size_t k = 0; k < r.acf.size(); ++k) {
    r.time[k] = static_cast<double>(k) * dt;
    if (k > 0) r.running[k] = r.running[k - 1] + 0.5 * (r.acf[k - 1] + r.acf[k]) * dt;
  }
  // The cut-off as a lag index plus a fraction of the next interval.
  std::size_t last = r.acf.size() - 1;
  double frac = 0;
  if (cutoff.rule == GreenKuboCutoff::Rule::FirstZero) {
    r.cutoff_found = false;
    for (std::size_t k = 1; k < r.acf.size(); ++k)
      if (r.acf[k] <= 0) {
        last = k - 1;
        frac = r.acf[k - 1] / (r.acf[k - 1] - r.acf[k]);  // linear interpolation to the zero
        r.cutoff_found = true;
        break;
      }
  } else {
    if (!(cutoff.time > 0)) throw Error("Green-Kubo: a fixed cut-off time must be positive");
    const double lag = cutoff.time / dt;
    if (lag > static_cast<double>(r.acf.size() - 1)) {
      r.cutoff_found = false;  // beyond the ACF (max_time or a block): stops at the last lag
    } else {
      last = static_cast<std::size_t>(std::floor(lag));
      frac = lag - static_cast<double>(last);
    }
  }
  r.cutoff_time = (static_cast<double>(last) + frac) * dt;
  r.integral = prefactor * integrate(r.acf, last, frac, dt);
  double mean = 0;
  for (int b = 0; b < blocks; ++b) {
    const std::size_t lo = static_cast<std::size_t>(b) * block_len;
    const std::vector<double> c = mean_acf(components, w, lo, lo + block_len, max_lag);
    r.block_integrals.push_back(prefactor * integrate(c, last, frac, dt));
    mean += r.block_integrals.back() / blocks;
  }
  double var = 0;
  for (double v : r.block_integrals) var += (v - mean) * (v - mean);
  r.error = std::sqrt(var / (blocks * (blocks - 1.0)));
  for (double& v : r.running) v *= prefactor;
  return r;
}

StressComponents traceless_stress_components(const std::vector<double>& xx, const std::vector<double>& yy,
                                             const std::vector<double>& zz, const std::vector<double>& xy,
                                             const std::vector<double>& xz, const std::vector<double>& yz) {
  StressComponents c;
  c.series = {xy, xz, yz, xx, yy, zz};
  for (std::size_t i = 0; i < xx.size(); ++i) {
    const double third = (xx[i] + yy[i] + zz[i]) / 3.0;
    c.series[3][i] -= third;
    c.series[4][i] -= third;
    c.series[5][i] -= third;
  }
  c.weights = {0.2, 0.2, 0.2, 0.1, 0.1, 0.1};
  return c;
}

}  // namespace vitrum
