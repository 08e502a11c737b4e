#include "vitrum/analysis/structure_factor.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <fmt/format.h>
#include <numbers>

#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"

namespace vitrum::analysis {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;

struct QVector {
  int h, k, l;
  double q, weight;  // weight 2 stands for the pair (n, −n), which share |ρ|²
};

// Reciprocal lattice of h = [[Lx, xy, 0], [0, Ly, 0], [0, 0, Lz]]: q = 2π h⁻ᵀ n.
Vec3 q_of(const Box& box, int h, int k, int l) {
  const Vec3 L = box.lengths();
  return {kTwoPi * h / L.x, kTwoPi * (k - h * box.xy() / L.x) / L.y, kTwoPi * l / L.z};
}

// One representative of each ±n pair with 0 < |q| < q_max and |n_d| <= limit.
std::vector<QVector> q_vectors(const Box& box, double q_max, int limit) {
  // n_d = q·a_d / 2π, so |n_d| <= q_max |a_d| / 2π for the lattice vectors a_d.
  const Vec3 L = box.lengths();
  const double len_b = std::hypot(L.y, box.xy());
  // In double before the int conversion: q_max L / 2π exceeds INT_MAX in a huge box.
  const auto extent = [&](double len) {
    return static_cast<int>(std::min(static_cast<double>(limit), std::floor(q_max * len / kTwoPi) + 1));
  };
  const int hx = extent(L.x), hy = extent(len_b), hz = extent(L.z);
  // The vectors number about V q_max³ / (12π²) (half the reciprocal lattice points in the sphere), at most one per
  // grid point scanned; a huge box asks for more than memory holds: refuse before the scan (it would run for ages).
  const double scanned = (2.0 * hx + 1) * (2.0 * hy + 1) * (hz + 1.0);
  const double expected = box.volume() * q_max * q_max * q_max / (12.0 * std::numbers::pi * std::numbers::pi);
  check_allocation(fmt::format("sq: q_max = {:.4g} in a box of volume {:.4g}", q_max, box.volume()),
                   std::min(scanned, 1.1 * expected + 1000.0), sizeof(QVector) + 128.0, "wave vectors");
  std::vector<QVector> out;
  for (int l = 0; l <= hz; ++l)
    for (int k = -hy; k <= hy; ++k)
      for (int h = -hx; h <= hx; ++h) {
        if (l == 0 && (k < 0 || (k == 0 && h <= 0))) continue;
        const double q = norm(q_of(box, h, k, l));
        if (q < q_max) out.push_back({h, k, l, q, 2.0});
      }
  return out;
}
}  // namespace

StructureFactor::StructureFactor(std::size_t bins, double q_max, Method method, int fft_grid)
    : bins_(bins), q_max_(q_max), method_(method), grid_(fft_grid) {
  if (bins == 0 || !(q_max > 0)) throw Error(fmt::format("sq: need bins > 0 and q_max > 0 (got {}, {})", bins, q_max));
  if (method == Method::Fft && (fft_grid < 8 || fft_grid % 2))
    throw Error(fmt::format("sq: the FFT grid must be even and >= 8 (got {})", fft_grid));
}

std::size_t StructureFactor::slot(int a, int b) const {
  if (a > b) std::swap(a, b);
  if (a < 1 || b > ntypes_) throw Error(fmt::format("sq: type pair ({}, {}) outside 1..{}", a, b, ntypes_));
  return static_cast<std::size_t>((a - 1) * ntypes_ + (b - 1));
}

std::vector<double> StructureFactor::bin_centers() const {
  std::vector<double> q(bins_);
  for (std::size_t k = 0; k < bins_; ++k) q[k] = (static_cast<double>(k) + 0.5) * q_max_ / static_cast<double>(bins_);
  return q;
}

