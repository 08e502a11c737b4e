#include "vitrum/atomistic/protocol/scale_stage.hpp"

#include <fmt/format.h>

#include <chrono>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"

namespace vitrum {

StageResult run_scale_model(StageContext& ctx, const std::function<nlohmann::json(const std::filesystem::path&)>& model) {
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  const std::string folder = fmt::format("stage{}-{}", ctx.number, ctx.kind);
  ctx.poll();
  StageResult result = model(ctx.out_dir / folder);
  ctx.poll();
  result.erase("vitrum_version");  // the run's summary.json has it once
  result.erase("version");
  result["kind"] = ctx.kind;
  result["out"] = folder;
  result["final"] = final_state_json(ctx.sys);
  result["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace vitrum
