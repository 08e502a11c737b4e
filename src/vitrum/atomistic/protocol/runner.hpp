// Runs a recipe's stages on one shared state: thermo.csv, summary.json, final.data, checkpoints and resume.
#pragma once
#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"  // Interrupted

namespace vitrum {

// The format of OUT/checkpoint.bin: 2 swap stages' own state; 3 sealed (length, CRC-32); 4 VC-SGC samples, EAM chains;
// 5 every stage's fields through StageContext::save (md's samples and integrator among them), stage wall time.
inline constexpr std::uint32_t kCheckpointVersion = 6;

struct RunOptions {
  std::filesystem::path out_dir = "out";
  bool resume = false;  // continue from out_dir/checkpoint.bin
};

// Returns the summary that it also writes to out_dir/summary.json.
nlohmann::json run_recipe(const Recipe& recipe, const RunOptions& options);

}  // namespace vitrum
