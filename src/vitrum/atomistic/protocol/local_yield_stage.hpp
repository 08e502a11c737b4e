// The `local_yield` stage: a map of frozen-matrix local yield stresses on a grid of sites of the current state.
#pragma once
#include <array>
#include <filesystem>
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/local_yield.hpp"

namespace vitrum {

// The CSV a local_yield stage writes, relative to the run folder.
std::filesystem::path local_yield_file_name(int stage_number);

class LocalYieldStage final : public Stage {
 public:
  LocalYieldOptions options;       // internal units
  std::array<int, 3> grid{4, 4, 4};

  // Works on a copy of the state (left untouched), sites in parallel over threads; checkpoints the finished sites
  // ([output] checkpoint_every > 0) and resumes after them.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_local_yield_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
