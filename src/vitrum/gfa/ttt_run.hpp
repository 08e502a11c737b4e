// Runs a TTT recipe: the curve, its nose and the critical cooling rate, written as ttt.csv and summary.json.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/gfa/ttt_recipe.hpp"

namespace vitrum::gfa {

struct TttRunOptions {
  std::filesystem::path out = "out/ttt";
  std::string version = "unknown";
  double calibrate_rc = 0;  // > 0: first fit the interfacial energy so that R_c equals this [K/s], then use it
};

// Writes options.out/ttt.csv (temperature_K, time_s) and summary.json, and returns that summary.
nlohmann::json run_ttt(TttRecipe recipe, const TttRunOptions& options);

}  // namespace vitrum::gfa
