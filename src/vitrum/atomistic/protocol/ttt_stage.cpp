#include "vitrum/atomistic/protocol/ttt_stage.hpp"

#include <fmt/format.h>


#include "vitrum/atomistic/protocol/scale_stage.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/gfa/ttt_run.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_ttt_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<TttStage>();
  gfa::parse_ttt_tables(t, s->recipe);
  try {
    s->recipe.kinetics.validate();
  } catch (const Error& e) {
    t.fail("alloy", e.what());
  }
  s->calibrate_rc = t.get_non_negative("calibrate_rc", 0.0);
  return s;
}

StageResult TttStage::run(StageContext& ctx) const {
  StageResult result = run_scale_model(ctx, [&](const std::filesystem::path& dir) {
    return gfa::run_ttt(recipe, {dir, VITRUM_VERSION_STRING, calibrate_rc});
  });
  fmt::print(stderr, "{}: ttt of {} -> {}/\n", ctx.label, recipe.name, result["out"].get<std::string>());
  return result;
}

}  // namespace vitrum
