// Runs a continuum plasticity recipe end to end: initial field, quasi-static shear, band detection, output files.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/continuum/stz_recipe.hpp"

namespace vitrum::continuum {

struct StzRunOptions {
  std::filesystem::path out = "out/stz";
  std::string version = "unknown";
  bool progress = false;  // a progress line on stderr (the CLI turns it on for a terminal)
  std::function<void(double strain)> poll;  // called between curve rows (a recipe stage: progress, signals); may throw
};

std::unique_ptr<PlasticLaw> make_law(const StzRecipe& recipe);
std::vector<double> initial_state(const StzRecipe& recipe);

// Writes into options.out: stress_strain.csv, <state>_<strain>.npy, plastic_rate_<strain>.npy,
// plastic_strain_<strain>.npy at each snapshot strain, summary.json (returned as well).
nlohmann::json run_stz(const StzRecipe& recipe, const StzRunOptions& options);

// scripts/plot_stz.py of the source tree this library was built from.
std::filesystem::path stz_plot_script();

}  // namespace vitrum::continuum
