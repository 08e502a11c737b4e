#include "vitrum/am/thermal_material.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

void ThermalMaterial::validate() const {
  auto need = [](bool ok, const char* what, double v) {
    if (!ok) throw Error(fmt::format("thermal material: {} (got {})", what, v));
  };
  need(conductivity_w_per_m_k > 0, "conductivity_W_per_m_K must be > 0", conductivity_w_per_m_k);
  need(density_kg_per_m3 > 0, "density_kg_per_m3 must be > 0", density_kg_per_m3);
  need(specific_heat_j_per_kg_k > 0, "specific_heat_J_per_kg_K must be > 0", specific_heat_j_per_kg_k);
  need(ambient_k > 0, "ambient_K must be > 0", ambient_k);
  need(melting_k > ambient_k, "melting_K must exceed ambient_K", melting_k);
}

}  // namespace vitrum::am
