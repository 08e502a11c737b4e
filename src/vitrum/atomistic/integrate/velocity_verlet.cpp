// Velocity Verlet (NVE) and the kick/drift halves every other integrator reuses. These O(N)
// loops stay serial: they are memory-bound, and threading them costs more than it saves.
#include "vitrum/atomistic/integrate/velocity_verlet.hpp"

namespace vitrum {

void kick(Particles& p, double half_dt) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.velocity[i] += p.force[i] * (half_dt / p.mass[i]);
}

void drift(Particles& p, double dt) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.position[i] += p.velocity[i] * dt;
}

void VelocityVerlet::step(System& s, std::int64_t, double) {
  kick(s.cfg.particles, 0.5 * dt_);
  drift(s.cfg.particles, dt_);
  s.compute_forces();
  kick(s.cfg.particles, 0.5 * dt_);
}

}  // namespace vitrum
