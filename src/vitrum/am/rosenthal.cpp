#include "vitrum/am/rosenthal.hpp"

#include <cmath>

#include "vitrum/am/quadrature.hpp"

namespace vitrum::am {

double rosenthal_rise(const ThermalMaterial& m, double q, double v, double xi, double y, double z) {
  const double r = std::sqrt(xi * xi + y * y + z * z);
  return q / (2.0 * M_PI * m.conductivity_w_per_m_k * r) * std::exp(-v * (xi + r) / (2.0 * m.diffusivity()));
}

std::array<double, 3> rosenthal_gradient(const ThermalMaterial& m, double q, double v, double xi, double y, double z) {
  const double r = std::sqrt(xi * xi + y * y + z * z);
  const double theta = rosenthal_rise(m, q, v, xi, y, z);
  const double c = v / (2.0 * m.diffusivity());
  // ln θ = const - ln R - c (ξ + R): ∂/∂x_i ln θ = -x_i/R² - c (δ_iξ + x_i/R).
  const double radial = -1.0 / (r * r) - c / r;
  return {theta * (radial * xi - c), theta * radial * y, theta * radial * z};
}

double rosenthal_hemisphere_flux(const ThermalMaterial& m, double q, double v, double r, int n) {
  // Polar angle from -z (into the body) over [0, π/2], azimuth over [0, 2π).
  const auto polar = gauss_legendre(n), azimuth = gauss_legendre(2 * n);
  const double k = m.conductivity_w_per_m_k, rc = m.volumetric_heat();
  double total = 0;
  for (std::size_t i = 0; i < polar.x.size(); ++i) {
    const double th = 0.25 * M_PI * (polar.x[i] + 1.0), wt = 0.25 * M_PI * polar.w[i];
    for (std::size_t j = 0; j < azimuth.x.size(); ++j) {
      const double ph = M_PI * (azimuth.x[j] + 1.0), wp = M_PI * azimuth.w[j];
      const double nx = std::sin(th) * std::cos(ph), ny = std::sin(th) * std::sin(ph), nz = -std::cos(th);
      const auto g = rosenthal_gradient(m, q, v, r * nx, r * ny, r * nz);
      const double theta = rosenthal_rise(m, q, v, r * nx, r * ny, r * nz);
      const double flux = -k * (g[0] * nx + g[1] * ny + g[2] * nz) - rc * v * theta * nx;
      total += flux * r * r * std::sin(th) * wt * wp;
    }
  }
  return total;
}

}  // namespace vitrum::am
