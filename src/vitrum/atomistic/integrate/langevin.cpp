#include "vitrum/atomistic/integrate/langevin.hpp"

#include <cmath>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocity_verlet.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

void Langevin::step(System& s, std::int64_t step, double temperature) {
  Particles& p = s.cfg.particles;
  kick(p, 0.5 * dt_);
  drift(p, 0.5 * dt_);
  const double c = std::exp(-dt_ / tdamp_);
  const double noise = std::sqrt((1 - c * c) * temperature);
  const std::size_t n = p.size();
  double heat = 0;
  const double z_noise = s.dimension() == 2 ? 0.0 : 1.0;  // planar systems get no z kicks
#pragma omp parallel for schedule(static) reduction(+ : heat) if (n >= 10000)
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(Stream::Langevin, seed_, static_cast<std::uint64_t>(step), static_cast<std::uint64_t>(p.id[i]));
    const double k0 = p.mass[i] * norm2(p.velocity[i]);
    const double sd = noise / std::sqrt(p.mass[i]);
    p.velocity[i] = p.velocity[i] * c + Vec3{rng.normal(), rng.normal(), z_noise * rng.normal()} * sd;
    heat += 0.5 * (p.mass[i] * norm2(p.velocity[i]) - k0);
  }
  bath_ -= heat;
  drift(p, 0.5 * dt_);
  s.compute_forces();
  kick(p, 0.5 * dt_);
}

}  // namespace vitrum
