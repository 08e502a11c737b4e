#include "vitrum/atomistic/protocol/epm_stage.hpp"

#include <fmt/format.h>


#include "vitrum/atomistic/protocol/scale_stage.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/meso/epm_run.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_epm_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<EpmStage>();
  meso::EpmRecipe& r = s->recipe;
  r.file = t.file();
  r.model.seed = t.get_seed("seed", c.seed);
  meso::parse_epm_tables(t, r);
  return s;
}

StageResult EpmStage::run(StageContext& ctx) const {
  StageResult result = run_scale_model(ctx, [&](const std::filesystem::path& dir) {
    return meso::run_epm(recipe, {dir, VITRUM_VERSION_STRING, false});
  });
  fmt::print(stderr, "{}: epm {} done -> {}/\n", ctx.label, meso::protocol_name(recipe.protocol),
             result["out"].get<std::string>());
  return result;
}

}  // namespace vitrum
