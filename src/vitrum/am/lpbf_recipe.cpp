#include "vitrum/am/lpbf_recipe.hpp"

#include <thread>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum::am {

namespace {

std::vector<double> grid(double lo, double hi, int n) {
  std::vector<double> g(n);
  for (int i = 0; i < n; ++i) g[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
  return g;
}

// [lo, hi] with 0 < lo ≤ hi.
std::pair<double, double> range(RecipeTable& t, const std::string& key) {
  const auto v = t.get_doubles(key);
  if (v.size() != 2 || !(v[0] > 0) || !(v[1] >= v[0])) t.fail(key, "expected [low, high] with 0 < low <= high");
  return {v[0], v[1]};
}

int positive_int(RecipeTable& t, const std::string& key, std::int64_t fallback, std::int64_t max) {
  const auto v = t.get_int(key, fallback);
  if (v < 1 || v > max) t.fail(key, fmt::format("must be an integer in [1, {}]", max));
  return static_cast<int>(v);
}

LpbfRecipe from_table(const toml::table& root, const std::filesystem::path& file) {
  LpbfRecipe r;
  r.file = file;
  RecipeTable top(root, file, "top level");
  top.only({"units", "material", "laser", "scan", "build", "map", "numerics"});
  const auto units = top.get_string("units");
  if (units != "SI") top.fail("units", fmt::format("vitrum lpbf works in SI units; expected \"SI\", found \"{}\"", units));
  parse_lpbf_tables(top, r);
  top.finish();
  try {
    r.material.validate();
    r.scan.validate();
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", file.string(), e.what()));
  }
  return r;
}

}  // namespace

void parse_lpbf_tables(RecipeTable& top, LpbfRecipe& r) {
  const std::filesystem::path& file = r.file;
  RecipeTable mat = top.get_table("material");
  mat.only({"name", "kinetics", "conductivity_W_per_m_K", "density_kg_per_m3", "specific_heat_J_per_kg_K", "ambient_K", "melting_K"});
  r.name = mat.get_string("name");
  if (const toml::node* kn = mat.raw().get("kinetics"); kn && kn->is_table()) {
    // The TTT recipe's tables inline: kinetics = { alloy = {...}, viscosity = {...}, nucleation = {...} }.
    RecipeTable kt = mat.get_table("kinetics");
    kt.only({"units", "alloy", "viscosity", "nucleation", "ttt"});
    if (kt.has("units") && kt.get_string("units") != "SI") kt.fail("units", "a TTT recipe is in SI units");
    gfa::parse_ttt_tables(kt, r.kinetics);
    try {
      r.kinetics.kinetics.validate();
    } catch (const Error& e) {
      kt.fail("alloy", e.what());
    }
    kt.finish();
  } else {
    const auto kin = mat.get_string("kinetics");
    r.kinetics_file = std::filesystem::path(kin).is_absolute() ? std::filesystem::path(kin) : file.parent_path() / kin;
    if (!std::filesystem::exists(r.kinetics_file))
      mat.fail("kinetics", fmt::format("no such file '{}' (a `vitrum ttt` recipe, relative to this recipe)", r.kinetics_file.string()));
    r.kinetics = gfa::read_ttt_recipe(r.kinetics_file);
  }
  auto& m = r.material;
  m.conductivity_w_per_m_k = mat.get_positive("conductivity_W_per_m_K");
  m.density_kg_per_m3 = mat.get_positive("density_kg_per_m3");
  m.specific_heat_j_per_kg_k = mat.get_positive("specific_heat_J_per_kg_K");
  m.ambient_k = mat.get_positive("ambient_K");
  m.melting_k = mat.get_positive("melting_K", r.kinetics.kinetics.liquidus_k);
  if (!(m.melting_k > m.ambient_k)) mat.fail("ambient_K", "must be below melting_K");
  if (m.ambient_k >= r.kinetics.kinetics.glass_transition_k)
    mat.fail("ambient_K", "must be below the glass transition of the kinetics recipe");
  mat.finish();

  RecipeTable las = top.get_table("laser");
  las.only({"power_W", "speed_m_per_s", "absorptivity", "spot_radius_um", "source_depth_um"});
  r.power_w = las.get_positive("power_W");
  r.speed_m_per_s = las.get_positive("speed_m_per_s");
  r.absorptivity = las.get_positive("absorptivity");
  if (r.absorptivity > 1) las.fail("absorptivity", "must lie in (0, 1]");
  r.spot_radius_m = las.get_positive("spot_radius_um") * 1e-6;
  r.source_depth_m = las.get_non_negative("source_depth_um", 0.0) * 1e-6;
  las.finish();

  RecipeTable sc = top.get_table("scan");
  sc.only({"hatch_um", "layer_thickness_um", "pad_side_mm", "rotation_deg", "interlayer_time_s", "jump_time_ms", "bidirectional"});
  auto& s = r.scan;
  s.hatch_m = sc.get_positive("hatch_um") * 1e-6;
  s.layer_thickness_m = sc.get_positive("layer_thickness_um") * 1e-6;
  s.pad_side_m = sc.get_positive("pad_side_mm") * 1e-3;
  if (s.pad_side_m < s.hatch_m) sc.fail("pad_side_mm", "must be at least one hatch");
  if (s.pad_side_m / s.hatch_m > 2000) sc.fail("pad_side_mm", "more than 2000 tracks per layer: too large for this model");
  s.rotation_deg = sc.get_double("rotation_deg", 67.0);
  s.interlayer_time_s = sc.get_double("interlayer_time_s");
  if (!(s.interlayer_time_s >= 0)) sc.fail("interlayer_time_s", "must be zero or positive");
  s.jump_time_s = sc.get_non_negative("jump_time_ms", 0.0) * 1e-3;
  s.bidirectional = sc.get_bool("bidirectional", true);
  sc.finish();

  static const toml::table empty;
  RecipeTable nu(empty, file, "numerics");
  if (top.has("numerics")) nu = top.get_table("numerics");
  nu.only({"tolerance_K", "max_step_K", "cool_time_s", "threads"});
  HistoryOptions ho;
  ho.tolerance_k = nu.get_positive("tolerance_K", 5.0);
  ho.max_step_k = nu.get_positive("max_step_K", 50.0);
  ho.cool_time_s = nu.get_positive("cool_time_s", 1.0);
  const auto threads = nu.get_int("threads", 0);
  if (threads < 0 || threads > 4096) nu.fail("threads", "must be 0 (all cores) or a positive count");
  r.threads = threads > 0 ? static_cast<int>(threads) : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  nu.finish();

  RecipeTable b = top.get_table("build");
  b.only({"layers", "substrate_layers", "lateral_x_um", "lateral_y_um"});
  r.build.layers = positive_int(b, "layers", 10, 10000);
  r.build.substrate_layers = static_cast<int>(b.get_int("substrate_layers", 0));
  if (r.build.substrate_layers < 0) b.fail("substrate_layers", "must be >= 0");
  const auto lx = b.get_doubles("lateral_x_um", {0.0}), ly = b.get_doubles("lateral_y_um", {0.0});
  if (lx.size() != ly.size() || lx.empty()) b.fail("lateral_y_um", "lateral_x_um and lateral_y_um need the same, non-zero length");
  for (std::size_t i = 0; i < lx.size(); ++i) {
    if (std::abs(lx[i]) > 0.5e6 * s.pad_side_m || std::abs(ly[i]) > 0.5e6 * s.pad_side_m)
      b.fail("lateral_x_um", "sample columns must lie on the pad");
    r.build.lateral.push_back({lx[i] * 1e-6, ly[i] * 1e-6});
  }
  r.build.history = ho;
  b.finish();

  if (top.has("map")) {
    RecipeTable mp = top.get_table("map");
    mp.only({"power_W", "speed_m_per_s", "powers", "speeds", "layers", "substrate_layers", "amorphous_max_fraction", "dense_max_porosity"});
    r.has_map = true;
    const auto [p0, p1] = range(mp, "power_W");
    const auto [v0, v1] = range(mp, "speed_m_per_s");
    r.map.powers_w = grid(p0, p1, positive_int(mp, "powers", 20, 1000));
    r.map.speeds_m_per_s = grid(v0, v1, positive_int(mp, "speeds", 20, 1000));
    r.map.build = r.build;
    r.map.build.layers = positive_int(mp, "layers", 10, 10000);
    r.map.build.substrate_layers = static_cast<int>(mp.get_int("substrate_layers", r.build.substrate_layers));
    if (r.map.build.substrate_layers < 0) mp.fail("substrate_layers", "must be >= 0");
    r.map.amorphous_max_fraction = mp.get_positive("amorphous_max_fraction", 0.01);
    if (r.map.amorphous_max_fraction >= 1) mp.fail("amorphous_max_fraction", "must lie in (0, 1)");
    r.map.dense_max_porosity = mp.get_non_negative("dense_max_porosity", 0.0);
    if (r.map.dense_max_porosity >= 1) mp.fail("dense_max_porosity", "must lie in [0, 1)");
    r.map.threads = r.threads;
    mp.finish();
  }
}

nlohmann::json LpbfRecipe::to_json() const {
  nlohmann::json j = {
      {"units", "SI"},
      {"material", {{"name", name}, {"kinetics", kinetics_file.empty() ? "inline" : kinetics_file.string()}, {"conductivity_W_per_m_K", material.conductivity_w_per_m_k},
                    {"density_kg_per_m3", material.density_kg_per_m3}, {"specific_heat_J_per_kg_K", material.specific_heat_j_per_kg_k},
                    {"ambient_K", material.ambient_k}, {"melting_K", material.melting_k}}},
      {"laser", {{"power_W", power_w}, {"speed_m_per_s", speed_m_per_s}, {"absorptivity", absorptivity},
                 {"spot_radius_um", spot_radius_m * 1e6}, {"source_depth_um", source_depth_m * 1e6}}},
      {"scan", {{"hatch_um", scan.hatch_m * 1e6}, {"layer_thickness_um", scan.layer_thickness_m * 1e6}, {"pad_side_mm", scan.pad_side_m * 1e3},
                {"rotation_deg", scan.rotation_deg}, {"interlayer_time_s", scan.interlayer_time_s}, {"jump_time_ms", scan.jump_time_s * 1e3},
                {"bidirectional", scan.bidirectional}}},
      {"build", {{"layers", build.layers}, {"substrate_layers", build.substrate_layers}}},
      {"numerics", {{"tolerance_K", build.history.tolerance_k}, {"max_step_K", build.history.max_step_k},
                    {"cool_time_s", build.history.cool_time_s}, {"threads", threads}}},
      {"kinetics", kinetics.to_json()}};
  for (const auto& c : build.lateral) {
    j["build"]["lateral_x_um"].push_back(c[0] * 1e6);
    j["build"]["lateral_y_um"].push_back(c[1] * 1e6);
  }
  if (has_map)
    j["map"] = {{"power_W", {map.powers_w.front(), map.powers_w.back()}}, {"speed_m_per_s", {map.speeds_m_per_s.front(), map.speeds_m_per_s.back()}},
                {"powers", map.powers_w.size()}, {"speeds", map.speeds_m_per_s.size()}, {"layers", map.build.layers},
                {"substrate_layers", map.build.substrate_layers}, {"amorphous_max_fraction", map.amorphous_max_fraction},
                {"dense_max_porosity", map.dense_max_porosity}};
  return j;
}

LpbfRecipe read_lpbf_recipe(const std::filesystem::path& file) { return from_table(parse_toml_file(file), file); }

LpbfRecipe parse_lpbf_recipe(const std::string& text, const std::filesystem::path& name) {
  return from_table(parse_toml_string(text, name.string()), name);
}

}  // namespace vitrum::am
