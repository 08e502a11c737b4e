#include "vitrum/gfa/ttt_recipe.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum::gfa {
namespace {

TttRecipe from_table(const toml::table& root, const std::filesystem::path& file) {
  RecipeTable top(root, file, "top level");
  const auto units = top.get_string("units");
  if (units != "SI") top.fail("units", fmt::format("vitrum ttt works in SI units; expected \"SI\", found \"{}\"", units));
  TttRecipe r;
  parse_ttt_tables(top, r);
  top.finish();
  try {
    r.kinetics.validate();
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", file.string(), e.what()));
  }
  return r;
}

}  // namespace

void parse_ttt_tables(RecipeTable& top, TttRecipe& r) {
  auto& k = r.kinetics;
  RecipeTable alloy = top.get_table("alloy");
  r.name = alloy.get_string("name");
  r.composition = alloy.get_string("composition", "");
  k.liquidus_k = alloy.get_double("liquidus_K");
  k.glass_transition_k = alloy.get_double("glass_transition_K");
  k.fusion_enthalpy_j_per_mol = alloy.get_double("fusion_enthalpy_J_per_mol");
  k.molar_volume_m3_per_mol = alloy.get_double("molar_volume_m3_per_mol");
  alloy.finish();

  RecipeTable visc = top.get_table("viscosity");
  k.eta0_pa_s = visc.get_double("eta0_Pa_s");
  k.d_star = visc.get_double("D_star");
  if (visc.has("T0_K")) {
    k.t0_k = visc.get_double("T0_K");
  } else {
    k.t0_k = vft_t0_from_tg(k.glass_transition_k, k.eta0_pa_s, k.d_star);
    r.t0_from_tg = true;
  }
  visc.finish();

  RecipeTable nuc = top.get_table("nucleation");
  const bool has_sigma = nuc.has("interfacial_energy_J_per_m2"), has_alpha = nuc.has("turnbull_alpha");
  if (has_sigma == has_alpha)
    nuc.fail(has_sigma ? "turnbull_alpha" : "interfacial_energy_J_per_m2",
             "give exactly one of interfacial_energy_J_per_m2 and turnbull_alpha");
  if (has_sigma) {
    k.interfacial_energy_j_per_m2 = nuc.get_double("interfacial_energy_J_per_m2");
  } else {
    r.turnbull_alpha = nuc.get_double("turnbull_alpha");
    k.interfacial_energy_j_per_m2 =
        turnbull_interfacial_energy(*r.turnbull_alpha, k.fusion_enthalpy_j_per_mol, k.molar_volume_m3_per_mol);
  }
  const auto df = nuc.get_string("driving_force", "thompson-spaepen");
  try {
    k.driving_force = parse_driving_force(df);
  } catch (const Error& e) {
    nuc.fail("driving_force", e.what());
  }
  nuc.finish();

  if (top.has("ttt")) {
    RecipeTable t = top.get_table("ttt");
    r.fraction = t.get_double("fraction", 1e-6);
    if (!(r.fraction > 0 && r.fraction < 1)) t.fail("fraction", "must lie in (0, 1)");
    if (t.has("published_rc_K_per_s")) r.published_rc = t.get_double("published_rc_K_per_s");
    t.finish();
  }
}

nlohmann::json TttRecipe::to_json() const {
  const auto& k = kinetics;
  nlohmann::json j = {
      {"units", "SI"},
      {"alloy", {{"name", name}, {"composition", composition}, {"liquidus_K", k.liquidus_k},
                 {"glass_transition_K", k.glass_transition_k}, {"fusion_enthalpy_J_per_mol", k.fusion_enthalpy_j_per_mol},
                 {"molar_volume_m3_per_mol", k.molar_volume_m3_per_mol}}},
      {"viscosity", {{"eta0_Pa_s", k.eta0_pa_s}, {"D_star", k.d_star}, {"T0_K", k.t0_k}, {"T0_from_Tg", t0_from_tg}}},
      {"nucleation", {{"interfacial_energy_J_per_m2", k.interfacial_energy_j_per_m2},
                      {"driving_force", k.driving_force == DrivingForce::Turnbull ? "turnbull" : "thompson-spaepen"}}},
      {"ttt", {{"fraction", fraction}}}};
  if (turnbull_alpha) j["nucleation"]["turnbull_alpha"] = *turnbull_alpha;
  if (published_rc) j["ttt"]["published_rc_K_per_s"] = *published_rc;
  return j;
}

TttRecipe read_ttt_recipe(const std::filesystem::path& file) { return from_table(parse_toml_file(file), file); }

TttRecipe parse_ttt_recipe(const std::string& text, const std::string& name) {
  return from_table(parse_toml_string(text, name), name);
}

}  // namespace vitrum::gfa
