#include "vitrum/atomistic/integrate/nose_hoover_chain.hpp"

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocity_verlet.hpp"

namespace vitrum {

void NoseHooverChain::thermostat(System& s, double temperature) {
  Particles& p = s.cfg.particles;
  const double factor = chain_.half_step(2.0 * kinetic_energy(p), degrees_of_freedom(s), temperature, dt_);
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.velocity[i] *= factor;
}

void NoseHooverChain::step(System& s, std::int64_t, double temperature) {
  thermostat(s, temperature);
  kick(s.cfg.particles, 0.5 * dt_);
  drift(s.cfg.particles, dt_);
  s.compute_forces();
  kick(s.cfg.particles, 0.5 * dt_);
  thermostat(s, temperature);
}

double NoseHooverChain::reservoir_energy(const System& s, double temperature) const {
  return chain_.energy(degrees_of_freedom(s), temperature);
}

}  // namespace vitrum
