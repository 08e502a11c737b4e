// Empirical glass-forming criteria of a composition: δ, Miedema ΔH_mix, ΔS_mix, Ω, Δχ, VEC, Inoue's rules, T_rg, γ, ΔT_x.
#pragma once
#include <optional>

#include <nlohmann/json.hpp>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/element_data.hpp"

namespace vitrum::gfa {

struct InoueRules {
  bool three_or_more_elements = false;  // at least three elements
  bool size_mismatch_above_12pct = false;  // (r_max - r_min)/r_max > 0.12 among the three most abundant elements
  bool negative_mixing_enthalpy = false;   // ΔH_mix < 0
  [[nodiscard]] bool all() const { return three_or_more_elements && size_mismatch_above_12pct && negative_mixing_enthalpy; }
};

struct CharacteristicTemperatures {
  double tg_k = 0, tx_k = 0, tl_k = 0;
};

struct Criteria {
  double delta = 0;            // sqrt(Σ c_i (1 - r_i/r̄)²), Miracle radii; a fraction, not %
  double dh_mix_kj = 0;        // Σ_{i<j} 4 ΔH_ij c_i c_j (kJ/mol)
  double ds_mix_j = 0;         // -R Σ c_i ln c_i (J/mol/K)
  double tm_k = 0;             // Σ c_i T_m,i (K), rule-of-mixtures melting point used in Ω
  std::optional<double> omega; // T_m ΔS_mix / |ΔH_mix|; empty when ΔH_mix = 0
  double dchi = 0;             // sqrt(Σ c_i (χ_i - χ̄)²), Pauling
  double vec = 0;              // Σ c_i VEC_i (Magpie NValence)
  InoueRules inoue;
  // Present only when T_g, T_x, T_l were given.
  std::optional<double> t_rg, gamma, dtx_k;
};

Criteria compute_criteria(const Composition& c, const ElementData& d,
                          const std::optional<CharacteristicTemperatures>& t = std::nullopt);

// The keys of `vitrum gfa criteria --format json` (docs/gfa.md), shared by the CLI and the Python module.
nlohmann::json criteria_json(const Composition& c, const Criteria& k);

}  // namespace vitrum::gfa
