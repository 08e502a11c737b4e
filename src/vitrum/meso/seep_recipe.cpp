#include "vitrum/meso/seep_recipe.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum::meso {

namespace {

std::vector<std::filesystem::path> files_of(RecipeTable& t, const std::string& key, const std::filesystem::path& base) {
  const auto entries = t.get_strings(key);
  if (entries.empty()) t.fail(key, "name at least one history file or folder");
  try {
    return history_files(entries, base);
  } catch (const Error& e) {
    t.fail(key, e.what());
  }
}

SeepRecipe parse_seep(const toml::table& root, const std::filesystem::path& file) {
  SeepRecipe r;
  r.file = file;
  const auto base = file.parent_path();
  RecipeTable top(root, file, "top level");
  top.only({"units", "seed", "database", "map", "predict"});
  r.units = top.get_string("units");
  if (r.units != "reduced" && r.units != "metal")
    top.fail("units", fmt::format("unknown '{}' (known: reduced, metal; the units of the aqs runs)", r.units));
  r.seed = top.get_seed("seed", 1);

  RecipeTable db = top.get_table("database");
  db.only({"histories", "density", "shear_modulus"});
  r.histories = files_of(db, "histories", base);
  r.density = db.get_positive("density");
  if (db.has("shear_modulus")) r.shear_modulus = db.get_positive("shear_modulus");
  db.finish();

  if (top.has("map")) {
    RecipeTable m = top.get_table("map");
    m.only({"stress_bins", "energy_bins", "min_transitions"});
    auto bins = [&](const char* key) {
      const auto n = m.get_int(key, 20);
      if (n < 1 || n > 1000) m.fail(key, fmt::format("must be in 1 .. 1000, got {}", n));
      return static_cast<int>(n);
    };
    r.map.stress_bins = bins("stress_bins");
    r.map.energy_bins = bins("energy_bins");
    const auto need = m.get_int("min_transitions", 20);
    if (need < 1) m.fail("min_transitions", fmt::format("must be at least 1, got {}", need));
    r.map.min_transitions = static_cast<std::size_t>(need);
    m.finish();
  }

  if (!top.has("predict")) top.fail("predict", "give at least one [[predict]] table (what the map is to predict)");
  for (RecipeTable& p : top.get_tables("predict")) {
    p.only({"name", "histories", "start", "steps", "trajectories"});
    SeepPrediction s;
    s.name = p.get_string("name");
    if (s.name.empty() || s.name.find_first_of("/\\ \t") != std::string::npos)
      p.fail("name", "must be a non-empty word (it names the output file seep_<name>.csv)");
    for (const auto& q : r.predictions)
      if (q.name == s.name) p.fail("name", fmt::format("two [[predict]] tables are named '{}'", s.name));
    if (p.has("histories") == p.has("start")) p.fail("histories", "give exactly one of `histories` (held-out) and `start`");
    if (p.has("histories")) {
      s.reference = files_of(p, "histories", base);
    } else {
      const auto v = p.get_doubles("start");
      if (v.size() != 2) p.fail("start", "must be [stress, inelastic energy per particle]");
      s.start = State{v[0], v[1]};
      if (!p.has("steps")) p.fail("steps", "a prediction from `start` needs the number of strain steps");
    }
    if (p.has("steps")) {
      const auto n = p.get_int("steps");
      if (n < 1 || n > 1000000) p.fail("steps", fmt::format("must be in 1 .. 1e6, got {}", n));
      s.steps = static_cast<std::size_t>(n);
    }
    const auto n = p.get_int("trajectories", 100);
    if (n < 1 || n > 10000000) p.fail("trajectories", fmt::format("must be in 1 .. 1e7, got {}", n));
    s.trajectories = static_cast<std::size_t>(n);
    p.finish();
    r.predictions.push_back(std::move(s));
  }
  top.finish();
  return r;
}

}  // namespace

SeepRecipe parse_seep_recipe(const std::string& text, const std::filesystem::path& name) {
  return parse_seep(parse_toml_string(text, name.string()), name);
}

SeepRecipe read_seep_recipe(const std::filesystem::path& file) { return parse_seep(parse_toml_file(file), file); }

}  // namespace vitrum::meso
