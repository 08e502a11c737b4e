#include "vitrum/atomistic/protocol/minimize_stage.hpp"

#include <chrono>
#include <fmt/format.h>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_minimize_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<MinimizeStage>();
  MinimizeOptions& m = s->minimize;
  parse_minimizer_keys(t, m, "fire");
  m.dt = t.get_double("dt", m.dt);
  if (!(m.dt > 0)) t.fail("dt", "must be positive");
  m.max_step = t.get_double("max_step", m.max_step);
  if (!(m.max_step > 0)) t.fail("max_step", "must be positive");
  return s;
}

StageResult MinimizeStage::run(StageContext& ctx) const {
  ctx.begin();
  System& s = ctx.sys;
  const auto t0 = std::chrono::steady_clock::now();
  Progress progress(ctx.label, minimize.max_iterations);
  const MinimizeResult r = vitrum::minimize(s, minimize, [&](std::int64_t it, double) {
    if (it % 100 == 0) progress.update(it);
    ctx.poll();
  });
  progress.finish();
  return report(ctx, r, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

StageResult MinimizeStage::report(StageContext& ctx, const MinimizeResult& r, double wall) const {
  const System& s = ctx.sys;
  const double n = static_cast<double>(s.size());
  StageResult result = {{"kind", "minimize"},
                        {"method", r.method},
                        {"ftol", minimize.ftol},
                        {"e_is", r.energy / n},
                        {"fmax", r.fmax},
                        {"iterations", r.iterations},
                        {"force_evaluations", r.force_evaluations},
                        {"converged", r.converged},
                        {"wall_seconds", wall},
                        {"final", final_state_json(s)}};
  if (!r.converged)
    fmt::print(stderr, "warning: stage {}: minimiser stopped at max |F| = {:.3g} (ftol {:.3g}) after {} iterations\n",
               ctx.number, r.fmax, minimize.ftol, r.iterations);
  return result;
}

}  // namespace vitrum
