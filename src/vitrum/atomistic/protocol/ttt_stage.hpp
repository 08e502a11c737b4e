// The `ttt` stage: `vitrum ttt`'s TTT curve, nose and critical cooling rate from classical nucleation theory, its
// recipe's tables given in the stage. The atomistic state is not touched.
#pragma once
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"

namespace vitrum {

class TttStage final : public Stage {
 public:
  gfa::TttRecipe recipe;    // the TTT recipe's tables, read from the stage table (SI units)
  double calibrate_rc = 0;  // > 0: fit the interfacial energy to this R_c [K/s] first (`vitrum ttt --calibrate-rc`)

  // Writes stage<k>-ttt/ (the files of `vitrum ttt --out`); restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_ttt_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
