#include "vitrum/atomistic/integrate/bussi.hpp"

#include <cmath>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocity_verlet.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

namespace {

// Gamma(shape, 1) deviate by Marsaglia & Tsang (2000), for shape >= 1.
double gamma_deviate(Rng& rng, double shape) {
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = rng.uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

// Sum of n squared standard normals (chi-squared with n degrees of freedom).
double sum_of_squared_normals(Rng& rng, double n) {
  if (n <= 0) return 0.0;
  if (n < 2) {
    const double g = rng.normal();
    return g * g;
  }
  return 2.0 * gamma_deviate(rng, 0.5 * n);
}

}  // namespace

double bussi_rescale(Particles& p, double dof, double temperature, double dt, double tdamp, Rng& rng) {
  const double k = kinetic_energy(p);
  if (k <= 0) return 0.0;
  const double k_target = 0.5 * dof * temperature;
  const double c = std::exp(-dt / tdamp);
  const double r1 = rng.normal();
  const double rest = sum_of_squared_normals(rng, dof - 1);
  const double k_new = k * c + k_target / dof * (1 - c) * (r1 * r1 + rest) + 2.0 * r1 * std::sqrt(k * k_target / dof * (1 - c) * c);
  const double alpha = std::sqrt(std::max(k_new, 0.0) / k);
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.velocity[i] *= alpha;
  return (alpha * alpha - 1.0) * k;
}

void Bussi::step(System& s, std::int64_t step, double temperature) {
  Particles& p = s.cfg.particles;
  kick(p, 0.5 * dt_);
  drift(p, dt_);
  s.compute_forces();
  kick(p, 0.5 * dt_);
  Rng rng(Stream::Bussi, seed_, static_cast<std::uint64_t>(step), 0);
  bath_ -= bussi_rescale(p, degrees_of_freedom(s), temperature, dt_, tdamp_, rng);
}

}  // namespace vitrum
