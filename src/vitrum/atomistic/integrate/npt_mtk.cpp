#include "vitrum/atomistic/integrate/npt_mtk.hpp"

#include <cmath>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {
// sinh(x)/x, by its series near 0 (the integrator's exact factors, Tuckerman et al. 2006 Eq. 2.22).
double sinhc(double x) {
  if (std::abs(x) < 1e-4) {
    const double x2 = x * x;
    return 1.0 + x2 / 6.0 + x2 * x2 / 120.0;
  }
  return std::sinh(x) / x;
}
}  // namespace

double NptMtk::barostat_mass(const System& s, double kt) const {
  return (degrees_of_freedom(s) + 3.0) * kt * pdamp_ * pdamp_;
}

void NptMtk::thermostats(System& s, double kt) {
  const double w = barostat_mass(s, kt);
  v_eps_ *= barostat_.half_step(w * v_eps_ * v_eps_, 1.0, kt, dt_);
  Particles& p = s.cfg.particles;
  const double factor = particles_.half_step(2.0 * kinetic_energy(p), degrees_of_freedom(s), kt, dt_);
  for (auto& v : p.velocity) v *= factor;
}

void NptMtk::barostat_half(System& s, double kt) {
  if (s.dimension() == 2) throw Error("ensemble npt: the isotropic barostat is three-dimensional; a 2D system runs at fixed area");
  const double dof = degrees_of_freedom(s);
  const double twice_ke = 2.0 * kinetic_energy(s.cfg.particles);
  const double volume = s.cfg.box.volume();
  const double virial = s.last.virial[0] + s.last.virial[1] + s.last.virial[2];
  const double p_int = (twice_ke + virial) / (3.0 * volume);
  const double g = 3.0 * volume * (p_int - pressure_) + 3.0 / dof * twice_ke;
  v_eps_ += 0.5 * dt_ * g / barostat_mass(s, kt);
}

void NptMtk::kick_scaled(System& s) {
  Particles& p = s.cfg.particles;
  const double alpha = 1.0 + 3.0 / degrees_of_freedom(s);
  const double a = alpha * v_eps_;
  const double decay = std::exp(-a * 0.5 * dt_);
  const double drive = 0.5 * dt_ * std::exp(-a * 0.25 * dt_) * sinhc(a * 0.25 * dt_);
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.velocity[i] = p.velocity[i] * decay + p.force[i] * (drive / p.mass[i]);
}

void NptMtk::step(System& s, std::int64_t, double temperature) {
  const double kt = temperature;
  thermostats(s, kt);
  barostat_half(s, kt);
  kick_scaled(s);
  // Positions and box: r ← lo + (r − lo) e^{v_ε dt} + v dt e^{v_ε dt/2} sinhc(v_ε dt/2).
  Particles& p = s.cfg.particles;
  Box& box = s.cfg.box;
  const double grow = std::exp(v_eps_ * dt_);
  const double move = dt_ * std::exp(0.5 * v_eps_ * dt_) * sinhc(0.5 * v_eps_ * dt_);
  const Vec3 lo = box.lo();
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) p.position[i] = lo + (p.position[i] - lo) * grow + p.velocity[i] * move;
  box.set_lengths(box.lengths() * grow);
  s.need_energy_virial = true;  // the barostat reads the virial every step
  s.compute_forces();
  kick_scaled(s);
  barostat_half(s, kt);
  thermostats(s, kt);
}

double NptMtk::reservoir_energy(const System& s, double temperature) const {
  const double w = barostat_mass(s, temperature);
  return pressure_ * s.cfg.box.volume() + 0.5 * w * v_eps_ * v_eps_ + particles_.energy(degrees_of_freedom(s), temperature) +
         barostat_.energy(1.0, temperature);
}

void NptMtk::checkpoint(Archive& ar) {
  ar(v_eps_);
  particles_.checkpoint(ar);
  barostat_.checkpoint(ar);
}

}  // namespace vitrum
