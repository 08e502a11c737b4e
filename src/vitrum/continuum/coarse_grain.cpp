#include "vitrum/continuum/coarse_grain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"

namespace vitrum::continuum {

std::vector<double> coarse_grain_energy(const std::vector<double>& sx, const std::vector<double>& sy,
                                        const std::vector<double>& energy, double lx, double ly,
                                        const CoarseGrainSettings& s) {
  if (s.nx < 1 || s.ny < 1) throw Error("coarse-grain: the grid needs nx, ny ≥ 1");
  if (!std::isfinite(s.smoothing_length) || s.smoothing_length < 0)
    throw Error(fmt::format("coarse-grain: the smoothing length must be finite and >= 0, got {}", s.smoothing_length));
  if (sx.size() != energy.size() || sy.size() != energy.size()) throw Error("coarse-grain: positions and energies differ in length");
  const std::size_t cells = std::size_t(s.nx) * s.ny;
  check_allocation("coarse-grain --grid", static_cast<double>(cells), 4 * sizeof(double), "grid cells");
  std::vector<double> sum(cells, 0.0), weight(cells, 0.0);
  auto wrap01 = [](double v) { return v - std::floor(v); };
  if (s.smoothing_length <= 0) {
    for (std::size_t a = 0; a < energy.size(); ++a) {
      const int i = std::min(s.nx - 1, static_cast<int>(wrap01(sx[a]) * s.nx));
      const int j = std::min(s.ny - 1, static_cast<int>(wrap01(sy[a]) * s.ny));
      sum[std::size_t(j) * s.nx + i] += energy[a];
      weight[std::size_t(j) * s.nx + i] += 1.0;
    }
  } else {
    const double ell = s.smoothing_length, hx = lx / s.nx, hy = ly / s.ny;
    // In double before the cast: a huge length (1e9) overflowed int and hung in the stencil loop.
    const double rxd = std::ceil(3 * ell / hx), ryd = std::ceil(3 * ell / hy);
    if (!(2 * rxd + 1 <= s.nx && 2 * ryd + 1 <= s.ny))
      throw Error(fmt::format("coarse-grain: smoothing length {} above a sixth of the box ({} x {})", ell, lx, ly));
    const int rx = static_cast<int>(rxd), ry = static_cast<int>(ryd);
    for (std::size_t a = 0; a < energy.size(); ++a) {
      const double x = wrap01(sx[a]) * lx, y = wrap01(sy[a]) * ly;
      const int ci = static_cast<int>(x / hx), cj = static_cast<int>(y / hy);
      for (int dj = -ry; dj <= ry; ++dj)
        for (int di = -rx; di <= rx; ++di) {
          const int i = ci + di, j = cj + dj;
          const double dx = (i + 0.5) * hx - x, dy = (j + 0.5) * hy - y;
          const double w = std::exp(-(dx * dx + dy * dy) / (2 * ell * ell));
          const std::size_t c = std::size_t((j % s.ny + s.ny) % s.ny) * s.nx + std::size_t((i % s.nx + s.nx) % s.nx);
          sum[c] += w * energy[a];
          weight[c] += w;
        }
    }
  }
  for (std::size_t c = 0; c < cells; ++c) {
    if (!(weight[c] > 0))
      throw Error(fmt::format("coarse-grain: cell ({}, {}) holds no atom: use a coarser grid or a smoothing length",
                              c % s.nx, c / s.nx));
    sum[c] /= weight[c];
  }
  return sum;
}

std::vector<double> energy_to_chi(const std::vector<double>& u, const CoarseGrainSettings& s) {
  if (!(s.beta > 0) || !(s.ez_over_kb > 0) || !std::isfinite(s.beta) || !std::isfinite(s.ez_over_kb))
    throw Error("coarse-grain: β and e_z/k_B must be positive and finite");
  if (!std::isfinite(s.u0)) throw Error(fmt::format("coarse-grain: U0 must be finite, got {}", s.u0));
  std::vector<double> chi(u.size());
  for (std::size_t c = 0; c < u.size(); ++c) chi[c] = s.beta * (u[c] - s.u0) * s.ez_over_kb;
  const auto [lo, hi] = std::minmax_element(u.begin(), u.end());
  if (std::any_of(chi.begin(), chi.end(), [](double c) { return !(c > 0) || !std::isfinite(c); }))
    throw Error(fmt::format("coarse-grain: χ = β (U − U0) e_z/k_B is not positive everywhere (cell energies {:.6g} to {:.6g}, "
                            "U0 = {:.6g}): U0 must lie below the lowest cell energy", *lo, *hi, s.u0));
  return chi;
}

}  // namespace vitrum::continuum
