// Runs a recipe's stages on one shared state: thermo.csv, summary.json, final.data, checkpoints and resume.
#pragma once
#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/recipe.hpp"

namespace vitrum {

// The format of OUT/checkpoint.bin: 2 swap stages' own state; 3 sealed (length, CRC-32); 4 VC-SGC samples, EAM chains.
inline constexpr std::uint32_t kCheckpointVersion = 4;

struct RunOptions {
  std::filesystem::path out_dir = "out";
  bool resume = false;  // continue from out_dir/checkpoint.bin
};

// Thrown after SIGINT/SIGTERM once the checkpoint is safely written.
struct Interrupted {
  int signal;
};

// Returns the summary that it also writes to out_dir/summary.json.
nlohmann::json run_recipe(const Recipe& recipe, const RunOptions& options);

}  // namespace vitrum
