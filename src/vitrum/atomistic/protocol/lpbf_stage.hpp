// The `lpbf` stage: `vitrum lpbf`'s laser powder-bed fusion of a metallic glass (melt pool, lack of fusion,
// devitrification, (P, v) map), its recipe's tables given in the stage. The atomistic state is not touched.
#pragma once
#include <memory>

#include "vitrum/am/lpbf_recipe.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

class LpbfStage final : public Stage {
 public:
  am::LpbfRecipe recipe;  // the LPBF recipe's tables, read from the stage table (SI units)

  // Writes stage<k>-lpbf/ (the files of `vitrum lpbf --out`; the map when the stage has a `map` table); restarts
  // from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_lpbf_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