void StructureFactor::add_vector(double q, double weight, const std::vector<double>& re, const std::vector<double>& im) {
  const auto bin = std::min(bins_ - 1, static_cast<std::size_t>(q / q_max_ * static_cast<double>(bins_)));
  nvec_[bin] += weight;
  double rn = 0, in = 0;
  for (int a = 0; a < ntypes_; ++a) {
    rn += re[a];
    in += im[a];
    for (int b = a; b < ntypes_; ++b)
      partial_[a * ntypes_ + b][bin] +=
          weight * (re[a] * re[b] + im[a] * im[b]) / std::sqrt(count_of_[a] * count_of_[b]);
  }
  double n = 0;
  for (double c : count_of_) n += c;
  total_[bin] += weight * (rn * rn + in * in) / n;
  if (ntypes_ == 2) {
    const double ca = count_of_[0] / n, cb = count_of_[1] / n;
    const double rc = cb * re[0] - ca * re[1], ic = cb * im[0] - ca * im[1];
    cc_[bin] += weight * (rc * rc + ic * ic) / n;
    nc_[bin] += weight * (rn * rc + in * ic) / n;
  }
}

void StructureFactor::compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<int>& types,
                              int type_count) {
  const std::size_t n = positions.size();
  if (types.size() != n || n == 0) throw Error("sq: positions and types must be non-empty and of equal length");
  ntypes_ = type_count > 0 ? type_count : *std::max_element(types.begin(), types.end());
  count_of_.assign(ntypes_, 0.0);
  for (int t : types) {
    if (t < 1 || t > ntypes_) throw Error(fmt::format("sq: particle type {} outside 1..{}", t, ntypes_));
    count_of_[t - 1] += 1;
  }
  nvec_.assign(bins_, 0.0);
  total_.assign(bins_, 0.0);
  cc_.assign(bins_, 0.0);
  nc_.assign(bins_, 0.0);
  partial_.assign(static_cast<std::size_t>(ntypes_ * ntypes_), std::vector<double>(bins_, 0.0));
  std::vector<Vec3> s(n);
  for (std::size_t j = 0; j < n; ++j) {
    s[j] = box.to_fractional(positions[j]);
    for (int d = 0; d < 3; ++d) s[j][d] -= std::floor(s[j][d]);
  }
  const int limit = method_ == Method::Fft ? grid_ / 2 - 1 : 1 << 20;
  const auto qs = q_vectors(box, q_max_, limit);
  std::vector<std::vector<double>> re(qs.size(), std::vector<double>(ntypes_, 0.0)), im = re;

  if (method_ == Method::Direct) {
    int hmax = 0;
    for (const auto& q : qs) hmax = std::max({hmax, std::abs(q.h), std::abs(q.k), q.l});
    const int span = 2 * hmax + 1;
    check_allocation(fmt::format("sq: q_max = {:.4g} ({} wave numbers a side)", q_max_, span),
                     (2.0 * span + hmax + 1.0) * static_cast<double>(n), sizeof(std::complex<double>), "phase factors");
    // e^{−2πi m s_d} for m in −hmax..hmax, stored [m][j] so the inner particle loop is contiguous.
    std::vector<std::complex<double>> px(span * n), py(span * n), pz((hmax + 1) * n);
    for (std::size_t j = 0; j < n; ++j)
      for (int m = -hmax; m <= hmax; ++m) {
        px[(m + hmax) * n + j] = std::polar(1.0, -kTwoPi * m * s[j].x);
        py[(m + hmax) * n + j] = std::polar(1.0, -kTwoPi * m * s[j].y);
        if (m >= 0) pz[m * n + j] = std::polar(1.0, -kTwoPi * m * s[j].z);
      }
#pragma omp parallel for schedule(dynamic, 16)
    for (std::size_t v = 0; v < qs.size(); ++v) {
      const auto* ex = &px[(qs[v].h + hmax) * n];
      const auto* ey = &py[(qs[v].k + hmax) * n];
      const auto* ez = &pz[qs[v].l * n];
      std::vector<std::complex<double>> rho(ntypes_);
      for (std::size_t j = 0; j < n; ++j) rho[types[j] - 1] += ex[j] * ey[j] * ez[j];
      for (int a = 0; a < ntypes_; ++a) {
        re[v][a] = rho[a].real();
        im[v][a] = rho[a].imag();
      }
    }
  } else {
    const int m = grid_;
    const std::size_t cells = static_cast<std::size_t>(m) * m * m;
    const std::size_t half = static_cast<std::size_t>(m) * m * (m / 2 + 1);
    std::vector<double> grid(cells);
    auto* out = fftw_alloc_complex(half);
    fftw_plan plan = fftw_plan_dft_r2c_3d(m, m, m, grid.data(), out, FFTW_ESTIMATE);
    for (int a = 1; a <= ntypes_; ++a) {
      std::fill(grid.begin(), grid.end(), 0.0);
      // Cloud in cell: each particle shares its unit weight among the 8 nearest grid points.
      for (std::size_t j = 0; j < n; ++j) {
        if (types[j] != a) continue;
        int base[3];
        double frac[3];
        for (int d = 0; d < 3; ++d) {
          const double u = s[j][d] * m;
          base[d] = static_cast<int>(std::floor(u));
          frac[d] = u - base[d];
        }
        for (int c = 0; c < 8; ++c) {
          const int ox = c & 1, oy = (c >> 1) & 1, oz = (c >> 2) & 1;
          const double wgt = (ox ? frac[0] : 1 - frac[0]) * (oy ? frac[1] : 1 - frac[1]) * (oz ? frac[2] : 1 - frac[2]);
          const int gx = (base[0] + ox) % m, gy = (base[1] + oy) % m, gz = (base[2] + oz) % m;
          grid[(static_cast<std::size_t>(gx) * m + gy) * m + gz] += wgt;  // FFTW row-major: x slowest
        }
      }
      fftw_execute(plan);
      for (std::size_t v = 0; v < qs.size(); ++v) {
        const int ix = (qs[v].h + m) % m, iy = (qs[v].k + m) % m, iz = qs[v].l;
        const auto& c = out[(static_cast<std::size_t>(ix) * m + iy) * (m / 2 + 1) + iz];
        auto sinc = [m](int k) { const double x = std::numbers::pi * k / m; return k == 0 ? 1.0 : std::sin(x) / x; };
        const double window = std::pow(sinc(qs[v].h) * sinc(qs[v].k) * sinc(qs[v].l), 2);
        // FFTW computes Σ g e^{−2πi n·u/M}: the same sign as ρ(q).
        re[v][a - 1] = c[0] / window;
        im[v][a - 1] = c[1] / window;
      }
    }
    fftw_destroy_plan(plan);
    fftw_free(out);
  }
  for (std::size_t v = 0; v < qs.size(); ++v) add_vector(qs[v].q, qs[v].weight, re[v], im[v]);
  auto finish = [&](std::vector<double>& f) {
    for (std::size_t k = 0; k < bins_; ++k) f[k] = nvec_[k] > 0 ? f[k] / nvec_[k] : std::nan("");
  };
  finish(total_);
  finish(cc_);
  finish(nc_);
  for (auto& p : partial_) finish(p);
  nn_ = total_;
}

