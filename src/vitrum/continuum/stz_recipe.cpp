#include "vitrum/continuum/stz_recipe.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum::continuum {

std::string law_name(LawKind k) {
  switch (k) {
    case LawKind::Stz: return "stz";
    case LawKind::FreeVolume: return "free-volume";
    case LawKind::Elastic: return "elastic";
  }
  return "?";
}

namespace {

StzRecipe parse(const toml::table& root, const std::filesystem::path& file) {
  StzRecipe r;
  r.file = file;
  RecipeTable top(root, file, "top level");
  top.only({"units", "seed", "grid", "elasticity", "plasticity", "stz", "free_volume", "initial", "loading", "output"});
  if (top.get_string("units") != "SI") top.fail("units", "continuum recipes use units = \"SI\" (m, s, Pa, K)");
  r.seed = top.get_seed("seed");
  parse_stz_tables(top, r, {});
  top.finish();
  return r;
}

}  // namespace

void parse_stz_tables(RecipeTable& top, StzRecipe& r, const StzTableDefaults& d) {
  const std::filesystem::path& file = r.file;
  RecipeTable gr = top.get_table("grid");
  const auto nx = d.nx > 0 ? gr.get_int("nx", d.nx) : gr.get_int("nx");
  const auto ny = d.ny > 0 ? gr.get_int("ny", d.ny) : gr.get_int("ny");
  if (d.nx > 0 && nx != d.nx) gr.fail("nx", fmt::format("must be {}, the nx of the χ field it starts from", d.nx));
  if (d.ny > 0 && ny != d.ny) gr.fail("ny", fmt::format("must be {}, the ny of the χ field it starts from", d.ny));
  if (nx < 4 || nx > 4096) gr.fail("nx", "must be in [4, 4096]");
  if (ny < 2 || ny > 4096) gr.fail("ny", "must be in [2, 4096]");
  const double height = gr.get_positive("height");
  r.grid = {static_cast<int>(nx), static_cast<int>(ny), height / static_cast<double>(ny)};
  gr.finish();

  if (top.has("elasticity")) {
    RecipeTable el = top.get_table("elasticity");
    r.youngs_modulus = el.get_positive("youngs_modulus", r.youngs_modulus);
    r.poisson_ratio = el.get_double("poisson_ratio", r.poisson_ratio);
    if (!(r.poisson_ratio > -1 && r.poisson_ratio < 0.5)) el.fail("poisson_ratio", "must be in (-1, 0.5)");
    el.finish();
  }

  RecipeTable pl = top.get_table("plasticity");
  const std::string law = pl.get_string("law");
  const double diffusion_length = pl.get_non_negative("diffusion_length", 0.0);
  if (law == "stz") r.law = LawKind::Stz;
  else if (law == "free-volume") r.law = LawKind::FreeVolume;
  else if (law == "elastic") r.law = LawKind::Elastic;
  else pl.fail("law", "expected \"stz\", \"free-volume\" or \"elastic\"");
  if (r.law != LawKind::Elastic && diffusion_length == 0) pl.fail("diffusion_length", "give the length l of the transport term l² ∇·(D^pl ∇x) [m] (> 0)");
  if (r.law != LawKind::Elastic && diffusion_length < 1.0 * r.grid.h)
    pl.fail("diffusion_length", "must be at least one grid spacing (height/ny), or the band is not resolved");
  pl.finish();
  r.stz.diffusion_length = diffusion_length;
  r.free_volume.diffusion_length = diffusion_length;
  r.free_volume.youngs_modulus = r.youngs_modulus;
  r.free_volume.poisson_ratio = r.poisson_ratio;

  if (top.has("stz")) {
    if (r.law != LawKind::Stz) top.fail("stz", "this table is only read with law = \"stz\"");
    RecipeTable t = top.get_table("stz");
    auto& s = r.stz;
    s.yield_stress = t.get_positive("yield_stress", s.yield_stress);
    s.tau0 = t.get_positive("tau0", s.tau0);
    s.epsilon0 = t.get_positive("epsilon0", s.epsilon0);
    s.c0 = t.get_positive("c0", s.c0);
    s.ez_over_kb = t.get_positive("ez_over_kb", s.ez_over_kb);
    s.chi_inf = t.get_positive("chi_inf", s.chi_inf);
    s.delta_over_kb = t.get_non_negative("delta_over_kb", s.delta_over_kb);
    s.temperature = t.get_positive("temperature", s.temperature);
    s.stz_volume = t.get_positive("stz_volume", s.stz_volume);
    t.finish();
  }
  if (top.has("free_volume")) {
    if (r.law != LawKind::FreeVolume) top.fail("free_volume", "this table is only read with law = \"free-volume\"");
    RecipeTable t = top.get_table("free_volume");
    auto& f = r.free_volume;
    f.attempt_frequency = t.get_positive("attempt_frequency", f.attempt_frequency);
    f.alpha = t.get_positive("alpha", f.alpha);
    f.activation_energy = kElectronVolt * t.get_non_negative("activation_energy_ev", f.activation_energy / kElectronVolt);
    f.atomic_volume = t.get_positive("atomic_volume", f.atomic_volume);
    f.hard_sphere_volume = t.get_positive("hard_sphere_volume", f.hard_sphere_volume);
    f.annihilation_jumps = t.get_positive("annihilation_jumps", f.annihilation_jumps);
    f.temperature = t.get_positive("temperature", f.temperature);
    t.finish();
  }

  if (d.initial_given) {
    r.initial = InitialKind::File;
    r.initial_file = d.initial_file;
  } else {
    RecipeTable in = top.get_table("initial");
    const std::string kind = in.get_string("kind");
    if (kind == "uniform") {
      r.initial = InitialKind::Uniform;
      r.initial_mean = in.get_positive("value");
    } else if (kind == "random") {
      r.initial = InitialKind::Random;
      r.initial_mean = in.get_positive("mean");
      r.initial_std = in.get_non_negative("std", 0.0);
      r.correlation_length = in.get_positive("correlation_length");
      if (r.initial_std >= 0.5 * r.initial_mean) in.fail("std", "must be below half the mean (the field must stay positive)");
    } else if (kind == "file") {
      r.initial = InitialKind::File;
      r.initial_file = in.get_string("file");
      if (r.initial_file.is_relative()) r.initial_file = file.parent_path() / r.initial_file;
    } else {
      in.fail("kind", "expected \"uniform\", \"random\" or \"file\"");
    }
    in.finish();
  }

  RecipeTable lo = top.get_table("loading");
  r.shear.strain_rate = lo.get_positive("strain_rate");
  r.max_strain = lo.get_positive("max_strain");
  r.shear.max_strain_step = lo.get_positive("max_strain_step", 1e-4);
  r.shear.cfl = lo.get_positive("cfl", 0.4);
  if (r.shear.cfl > 1) lo.fail("cfl", "must be in (0, 1]");
  if (r.shear.max_strain_step > 0.1 * r.max_strain) lo.fail("max_strain_step", "must be at most max_strain / 10");
  r.shear.jaumann = lo.get_bool("jaumann", true);
  r.shear.advection = lo.get_bool("advection", true);
  lo.finish();

  r.snapshot_strains = {r.max_strain};
  if (top.has("output")) {
    RecipeTable out = top.get_table("output");
    r.snapshot_strains = out.get_doubles("snapshot_strains", r.snapshot_strains);
    for (double s : r.snapshot_strains)
      if (!(s > 0 && s <= r.max_strain)) out.fail("snapshot_strains", "every strain must lie in (0, max_strain]");
    if (r.snapshot_strains.size() > 32) out.fail("snapshot_strains", "at most 32 snapshots");
    r.curve_step = out.get_positive("curve_step", std::min(1e-3, r.max_strain / 10));
    r.band_threshold = out.get_positive("band_threshold", r.band_threshold);
    if (r.band_threshold >= 1)
      out.fail("band_threshold", "must be below 1: it is on the localisation index 1 - PR/n, which lies in [0, 1) "
                                 "(docs/analysis.md; 0.5 is the default)");
    out.finish();
  }
  std::sort(r.snapshot_strains.begin(), r.snapshot_strains.end());
  r.snapshot_strains.erase(std::unique(r.snapshot_strains.begin(), r.snapshot_strains.end()), r.snapshot_strains.end());
}

