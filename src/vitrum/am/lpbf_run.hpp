// Runs an LPBF recipe end to end: nominal melt pool and lack of fusion, the nominal build's devitrification, the process map.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/am/lpbf_recipe.hpp"

namespace vitrum::am {

struct LpbfRunOptions {
  std::filesystem::path out = "out/lpbf";
  std::string version = "unknown";
  bool progress = false;  // a progress line on stderr (the CLI turns it on for a terminal)
  bool map = true;        // compute the recipe's [map] when it has one
};

// Writes into options.out: summary.json (returned as well), build_profile.csv (crystalline fraction of every sample
// point of the nominal build), history_max.csv (T(t) of its most crystallised point), process_map.csv.
nlohmann::json run_lpbf(const LpbfRecipe& recipe, const LpbfRunOptions& options);

// scripts/plot_lpbf.py of the source tree this library was built from.
std::filesystem::path lpbf_plot_script();

}  // namespace vitrum::am
