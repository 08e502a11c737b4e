// The TOML recipe of `vitrum ttt`: melt kinetics of one alloy (VFT, ΔH_f, V_m, σ), the fraction defining the TTT curve.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/gfa/nucleation.hpp"

namespace vitrum {
class RecipeTable;
}

namespace vitrum::gfa {

// units = "SI"
// [alloy]       name, composition (informational), liquidus_K, glass_transition_K,
//               fusion_enthalpy_J_per_mol, molar_volume_m3_per_mol
// [viscosity]   eta0_Pa_s, D_star, T0_K (optional: from η(T_g) = 1e12 Pa s when absent)
// [nucleation]  interfacial_energy_J_per_m2 or turnbull_alpha (exactly one), driving_force
//               ("thompson-spaepen" default, or "turnbull")
// [ttt]         fraction (default 1e-6), published_rc_K_per_s (optional, reported beside R_c)
struct TttRecipe {
  std::string name, composition;
  MeltKinetics kinetics;
  std::optional<double> turnbull_alpha;  // when σ came from α
  double fraction = 1e-6;
  std::optional<double> published_rc;
  bool t0_from_tg = false;
  [[nodiscard]] nlohmann::json to_json() const;
};

TttRecipe read_ttt_recipe(const std::filesystem::path& file);
// Reads the tables alloy, viscosity, nucleation and ttt from `top` into `r` (the caller validates r.kinetics): the
// body of a TTT recipe, or of a recipe's `kind = "ttt"` stage.
void parse_ttt_tables(RecipeTable& top, TttRecipe& r);
TttRecipe parse_ttt_recipe(const std::string& text, const std::string& name);

}  // namespace vitrum::gfa
