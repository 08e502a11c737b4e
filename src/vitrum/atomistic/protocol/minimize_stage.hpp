// The `minimize` stage: FIRE, CG or L-BFGS to an inherent state; e_IS and the final state.
#pragma once
#include <memory>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

class MinimizeStage final : public Stage {
 public:
  MinimizeOptions minimize;

  // Restarts from its first iteration on resume (nothing to save but the stage start).
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
  // The summary entry of a finished minimisation (ctx.sys at its end): shared with the lammps engine.
  [[nodiscard]] StageResult report(StageContext& ctx, const MinimizeResult& r, double wall_seconds) const;
};

std::unique_ptr<Stage> parse_minimize_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
