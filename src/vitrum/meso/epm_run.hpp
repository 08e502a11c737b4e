// Runs an EPM recipe end to end: builds the model, drives the protocol, measures, writes files and summary.json.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/meso/avalanche_statistics.hpp"
#include "vitrum/meso/epm_recipe.hpp"
#include "vitrum/meso/plastic_localization.hpp"

namespace vitrum::meso {

struct EpmRunOptions {
  std::filesystem::path out = "out";
  std::string version = "unknown";
  bool progress = false;  // a progress line on stderr (the CLI turns it on for a terminal)
};

// Writes into options.out (one sub-folder per annealing level when there are several) and returns the
// summary also written as summary.json.
nlohmann::json run_epm(const EpmRecipe& recipe, const EpmRunOptions& options);

// scripts/plot_epm.py of the source tree this library was built from.
std::filesystem::path epm_plot_script();

// One quasistatic (monotonic) run; exposed for tests. Fills `curve` (strain, stress) if given.
struct QuasistaticResult {
  std::vector<Avalanche> avalanches;  // every avalanche (stationary ones flagged by strain >= stationary_strain)
  std::vector<std::uint64_t> stationary_sizes;
  PseudogapHistogram pseudogap;
  std::vector<double> plastic_strain;
  double initial_stress = 0, yield_stress = 0, largest_drop = 0, flow_stress = 0;
  Localization band;
};
QuasistaticResult run_quasistatic(const EpmRecipe& recipe, const EpmParameters& model, bool progress);

}  // namespace vitrum::meso