StzRecipe read_stz_recipe(const std::filesystem::path& file) { return parse(parse_toml_file(file), file); }
StzRecipe parse_stz_recipe(const std::string& text, const std::filesystem::path& name) {
  return parse(parse_toml_string(text, name.string()), name);
}

nlohmann::json StzRecipe::to_json() const {
  nlohmann::json j = {
      {"file", file.string()}, {"units", "SI"}, {"seed", seed},
      {"grid", {{"nx", grid.nx}, {"ny", grid.ny}, {"height", grid.ly()}, {"width", grid.lx()}, {"spacing", grid.h}}},
      {"elasticity", {{"youngs_modulus", youngs_modulus}, {"poisson_ratio", poisson_ratio}}},
      {"plasticity", {{"law", law_name(law)}, {"diffusion_length", stz.diffusion_length}}},
      {"loading", {{"strain_rate", shear.strain_rate}, {"max_strain", max_strain}, {"max_strain_step", shear.max_strain_step},
                   {"cfl", shear.cfl}, {"jaumann", shear.jaumann}, {"advection", shear.advection}}},
      {"output", {{"snapshot_strains", snapshot_strains}, {"curve_step", curve_step}, {"band_threshold", band_threshold}}}};
  if (law == LawKind::Stz)
    j["stz"] = {{"yield_stress", stz.yield_stress}, {"tau0", stz.tau0}, {"epsilon0", stz.epsilon0}, {"c0", stz.c0},
                {"ez_over_kb", stz.ez_over_kb}, {"chi_inf", stz.chi_inf}, {"delta_over_kb", stz.delta_over_kb},
                {"temperature", stz.temperature}, {"stz_volume", stz.stz_volume}};
  if (law == LawKind::FreeVolume)
    j["free_volume"] = {{"attempt_frequency", free_volume.attempt_frequency}, {"alpha", free_volume.alpha},
                        {"activation_energy_ev", free_volume.activation_energy / kElectronVolt},
                        {"atomic_volume", free_volume.atomic_volume}, {"hard_sphere_volume", free_volume.hard_sphere_volume},
                        {"annihilation_jumps", free_volume.annihilation_jumps}, {"temperature", free_volume.temperature}};
  if (initial == InitialKind::Uniform) j["initial"] = {{"kind", "uniform"}, {"value", initial_mean}};
  if (initial == InitialKind::Random)
    j["initial"] = {{"kind", "random"}, {"mean", initial_mean}, {"std", initial_std}, {"correlation_length", correlation_length}};
  if (initial == InitialKind::File) j["initial"] = {{"kind", "file"}, {"file", initial_file.string()}};
  return j;
}

}  // namespace vitrum::continuum
