#include "vitrum/analysis/steinhardt.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <fmt/format.h>
#include <numbers>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace {
double factorial(int n) { return std::tgamma(static_cast<double>(n) + 1.0); }
}  // namespace

double wigner_3j(int j1, int j2, int j3, int m1, int m2, int m3) {
  if (m1 + m2 + m3 != 0 || std::abs(m1) > j1 || std::abs(m2) > j2 || std::abs(m3) > j3) return 0.0;
  if (j3 < std::abs(j1 - j2) || j3 > j1 + j2) return 0.0;
  const double triangle =
      factorial(j1 + j2 - j3) * factorial(j1 - j2 + j3) * factorial(-j1 + j2 + j3) / factorial(j1 + j2 + j3 + 1);
  const double pre = std::sqrt(triangle * factorial(j1 + m1) * factorial(j1 - m1) * factorial(j2 + m2) *
                               factorial(j2 - m2) * factorial(j3 + m3) * factorial(j3 - m3));
  double sum = 0;
  const int kmin = std::max({0, j2 - j3 - m1, j1 - j3 + m2});
  const int kmax = std::min({j1 + j2 - j3, j1 - m1, j2 + m2});
  for (int k = kmin; k <= kmax; ++k) {
    const double term = 1.0 / (factorial(k) * factorial(j1 + j2 - j3 - k) * factorial(j1 - m1 - k) *
                               factorial(j2 + m2 - k) * factorial(j3 - j2 + m1 + k) * factorial(j3 - j1 - m2 + k));
    sum += (k % 2 ? -term : term);
  }
  const int phase = j1 - j2 - m3;
  return ((phase % 2) ? -1.0 : 1.0) * pre * sum;
}

Steinhardt::Steinhardt(std::vector<int> ls, bool weighted) : ls_(std::move(ls)), weighted_(weighted) {
  if (ls_.empty()) throw Error("steinhardt: no l given");
  for (int l : ls_)
    if (l < 1 || l > 12) throw Error(fmt::format("steinhardt: l = {} outside 1..12", l));
}

std::size_t Steinhardt::which(int l) const {
  const auto it = std::find(ls_.begin(), ls_.end(), l);
  if (it == ls_.end()) throw Error(fmt::format("steinhardt: l = {} was not computed", l));
  return static_cast<std::size_t>(it - ls_.begin());
}

void Steinhardt::compute(const Neighbors& nb) {
  const std::size_t n = nb.particle_count();
  q_.assign(ls_.size(), std::vector<double>(n, 0.0));
  w_ = q_;
  has_neighbors_.assign(n, 0);
  // (l l l; m1 m2 −m1−m2) tables, one per l.
  std::vector<std::vector<double>> w3j(ls_.size());
  for (std::size_t a = 0; a < ls_.size(); ++a) {
    const int l = ls_[a];
    w3j[a].assign(static_cast<std::size_t>((2 * l + 1) * (2 * l + 1)), 0.0);
    for (int m1 = -l; m1 <= l; ++m1)
      for (int m2 = -l; m2 <= l; ++m2)
        w3j[a][(m1 + l) * (2 * l + 1) + (m2 + l)] = wigner_3j(l, l, l, m1, m2, -m1 - m2);
  }
#pragma omp parallel for schedule(dynamic, 64)
  for (std::size_t i = 0; i < n; ++i) {
    if (nb.count(i) == 0) continue;
    has_neighbors_[i] = 1;
    for (std::size_t a = 0; a < ls_.size(); ++a) {
      const int l = ls_[a];
      std::vector<std::complex<double>> qlm(static_cast<std::size_t>(2 * l + 1));
      double wsum = 0;
      for (std::size_t k = nb.offset[i]; k < nb.offset[i + 1]; ++k) {
        const Vec3& d = nb.bond[k];
        const double w = weighted_ ? nb.weight[k] : 1.0;
        wsum += w;
        const double theta = std::acos(std::clamp(d.z / norm(d), -1.0, 1.0));
        const double phi = std::atan2(d.y, d.x);
        for (int m = 0; m <= l; ++m) {
          // std::sph_legendre includes the Condon–Shortley phase: Y_l^m(θ, 0).
          const std::complex<double> y = std::sph_legendre(l, m, theta) * std::polar(1.0, m * phi);
          qlm[l + m] += w * y;
          if (m > 0) qlm[l - m] += w * ((m % 2) ? -std::conj(y) : std::conj(y));
        }
      }
      double norm2q = 0;
      for (auto& c : qlm) {
        c /= wsum;
        norm2q += std::norm(c);
      }
      q_[a][i] = std::sqrt(4.0 * std::numbers::pi / (2 * l + 1) * norm2q);
      std::complex<double> wl = 0;
      for (int m1 = -l; m1 <= l; ++m1)
        for (int m2 = std::max(-l, -l - m1); m2 <= std::min(l, l - m1); ++m2)
          wl += w3j[a][(m1 + l) * (2 * l + 1) + (m2 + l)] * qlm[m1 + l] * qlm[m2 + l] * qlm[-m1 - m2 + l];
      w_[a][i] = norm2q > 0 ? wl.real() / std::pow(norm2q, 1.5) : 0.0;
    }
  }
}

double Steinhardt::mean_ql(int l) const {
  const auto& q = ql(l);
  double s = 0;
  std::size_t c = 0;
  for (std::size_t i = 0; i < q.size(); ++i)
    if (has_neighbors_[i]) {
      s += q[i];
      ++c;
    }
  if (c == 0) throw Error("steinhardt: no particle has neighbours; raise the cut-off");
  return s / static_cast<double>(c);
}

}  // namespace vitrum::analysis
