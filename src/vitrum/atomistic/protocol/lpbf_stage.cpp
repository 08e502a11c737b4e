#include "vitrum/atomistic/protocol/lpbf_stage.hpp"

#include <fmt/format.h>


#include "vitrum/am/lpbf_run.hpp"
#include "vitrum/atomistic/protocol/scale_stage.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_lpbf_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<LpbfStage>();
  s->recipe.file = t.file();
  am::parse_lpbf_tables(t, s->recipe);
  try {
    s->recipe.material.validate();
  } catch (const Error& e) {
    t.fail("material", e.what());
  }
  try {
    s->recipe.scan.validate();
  } catch (const Error& e) {
    t.fail("scan", e.what());
  }
  return s;
}

StageResult LpbfStage::run(StageContext& ctx) const {
  StageResult result = run_scale_model(ctx, [&](const std::filesystem::path& dir) {
    return am::run_lpbf(recipe, {dir, VITRUM_VERSION_STRING, false, true});
  });
  fmt::print(stderr, "{}: lpbf of {} -> {}/\n", ctx.label, recipe.name, result["out"].get<std::string>());
  return result;
}

}  // namespace vitrum
