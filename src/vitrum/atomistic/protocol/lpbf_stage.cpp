#include "vitrum/atomistic/protocol/lpbf_stage.hpp"

#include <fmt/format.h>

#include <chrono>

#include "vitrum/am/lpbf_run.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
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
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  const auto folder = fmt::format("stage{}-lpbf", ctx.number);
  ctx.poll();
  StageResult result = am::run_lpbf(recipe, {ctx.out_dir / folder, VITRUM_VERSION_STRING, false, true});
  ctx.poll();
  result.erase("vitrum_version");  // the run's summary.json has it once
  result.erase("version");
  result["kind"] = "lpbf";
  result["out"] = folder;
  result["final"] = final_state_json(ctx.sys);
  result["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "{}: lpbf of {} -> {}/\n", ctx.label, recipe.name, folder);
  return result;
}

}  // namespace vitrum
