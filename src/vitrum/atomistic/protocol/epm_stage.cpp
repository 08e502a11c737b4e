#include "vitrum/atomistic/protocol/epm_stage.hpp"

#include <fmt/format.h>

#include <chrono>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/meso/epm_run.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_epm_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<EpmStage>();
  meso::EpmRecipe& r = s->recipe;
  r.file = t.file();
  const std::int64_t seed = t.get_int("seed", c.seed);
  if (seed < 0 || seed > 0xffffffffLL) t.fail("seed", "must be in [0, 2^32)");
  r.model.seed = static_cast<std::uint32_t>(seed);
  meso::parse_epm_tables(t, r);
  return s;
}

StageResult EpmStage::run(StageContext& ctx) const {
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  const auto folder = fmt::format("stage{}-epm", ctx.number);
  ctx.poll();
  StageResult result = meso::run_epm(recipe, {ctx.out_dir / folder, VITRUM_VERSION_STRING, false});
  ctx.poll();
  result.erase("vitrum_version");  // the run's summary.json has it once
  result["kind"] = "epm";
  result["out"] = folder;
  result["final"] = final_state_json(ctx.sys);
  result["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "{}: epm {} done -> {}/\n", ctx.label, meso::protocol_name(recipe.protocol), folder);
  return result;
}

}  // namespace vitrum
