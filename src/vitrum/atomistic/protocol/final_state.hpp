// The "final" entry of a stage's summary: the end state's temperature, energies, pressure, stress, volume, density.
#pragma once
#include <nlohmann/json.hpp>

#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// In the recipe's units (thermo.hpp's report()).
nlohmann::json final_state_json(const System& s);

}  // namespace vitrum
