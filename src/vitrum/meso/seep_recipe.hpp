// A SEEP recipe (TOML, strict keys): the database of shear histories, the map's grid and the predictions to make.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vitrum/meso/state_map.hpp"

namespace vitrum::meso {

// One prediction: trajectories of the map from the start states of held-out histories (compared with them), or
// from one given state.
struct SeepPrediction {
  std::string name;
  std::vector<std::filesystem::path> reference;  // held-out histories: start states and the comparison
  std::optional<State> start;                    // instead of reference: every trajectory starts here
  std::size_t steps = 0;                         // strain steps (default: the shortest reference history)
  std::size_t trajectories = 100;
};

struct SeepRecipe {
  std::filesystem::path file;
  std::string units = "reduced";  // or "metal": stress in bar, energy in eV, density in A^-3
  std::uint32_t seed = 1;
  std::vector<std::filesystem::path> histories;  // the database
  double density = 1;
  std::optional<double> shear_modulus;  // default: the median first-step slope of the database's histories
  StateMapOptions map;
  std::vector<SeepPrediction> predictions;
};

// Reads and validates a recipe; every error names the file, line, table and key. Paths are relative to the recipe.
SeepRecipe read_seep_recipe(const std::filesystem::path& file);
SeepRecipe parse_seep_recipe(const std::string& text, const std::filesystem::path& name);

}  // namespace vitrum::meso
