// SLLOD step in the deforming box (Nosé–Hoover chain or Bussi on the peculiar velocities) and the creep PI law.
#include "vitrum/atomistic/shear/sllod.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/integrate/bussi.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

namespace {

// The SLLOD term alone over dt: dc_x/dt = −γ̇ c_y leaves c_y unchanged, so this is exact.
void sllod_kick(Particles& p, double gamma_dot, double dt) {
  if (gamma_dot == 0) return;
  for (Vec3& c : p.velocity) c.x -= gamma_dot * dt * c.y;
}

}  // namespace

Sllod::Sllod(const SllodOptions& o) : o_(o), chain_(o.tdamp, o.chain) {
  if (!(o.dt > 0)) throw Error(fmt::format("sllod: dt must be positive, got {}", o.dt));
  if (!(o.tdamp > 0)) throw Error(fmt::format("sllod: tdamp must be positive, got {}", o.tdamp));
  if (o.thermostat != "nose-hoover" && o.thermostat != "bussi")
    throw Error(fmt::format("sllod: unknown thermostat '{}' (known: nose-hoover, bussi)", o.thermostat));
}

void Sllod::thermostat_half(System& s, double temperature) {
  Particles& p = s.cfg.particles;
  const double factor = chain_.half_step(2.0 * kinetic_energy(p), degrees_of_freedom(s), temperature, o_.dt);
  for (Vec3& c : p.velocity) c *= factor;
}

void Sllod::step(System& s, std::int64_t step, double temperature, double gamma_dot) {
  Particles& p = s.cfg.particles;
  const bool nh = o_.thermostat == "nose-hoover";
  const double h = 0.5 * o_.dt;
  if (nh) thermostat_half(s, temperature);
  kick(p, h);
  sllod_kick(p, gamma_dot, h);
  // Streaming: the exact flow of dr/dt = c + γ̇ (y − ylo) x̂ at fixed c is x += c_x dt + γ̇ dt (y_mid − ylo),
  // which the symmetric affine–drift–affine product reproduces.
  if (gamma_dot != 0) affine_shear(s, gamma_dot * h);
  drift(p, o_.dt);
  if (gamma_dot != 0) affine_shear(s, gamma_dot * h);
  s.compute_forces();
  sllod_kick(p, gamma_dot, h);
  kick(p, h);
  if (nh) {
    thermostat_half(s, temperature);
    return;
  }
  // Bussi, Donadio & Parrinello (2007), Eq. (A7), on the peculiar kinetic energy (keyed by stage seed and
  // step: thread- and order-independent).
  Rng rng(Stream::Bussi, o_.seed, static_cast<std::uint64_t>(step), 0, 1);
  bussi_rescale(p, degrees_of_freedom(s), temperature, o_.dt, o_.tdamp, rng);
}

void Sllod::checkpoint(Archive& ar) { chain_.checkpoint(ar); }

double sheared_stress_xy(const System& s) { return -measure(s).stress[3]; }

double CreepController::rate(double stress_xy, double dt) {
  const double e = target - stress_xy;
  if (integral_time > 0) {
    integral += e * dt;
    return (e + integral / integral_time) / box_viscosity;
  }
  return e / box_viscosity;
}

}  // namespace vitrum
