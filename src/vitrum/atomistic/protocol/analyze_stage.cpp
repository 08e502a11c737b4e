#include "vitrum/atomistic/protocol/analyze_stage.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_analyze_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<AnalyzeStage>();
  analysis::AnalyzeOptions& o = s->options;
  try {
    o.compute = analysis::parse_analyses(t.get_strings("compute"), "compute");
  } catch (const Error& e) {
    t.fail("compute", std::string(e.what()).substr(std::string("compute: ").size()));
  }
  s->where = t.locate("compute");
  o.minimize = t.get_bool("minimize", o.minimize);
  o.ftol = t.get_positive("ftol", o.ftol);
  o.r_max = t.get_non_negative("rmax", o.r_max);
  auto count = [&](const char* key, std::int64_t fallback, std::int64_t most) {
    const std::int64_t v = t.get_int(key, fallback);
    if (v < 1 || v > most) t.fail(key, fmt::format("must be in 1..{}", most));
    return v;
  };
  o.bins = static_cast<std::size_t>(count("bins", static_cast<std::int64_t>(o.bins), 10'000'000));
  o.q_max = t.get_positive("qmax", o.q_max);
  o.q_bins = static_cast<std::size_t>(count("qbins", static_cast<std::int64_t>(o.q_bins), 10'000'000));
  o.sq_method = t.get_string("sq_method", o.sq_method);
  if (o.sq_method != "direct" && o.sq_method != "fft") t.fail("sq_method", "must be direct or fft");
  o.fft_grid = static_cast<int>(count("fft_grid", o.fft_grid, 1024));
  o.q_neighbors = t.get_string("q_neighbors", o.q_neighbors);
  if (o.q_neighbors != "cutoff" && o.q_neighbors != "voronoi") t.fail("q_neighbors", "must be cutoff or voronoi");
  o.q_cutoff = t.get_non_negative("q_cutoff", o.q_cutoff);
  o.face_threshold = t.get_non_negative("face_threshold", o.face_threshold);
  if (o.face_threshold >= 1) t.fail("face_threshold", "must be a fraction of the cell area in [0, 1)");
  o.modes = static_cast<int>(count("modes", o.modes, 100000));
  o.soft_modes = static_cast<int>(count("soft_modes", o.soft_modes, 100000));
  if (o.soft_modes > o.modes) t.fail("soft_modes", "must be at most modes");
  // Relative to the recipe's folder, as every file a recipe names.
  if (t.has("softness_model")) {
    const std::filesystem::path m = t.get_string("softness_model");
    o.softness_model = (m.is_absolute() ? m : c.base_dir / m).string();
  }
  if (o.compute.count("softness") && o.softness_model.empty())
    t.fail("compute", "the softness analysis needs softness_model = \"FILE\" (a model of `vitrum softness train`)");
  if (!o.compute.count("softness") && !o.softness_model.empty())
    t.fail("softness_model", "applies to compute = [..., \"softness\"] only");
  return s;
}

StageResult AnalyzeStage::run(StageContext& ctx) const {
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  // The state as the stage's data file holds it, in a System of its own built as `vitrum analyze` builds one from
  // that file: the analyses see what the command would see, and the recipe's state is not touched.
  const System& live = ctx.sys;
  System s = make_system(live.configuration_for_output(), live.potential->clone(), live.units, where,
                         live.units.is_metal() ? 1.0 : kDefaultSkin);
  ctx.poll();
  analysis::AnalyzeReport report = analysis::analyze(s, options, where);
  ctx.poll();
  StageResult result = report.summary;
  const std::string prefix = fmt::format("stage{}-analyze-", ctx.number);
  for (auto& [name, text] : report.files) {
    const std::string stem = name.substr(0, name.find('.'));
    if (result.contains(stem) && result[stem].contains("csv")) result[stem]["csv"] = prefix + name;
    write_file_atomically(ctx.out_dir / (prefix + name), text);
  }
  result["particles_csv"] = prefix + "particles.csv";
  result["minimized"] = options.minimize;
  result["kind"] = "analyze";
  result["final"] = final_state_json(ctx.sys);
  result["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "{}\n{}", ctx.label, analysis::analyze_text(report.summary));
  return result;
}

}  // namespace vitrum
