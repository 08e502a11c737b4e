// The `epm` stage: the mesoscale elastoplastic model of `vitrum epm` (Eshelby propagator by FFT), its recipe's tables
// given in the stage. The atomistic state is not touched.
#pragma once
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/meso/epm_recipe.hpp"

namespace vitrum {

class EpmStage final : public Stage {
 public:
  meso::EpmRecipe recipe;  // the EPM recipe's tables, read from the stage table (reduced units)

  // Writes stage<k>-epm/ (the files of `vitrum epm --out`); restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_epm_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
