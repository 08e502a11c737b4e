#include "vitrum/atomistic/protocol/stz_stage.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>

#include "vitrum/atomistic/protocol/coarse_grain_stage.hpp"
#include "vitrum/atomistic/protocol/scale_stage.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/continuum/stz_run.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_stz_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<StzStage>();
  continuum::StzRecipe& r = s->recipe;
  r.file = t.file();
  r.seed = t.get_seed("seed", c.seed);
  // initial = "previous" (the default), or an [initial] table of the continuum recipe (uniform, random, file).
  continuum::StzTableDefaults d;
  const toml::node* initial = t.raw().get("initial");
  if (!initial || initial->is_string()) {
    if (initial && t.get_string("initial") != "previous")
      t.fail("initial", "expected \"previous\" (the χ field of the last coarse_grain stage) or a table "
                        "{ kind = \"uniform\" | \"random\" | \"file\", ... }");
    const CoarseGrainStage* cg = nullptr;
    if (c.earlier)
      for (std::size_t k = c.earlier->size(); k-- > 0 && !cg;)
        if ((*c.earlier)[k].kind == "coarse_grain") {
          cg = &(*c.earlier)[k].as<CoarseGrainStage>();
          s->chi_stage = static_cast<int>(k + 1);
        }
    if (!cg)
      t.fail("initial", "no χ field to start from: no coarse_grain stage comes before this stz stage (add one, or give "
                        "initial = { kind = \"uniform\" | \"random\" | \"file\", ... } as in a continuum recipe)");
    d.nx = cg->settings.nx;
    d.ny = cg->settings.ny;
    d.initial_given = true;
    d.initial_file = chi_file_name(s->chi_stage);  // relative to the run folder, resolved when the stage runs
    if (cg->settings.nx < 4 || cg->settings.ny < 2)
      t.fail("initial", fmt::format("the χ field of stage {} is {} x {} cells; the continuum grid needs nx >= 4, ny >= 2",
                                    s->chi_stage, cg->settings.nx, cg->settings.ny));
  }
  s->where = t.locate("initial");
  continuum::parse_stz_tables(t, r, d);
  return s;
}

StageResult StzStage::run(StageContext& ctx) const {
  continuum::StzRecipe r = recipe;
  if (chi_stage > 0) r.initial_file = ctx.out_dir / chi_file_name(chi_stage);
  StageResult result = run_scale_model(ctx, [&](const std::filesystem::path& dir) {
    if (chi_stage > 0 && !std::filesystem::exists(r.initial_file))
      throw Error(fmt::format("{}: {} is missing: the coarse_grain stage {} did not write it", where,
                              r.initial_file.string(), chi_stage));
    continuum::StzRunOptions opt{dir, VITRUM_VERSION_STRING, false, {}};
    constexpr double kPermille = 1000;
    Progress progress(ctx.label, static_cast<std::int64_t>(std::ceil(r.max_strain * kPermille)));
    opt.poll = [&](double strain) {
      progress.update(static_cast<std::int64_t>(strain * kPermille));
      ctx.poll();
    };
    try {
      nlohmann::json j = continuum::run_stz(r, opt);
      progress.finish();
      return j;
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", where, e.what()));
    }
  });
  result["initial_file"] = chi_stage > 0 ? chi_file_name(chi_stage).string() : r.initial_file.string();
  const nlohmann::json& j = result;
  fmt::print(stderr, "{}: yield stress {:.4g} GPa at strain {:.4g}; band_detected {} (localization_index {:.3f})\n",
             ctx.label, j["yield_stress"].get<double>() / 1e9, j["yield_strain"].get<double>(),
             j["band_detected"].get<bool>(), j["localization_index"].get<double>());
  return result;
}

}  // namespace vitrum
