#include "vitrum/atomistic/integrate/velocities.hpp"

#include <cmath>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

void zero_momentum(Particles& p) {
  Vec3 momentum{};
  double mass = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    momentum += p.velocity[i] * p.mass[i];
    mass += p.mass[i];
  }
  const Vec3 vcm = momentum * (1.0 / mass);
  for (auto& v : p.velocity) v -= vcm;
}

void create_velocities(System& s, double temperature, std::uint32_t seed) {
  Particles& p = s.cfg.particles;
  const double z_spread = s.dimension() == 2 ? 0.0 : 1.0;  // planar systems do not move in z
  for (std::size_t i = 0; i < p.size(); ++i) {
    Rng rng(Stream::VelocityInit, seed, 0, static_cast<std::uint64_t>(p.id[i]));
    const double sd = std::sqrt(temperature / p.mass[i]);
    p.velocity[i] = {sd * rng.normal(), sd * rng.normal(), z_spread * sd * rng.normal()};
  }
  zero_momentum(p);
  const double t = 2.0 * kinetic_energy(p) / degrees_of_freedom(s);
  const double scale = t > 0 ? std::sqrt(temperature / t) : 0.0;
  for (auto& v : p.velocity) v *= scale;
  s.cfg.has_velocities = true;
}

}  // namespace vitrum
