// The TOML recipe of `vitrum lpbf`: material, laser, scan strategy, the nominal build and the (P, v) process map.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/am/build_devitrification.hpp"
#include "vitrum/am/process_map.hpp"
#include "vitrum/am/scan_path.hpp"
#include "vitrum/am/thermal_material.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"

namespace vitrum {
class RecipeTable;
}

namespace vitrum::am {

// units = "SI"
// [material]  name, kinetics (path of a `vitrum ttt` recipe, relative to this file, or its tables inline:
//             { alloy = {...}, viscosity = {...}, nucleation = {...}, ttt = {...} }), conductivity_W_per_m_K,
//             density_kg_per_m3, specific_heat_J_per_kg_K, ambient_K, melting_K (default: the kinetics' liquidus_K)
// [laser]     power_W, speed_m_per_s (the nominal point), absorptivity, spot_radius_um (1/e² radius),
//             source_depth_um (default 0: surface source)
// [scan]      hatch_um, layer_thickness_um, pad_side_mm, rotation_deg (67), interlayer_time_s, jump_time_ms (0),
//             bidirectional (true)
// [build]     layers, substrate_layers (0), lateral_x_um / lateral_y_um (sample columns, default [0] / [0])
// [map]       power_W = [lo, hi], speed_m_per_s = [lo, hi], powers, speeds (grid sizes), layers,
//             substrate_layers, amorphous_max_fraction (0.01), dense_max_porosity (0: criterion ratio ≤ 1)
//             (optional table: no map without it)
// [numerics]  tolerance_K (5), max_step_K (50), cool_time_s (1), threads (0: all cores)
struct LpbfRecipe {
  std::filesystem::path file;
  std::string name;
  gfa::TttRecipe kinetics;
  std::filesystem::path kinetics_file;
  ThermalMaterial material;
  double power_w = 0, speed_m_per_s = 0, absorptivity = 0, spot_radius_m = 0, source_depth_m = 0;
  ScanStrategy scan;
  BuildSampling build;
  bool has_map = false;
  ProcessMapSpec map;
  int threads = 0;
  [[nodiscard]] nlohmann::json to_json() const;
};

LpbfRecipe read_lpbf_recipe(const std::filesystem::path& file);
// Reads the tables material, laser, scan, build, map and numerics from `top` into `r` (r.file set: the kinetics file
// is relative to it; the caller validates r.material and r.scan): the body of an LPBF recipe, or of a recipe's
// `kind = "lpbf"` stage.
void parse_lpbf_tables(RecipeTable& top, LpbfRecipe& r);
LpbfRecipe parse_lpbf_recipe(const std::string& text, const std::filesystem::path& name);

}  // namespace vitrum::am
