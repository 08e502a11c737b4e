#include "vitrum/atomistic/protocol/final_state.hpp"

#include "vitrum/atomistic/integrate/thermo.hpp"

namespace vitrum {

nlohmann::json final_state_json(const System& s) {
  const Thermo t = report(s);
  const double n = static_cast<double>(s.size());
  return {{"temperature", t.temperature},
          {"pe_per_particle", t.potential_energy / n},
          {"ke_per_particle", t.kinetic_energy / n},
          {"pressure", t.pressure},
          {"stress", t.stress},
          {"volume", t.volume},
          {"density", n / t.volume}};
}

}  // namespace vitrum
