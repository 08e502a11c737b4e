// The `stz` stage: the continuum STZ / free-volume model of `vitrum stz` in 2D quasi-static simple shear, started by
// default from the χ field of the last coarse_grain stage before it. The atomistic state is not touched.
#pragma once
#include <memory>
#include <string>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/continuum/stz_recipe.hpp"

namespace vitrum {

class StzStage final : public Stage {
 public:
  continuum::StzRecipe recipe;  // the continuum recipe's tables, read from the stage table (SI units)
  int chi_stage = 0;            // > 0: the initial field is that coarse_grain stage's χ file (initial = "previous")
  std::string where;            // "file:line: [stage] initial": starts an error found while it runs

  // Writes stage<k>-stz/ (the files of `vitrum stz --out`); restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_stz_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
