// Runs a SEEP recipe: harvests the map from the database, walks its trajectories, compares them with held-out
// histories, writes seep_map.csv, seep_<prediction>.csv and summary.json.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vitrum/meso/seep_recipe.hpp"

namespace vitrum::meso {

// What one stress-strain history shows: the peak, the flow stress (mean over the last third of the steps), the
// overshoot (peak − flow), the largest single-step stress drop, and the mean inelastic energy over the last third.
struct CurveMetrics {
  double peak = 0, peak_strain = 0, flow = 0, overshoot = 0, largest_drop = 0, flow_energy = 0;
};
CurveMetrics curve_metrics(const std::vector<State>& states, double dgamma);

// The shear modulus a database implies: the median over its histories of the first step's slope.
double first_step_modulus(const std::vector<ShearHistory>& histories);

// Two-sample Kolmogorov–Smirnov statistic (sup |F_a − F_b|); 1 when either sample is empty.
double ks_statistic(std::vector<double> a, std::vector<double> b);

// Writes into `out` and returns the summary also written as summary.json.
nlohmann::json run_seep(const SeepRecipe& recipe, const std::filesystem::path& out);

// scripts/plot_seep.py of the source tree this library was built from.
std::filesystem::path seep_plot_script();

}  // namespace vitrum::meso
