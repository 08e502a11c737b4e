// A continuum plasticity recipe (TOML, strict keys): grid, elasticity, plastic law, initial field, loading, output.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "vitrum/continuum/plastic_law.hpp"
#include "vitrum/continuum/quasistatic_shear.hpp"

namespace vitrum {
class RecipeTable;
}

namespace vitrum::continuum {

enum class LawKind { Stz, FreeVolume, Elastic };
enum class InitialKind { Uniform, Random, File };

struct StzRecipe {
  std::filesystem::path file;
  std::uint32_t seed = 0;
  Grid grid;
  double youngs_modulus = 101e9, poisson_ratio = 0.35;  // Vitreloy 1 (REFERENCES.md)
  LawKind law = LawKind::Stz;
  StzParameters stz;
  FreeVolumeParameters free_volume;
  InitialKind initial = InitialKind::Random;
  double initial_mean = 550.0, initial_std = 15.0, correlation_length = 0.0;
  std::filesystem::path initial_file;
  ShearSettings shear;
  double max_strain = 0.1;
  std::vector<double> snapshot_strains;
  double curve_step = 1e-3;       // strain between rows of stress_strain.csv
  double band_threshold = 0.5;    // localisation index (1 − PR/n, docs/analysis.md) from which a band is detected

  [[nodiscard]] nlohmann::json to_json() const;
};

StzRecipe read_stz_recipe(const std::filesystem::path& file);
// What a caller that already holds the initial field (the recipe's `stz` stage after a `coarse_grain`) fixes.
struct StzTableDefaults {
  int nx = 0, ny = 0;                  // > 0: [grid] nx, ny default to these and must equal them
  bool initial_given = false;          // true: no [initial] table; the field is read from initial_file
  std::filesystem::path initial_file;
};
// Reads the tables grid, elasticity, plasticity, stz, free_volume, initial, loading and output from `top` into `r`
// (r.file set: relative paths are relative to it): the body of a continuum recipe, or of a `kind = "stz"` stage.
void parse_stz_tables(RecipeTable& top, StzRecipe& r, const StzTableDefaults& defaults);
StzRecipe parse_stz_recipe(const std::string& text, const std::filesystem::path& name);
std::string law_name(LawKind k);

}  // namespace vitrum::continuum
