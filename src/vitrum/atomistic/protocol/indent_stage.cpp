#include "vitrum/atomistic/protocol/indent_stage.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/shear/indent_analysis.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

namespace {

// LAMMPS `units metal` conversions for the extra columns metal users read: 1 eV/Å in nN, 1 eV/Å³ in GPa.
constexpr double kNanoNewtonPerEvPerAngstrom = 1.602176634;
constexpr double kGigaPascalPerEvPerCubicAngstrom = 160.21766340;

double positive(RecipeTable& t, const char* key, const char* what) {
  const double v = t.get_double(key);
  if (!(v > 0) || !std::isfinite(v)) t.fail(key, fmt::format("must be positive ({}), got {}", what, v));
  return v;
}

}  // namespace

std::unique_ptr<Stage> parse_indent_stage(RecipeTable& t, const StageParseContext&) {
  for (const char* key : {"temperature", "rate"})
    if (t.has(key))
      t.fail(key, "indentation at a finite rate and temperature is not implemented: the indent stage is athermal "
                  "quasistatic (remove the key)");
  auto s = std::make_unique<IndentStage>();
  IndentOptions& o = s->indent;
  const std::string axis = t.get_string("axis", "z");
  if (axis != "x" && axis != "y" && axis != "z") t.fail("axis", fmt::format("must be x, y or z, got '{}'", axis));
  o.axis = axis[0] - 'x';
  o.radius = positive(t, "radius", "the indenter's radius, a length");
  o.stiffness = positive(t, "stiffness", "K of F = K (R - r)^2, energy/length^3");
  o.max_depth = positive(t, "max_depth", "a length");
  if (!(o.max_depth < o.radius))
    t.fail("max_depth", fmt::format("must be less than the radius {} (a spherical cap), got {}", o.radius, o.max_depth));
  o.depth_step = t.get_double("depth_step", o.max_depth / 50);
  if (!(o.depth_step > 0) || !(o.depth_step <= o.max_depth))
    t.fail("depth_step", fmt::format("must be in (0, max_depth = {}], got {}", o.max_depth, o.depth_step));
  const auto loading = static_cast<std::int64_t>(std::llround(o.max_depth / o.depth_step));
  if (loading > 1000000) t.fail("depth_step", fmt::format("gives {} loading steps: at most 1000000", loading));
  o.unload_steps = t.get_int("unload_steps", 0);
  if (o.unload_steps < 0 || o.unload_steps > loading)
    t.fail("unload_steps", fmt::format("must be in 0 .. {} (the loading steps), got {}", loading, o.unload_steps));
  s->unload_fit_points = t.get_int("unload_fit_points", std::min<std::int64_t>(5, std::max<std::int64_t>(1, o.unload_steps)));
  if (s->unload_fit_points < 1 || (o.unload_steps > 0 && s->unload_fit_points > o.unload_steps))
    t.fail("unload_fit_points", fmt::format("must be in 1 .. unload_steps ({}), got {}", o.unload_steps, s->unload_fit_points));
  if (t.has("center")) {
    const std::vector<double> c = t.get_doubles("center");
    if (c.size() != 2 || !std::isfinite(c[0]) || !std::isfinite(c[1]))
      t.fail("center", "must be two finite numbers: the indenter's position along the two lateral axes");
    o.center = std::array<double, 2>{c[0], c[1]};
  }
  o.fixed_thickness = positive(t, "fixed_thickness", "the frozen layer at the slab's bottom, a length");
  s->vacuum = t.get_double("vacuum", 0.0);
  if (!(s->vacuum >= 0) || !std::isfinite(s->vacuum))
    t.fail("vacuum", fmt::format("must be >= 0 (a length opened above the slab), got {}", s->vacuum));
  s->drop_threshold = t.get_double("drop_threshold", s->drop_threshold);
  if (!(s->drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a force)");
  if (t.has("hertz_max_depth")) {
    s->hertz_max_depth = t.get_double("hertz_max_depth");
    if (!(s->hertz_max_depth > 0)) t.fail("hertz_max_depth", "must be positive (a length)");
  }
  parse_minimizer_keys(t, o.minimize, "cg");
  return s;
}

StageResult IndentStage::run(StageContext& ctx) const {
  ctx.begin();
  const IndentOptions& o = indent;
  const auto t0 = std::chrono::steady_clock::now();
  const auto loading = static_cast<std::int64_t>(std::llround(o.max_depth / o.depth_step));
  Progress progress(ctx.label, loading + o.unload_steps);
  IndentResult r;
  try {
    open_vacuum(ctx.sys, o.axis, vacuum);
    ctx.sys.sort_particles();  // once: the stage reruns from its start on resume, so the order is the same then
    ctx.sys.list.set_sorting(false);
    r = run_indent(ctx.sys, o, [&](const IndentPoint&, std::int64_t k) {
      if (ctx.frame_due(k)) ctx.write_frame(k);
      progress.update(k);
      ctx.poll();
      return true;
    });
  } catch (const Error& e) {
    std::string what = e.what();
    if (what.rfind("indent: ", 0) == 0) what = what.substr(8);
    throw Error(fmt::format("{}: {}: {}", ctx.source, ctx.label, what));
  }
  progress.finish();

  const UnitSystem& u = ctx.sys.units;
  const bool metal = u.is_metal();
  std::vector<double> depth, load, load_depth, load_load, unload_depth, unload_load;
  std::string csv = metal ? "step,depth,load,load_nN,energy,indenter_energy,contacts,phase,iterations\n"
                          : "step,depth,load,energy,indenter_energy,contacts,phase,iterations\n";
  for (std::size_t k = 0; k < r.curve.size(); ++k) {
    const IndentPoint& p = r.curve[k];
    csv += fmt::format("{},{:.12g},{:.12g},", k, p.depth, p.load);
    if (metal) csv += fmt::format("{:.12g},", p.load * kNanoNewtonPerEvPerAngstrom);
    csv += fmt::format("{:.12g},{:.12g},{},{},{}\n", p.energy, p.indenter_energy, p.contacts,
                       p.unloading ? "unload" : "load", p.iterations);
    depth.push_back(p.depth);
    load.push_back(p.load);
    if (!p.unloading) {
      load_depth.push_back(p.depth);
      load_load.push_back(p.load);
    }
  }
  const std::string base = fmt::format("stage{}-indent", ctx.number);
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv);

  // Events on loading; the Hertz fit over the elastic part, before the first of them.
  const std::vector<LoadDrop> drops = load_drops(load_depth, load_load, drop_threshold);
  double hertz_limit = hertz_max_depth;
  if (!drops.empty()) hertz_limit = std::min(hertz_limit, load_depth[drops.front().index - 1]);
  const HertzFit hertz = fit_hertz(load_depth, load_load, o.radius, hertz_limit);
  // Oliver–Pharr from the maximum depth down the unloading branch.
  OliverPharr op;
  if (o.unload_steps > 0) {
    unload_depth.push_back(load_depth.back());
    unload_load.push_back(load_load.back());
    for (const IndentPoint& p : r.curve)
      if (p.unloading) {
        unload_depth.push_back(p.depth);
        unload_load.push_back(p.load);
      }
    op = oliver_pharr(unload_depth, unload_load, o.radius, static_cast<std::size_t>(unload_fit_points));
  } else {
    op.why = "no unloading (unload_steps = 0)";
  }

  auto pressure = [&](double x) { return u.pressure_out(x); };
  nlohmann::json first_event = nullptr;
  std::vector<double> event_depths, event_drops;
  for (const LoadDrop& d : drops) {
    event_depths.push_back(d.depth);
    event_drops.push_back(d.drop);
  }
  if (!drops.empty()) {
    const LoadDrop& d = drops.front();
    first_event = {{"depth", d.depth}, {"depth_before", load_depth[d.index - 1]}, {"load", d.load_before}, {"drop", d.drop}};
    if (metal) first_event["load_nN"] = d.load_before * kNanoNewtonPerEvPerAngstrom;
  }
  double p_max = 0;
  for (double p : load_load) p_max = std::max(p_max, p);
  nlohmann::json hertz_json = nullptr;
  if (hertz.ok) {
    hertz_json = {{"reduced_modulus", pressure(hertz.reduced_modulus)}, {"h0", hertz.h0}, {"residual", hertz.residual},
                  {"exponent", hertz.exponent}, {"points", hertz.points}, {"max_depth", std::min(hertz_limit, o.max_depth)}};
    if (metal) hertz_json["reduced_modulus_GPa"] = hertz.reduced_modulus * kGigaPascalPerEvPerCubicAngstrom;
  }
  nlohmann::json op_json = {{"ok", op.ok}};
  if (op.ok) {
    op_json.update({{"stiffness", op.stiffness}, {"contact_depth", op.contact_depth}, {"contact_radius", op.contact_radius},
                    {"area", op.area}, {"hardness", pressure(op.hardness)}, {"reduced_modulus", pressure(op.reduced_modulus)},
                    {"fit_points", unload_fit_points}});
    if (metal) {
      op_json["hardness_GPa"] = op.hardness * kGigaPascalPerEvPerCubicAngstrom;
      op_json["reduced_modulus_GPa"] = op.reduced_modulus * kGigaPascalPerEvPerCubicAngstrom;
    }
  } else {
    op_json["why"] = op.why;
  }
  const char names[3] = {'x', 'y', 'z'};
  const Vec3& c = r.first_contact_center;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  StageResult out = {{"kind", "indent"},
                     {"axis", std::string(1, names[o.axis])},
                     {"radius", o.radius},
                     {"stiffness", o.stiffness},
                     {"max_depth", o.max_depth},
                     {"depth_step", o.depth_step},
                     {"units", u.name},
                     {"force_unit", metal ? "eV/Angstrom" : "epsilon/sigma"},
                     {"pressure_unit", u.pressure},
                     {"surface", r.surface},
                     {"slab_thickness", r.surface - r.bottom},
                     {"first_contact_center", {c.x, c.y, c.z}},
                     {"frozen", r.frozen},
                     {"max_load", p_max},
                     {"hertz", hertz_json},
                     {"hertz_reduced_modulus", hertz.ok ? nlohmann::json(pressure(hertz.reduced_modulus)) : nlohmann::json(nullptr)},
                     {"first_event", first_event},
                     {"events", drops.size()},
                     {"event_depths", event_depths},
                     {"event_drops", event_drops},
                     {"oliver_pharr", op_json},
                     {"depth", depth},
                     {"load", load},
                     {"converged", r.converged},
                     {"worst_fmax", r.worst_fmax},
                     {"file", base + ".csv"},
                     {"final", final_state_json(ctx.sys)},
                     {"wall_seconds", wall}};
  if (metal) out["max_load_nN"] = p_max * kNanoNewtonPerEvPerAngstrom;
  return out;
}

}  // namespace vitrum
