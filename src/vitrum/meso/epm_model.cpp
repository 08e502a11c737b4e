#include "vitrum/meso/epm_model.hpp"

#include <cmath>
#include <numeric>

#include "vitrum/core/rng.hpp"

namespace vitrum::meso {

namespace {
// `extra` of the Rng draw sites of the EPM stream (step = the block's failure count).
constexpr std::uint32_t kThresholdDraw = 0, kNoiseDraw = 1, kInitialStressDraw = 2;
}  // namespace

EpmModel::EpmModel(const EpmParameters& p, LoadControl control)
    : p_(p), propagator_(p.lattice, control, p.poisson_ratio), fft_(p.lattice) {
  const std::size_t n = p.lattice.sites();
  stress_.assign(n, 0.0);
  threshold_.resize(n);
  plastic_strain_.assign(n, 0.0);
  fail_count_.assign(n, 0);
  scratch_.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(Stream::EpmThreshold, p.seed, 0, i, kThresholdDraw);
    threshold_[i] = p.thresholds.draw(rng) + p.stability;
    if (p.initial_stress_std > 0) {
      Rng r2(Stream::EpmThreshold, p.seed, 0, i, kInitialStressDraw);
      stress_[i] = p.initial_stress_std * r2.normal();
    }
  }
  if (p.initial_stress_std > 0) {  // residual stress of a quenched glass averages to zero
    const double m = mean_stress();
    for (auto& s : stress_) s -= m;
  }
}

double EpmModel::mean_stress() const {
  return std::accumulate(stress_.begin(), stress_.end(), 0.0) / static_cast<double>(stress_.size());
}
double EpmModel::mean_plastic_strain() const {
  return std::accumulate(plastic_strain_.begin(), plastic_strain_.end(), 0.0) / static_cast<double>(stress_.size());
}
bool EpmModel::unstable(std::size_t i) const { return std::abs(stress_[i]) >= threshold_[i]; }

void EpmModel::load(double ds) {
  for (auto& s : stress_) s += ds;
  strain_ += ds / (2.0 * p_.shear_modulus);
}

double EpmModel::event_stress_drop(std::size_t i) const {
  double residual = (1.0 - p_.recovery) * stress_[i];
  if (p_.stress_noise > 0) {
    Rng rng(Stream::EpmThreshold, p_.seed, fail_count_[i], i, kNoiseDraw);
    residual += p_.stress_noise * rng.normal();
  }
  return stress_[i] - residual;
}

void EpmModel::record_event(std::size_t i, double drop) {
  plastic_strain_[i] += drop / (2.0 * p_.shear_modulus);
  ++fail_count_[i];
  Rng rng(Stream::EpmThreshold, p_.seed, fail_count_[i], i, kThresholdDraw);
  threshold_[i] = p_.thresholds.draw(rng);
}

EpmModel::Worst EpmModel::fail_one(std::size_t i) {
  const double drop = event_stress_drop(i);
  record_event(i, drop);
  const auto& g = propagator_.real_space_kernel();
  const int L = p_.lattice.size;
  const int nz = p_.lattice.dimension == 3 ? L : 1;
  const auto [xi, yi, zi] = p_.lattice.coords(i);
  Worst worst{-INFINITY, 0};
  double* s = stress_.data();
  const double* th = threshold_.data();
  // sigma_j += drop * G(j - i): per row, the kernel row shifted cyclically by xi (two contiguous pieces).
  for (int z = 0; z < nz; ++z) {
    const int dz = (z - zi + L) % L;
    for (int y = 0; y < L; ++y) {
      const int dy = (y - yi + L) % L;
      const std::size_t row = (static_cast<std::size_t>(z) * L + y) * L;
      const double* grow = g.data() + (static_cast<std::size_t>(dz) * L + dy) * L;
      double row_worst = -INFINITY;
      std::size_t row_site = row;
      auto piece = [&](int x0, int x1, int k0) {
        for (int x = x0; x < x1; ++x) {
          const std::size_t j = row + x;
          s[j] += drop * grow[x - x0 + k0];
          const double e = std::abs(s[j]) - th[j];
          if (e > row_worst) { row_worst = e; row_site = j; }
        }
      };
      piece(xi, L, 0);
      piece(0, xi, L - xi);
      if (row_worst > worst.excess) worst = {row_worst, row_site};
    }
  }
  return worst;
}

void EpmModel::fail_many(const std::vector<std::size_t>& sites) {
  std::fill(scratch_.begin(), scratch_.end(), 0.0);
  for (std::size_t i : sites) {
    const double drop = event_stress_drop(i);
    scratch_[i] = drop;
    record_event(i, drop);
  }
  fft_.convolve_add(scratch_, propagator_.fourier_kernel(), stress_);
}

}  // namespace vitrum::meso