std::vector<double> StructureFactor::faber_ziman(int a, int b) const {
  const auto& sab = s(a, b);
  double n = 0;
  for (double c : count_of_) n += c;
  const double ca = count_of_[a - 1] / n, cb = count_of_[b - 1] / n;
  std::vector<double> out(bins_);
  for (std::size_t k = 0; k < bins_; ++k) out[k] = 1.0 + (sab[k] - (a == b ? 1.0 : 0.0)) / std::sqrt(ca * cb);
  return out;
}

const std::vector<double>& StructureFactor::bhatia_thornton(const std::string& which) const {
  if (ntypes_ != 2) throw Error(fmt::format("sq: Bhatia–Thornton needs two species (this system has {})", ntypes_));
  if (which == "NN") return nn_;
  if (which == "CC") return cc_;
  if (which == "NC") return nc_;
  throw Error(fmt::format("sq: Bhatia–Thornton component '{}' is not one of NN, CC, NC", which));
}

double StructureFactor::first_peak() const {
  std::size_t best = bins_;
  for (std::size_t k = 0; k < bins_; ++k)
    if (nvec_[k] > 0 && (best == bins_ || total_[k] > total_[best])) best = k;
  if (best == bins_) throw Error("sq: no q vector below q_max; raise q_max");
  return bin_centers()[best];
}

}  // namespace vitrum::analysis
