#include "vitrum/atomistic/protocol/ttt_stage.hpp"

#include <fmt/format.h>

#include <chrono>

#include "vitrum/atomistic/protocol/final_state.hpp"
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
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  const auto folder = fmt::format("stage{}-ttt", ctx.number);
  ctx.poll();
  StageResult result = gfa::run_ttt(recipe, {ctx.out_dir / folder, VITRUM_VERSION_STRING, calibrate_rc});
  ctx.poll();
  result.erase("vitrum_version");  // the run's summary.json has it once
  result["kind"] = "ttt";
  result["out"] = folder;
  result["final"] = final_state_json(ctx.sys);
  result["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "{}: ttt of {} -> {}/\n", ctx.label, recipe.name, folder);
  return result;
}

}  // namespace vitrum
