#include "vitrum/atomistic/integrate/thermo.hpp"

namespace vitrum {

double degrees_of_freedom(const System& s) {
  const double d = s.dimension();
  return d * static_cast<double>(s.size()) - d;
}

double kinetic_energy(const Particles& p) {
  double k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) k += p.mass[i] * norm2(p.velocity[i]);
  return 0.5 * k;
}

Thermo measure(const System& s) {
  const Particles& p = s.cfg.particles;
  Thermo t;
  Sym6 kin{};
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Vec3& v = p.velocity[i];
    const double m = p.mass[i];
    kin[0] += m * v.x * v.x; kin[1] += m * v.y * v.y; kin[2] += m * v.z * v.z;
    kin[3] += m * v.x * v.y; kin[4] += m * v.x * v.z; kin[5] += m * v.y * v.z;
  }
  t.kinetic_energy = 0.5 * (kin[0] + kin[1] + kin[2]);
  t.temperature = 2.0 * t.kinetic_energy / degrees_of_freedom(s);
  t.potential_energy = s.last.energy;
  t.volume = s.volume();
  for (int a = 0; a < 6; ++a) t.stress[a] = (kin[a] + s.last.virial[a]) / t.volume;
  t.pressure = s.dimension() == 2 ? (t.stress[0] + t.stress[1]) / 2.0 : (t.stress[0] + t.stress[1] + t.stress[2]) / 3.0;
  return t;
}

Thermo report(const System& s) {
  Thermo t = measure(s);
  const UnitSystem& u = s.units;
  t.temperature = u.temperature_out(t.temperature);
  t.pressure = u.pressure_out(t.pressure);
  for (double& x : t.stress) x = u.pressure_out(x);
  return t;
}

}  // namespace vitrum
