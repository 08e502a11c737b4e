#include "vitrum/atomistic/protocol/final_state.hpp"

#include "vitrum/atomistic/integrate/thermo.hpp"

namespace vitrum {

namespace {

nlohmann::json common(const System& s, double temperature, double pressure, const Sym6& stress) {
  const double n = static_cast<double>(s.size()), volume = s.volume();
  return {{"temperature", temperature},
          {"pe_per_particle", s.last.energy / n},
          {"pressure", pressure},
          {"stress", stress},
          {"volume", volume},
          {"density", n / volume},
          {"strain", s.cfg.box.strain_xy()},
          {"tilt_xy", s.cfg.box.xy()}};
}

}  // namespace

nlohmann::json final_state_json(const System& s) {
  const Thermo t = report(s);
  nlohmann::json j = common(s, t.temperature, t.pressure, t.stress);
  j["ke_per_particle"] = t.kinetic_energy / static_cast<double>(s.size());
  return j;
}

nlohmann::json final_state_json(const System& s, double T) {
  const UnitSystem& u = s.units;
  const double n = static_cast<double>(s.size()), volume = s.volume();
  const auto& v = s.last.virial;
  const double ideal = n * T / volume;
  const double w = s.dimension() == 2 ? (v[0] + v[1]) / (2.0 * volume) : (v[0] + v[1] + v[2]) / (3.0 * volume);
  Sym6 stress{};
  for (int a = 0; a < 6; ++a) stress[a] = u.pressure_out((a < 3 ? ideal : 0.0) + v[a] / volume);
  if (s.dimension() == 2) stress[2] = u.pressure_out(v[2] / volume);
  return common(s, u.temperature_out(T), u.pressure_out(ideal + w), stress);
}

}  // namespace vitrum
