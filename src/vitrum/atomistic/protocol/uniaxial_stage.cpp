#include "vitrum/atomistic/protocol/uniaxial_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_uniaxial_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<UniaxialStage>();
  UniaxialOptions& o = s->uniaxial;
  const std::string axis = t.get_string("axis", "z");
  if (axis != "x" && axis != "y" && axis != "z") t.fail("axis", fmt::format("must be x, y or z, got '{}'", axis));
  o.axis = axis[0] - 'x';
  o.strain_step = t.get_double("strain_step", o.strain_step);
  if (!(o.strain_step != 0) || !(std::abs(o.strain_step) <= 0.01))
    t.fail("strain_step", fmt::format("must be non-zero and at most 0.01 in size (< 0: compression), got {}", o.strain_step));
  o.max_strain = t.get_double("max_strain", o.max_strain);
  if (!(o.max_strain >= std::abs(o.strain_step) && o.max_strain <= 0.5))
    t.fail("max_strain", fmt::format("must be in |strain_step| .. 0.5 (a size; the sign is strain_step's), got {}", o.max_strain));
  const std::string lateral = t.get_string("lateral", "free");
  if (lateral != "free" && lateral != "fixed") t.fail("lateral", fmt::format("must be free or fixed, got '{}'", lateral));
  o.lateral_free = lateral == "free";
  o.stress_tolerance = c.units.pressure_in(t.get_double("stress_tolerance", c.units.pressure_out(o.stress_tolerance)));
  if (!(o.stress_tolerance > 0)) t.fail("stress_tolerance", "must be positive (a stress)");
  o.max_lateral_iterations = static_cast<int>(t.get_int("max_lateral_iterations", o.max_lateral_iterations));
  if (o.max_lateral_iterations < 1 || o.max_lateral_iterations > 1000)
    t.fail("max_lateral_iterations", "must be in 1 .. 1000");
  s->modulus_points = t.get_int("modulus_points", s->modulus_points);
  if (s->modulus_points < 1) t.fail("modulus_points", "must be >= 1");
  parse_minimizer_keys(t, o.minimize, "cg");
  return s;
}

StageResult UniaxialStage::run(StageContext& ctx) const {
  ctx.begin();
  if (ctx.sys.cfg.box.xy() != 0)
    throw Error(fmt::format("{}: {}: the box is tilted (xy = {:.6g}): uniaxial loading needs an orthogonal box", ctx.source,
                            ctx.label, ctx.sys.cfg.box.xy()));
  const UniaxialOptions& o = uniaxial;
  const auto t0 = std::chrono::steady_clock::now();
  const auto steps = static_cast<std::int64_t>(std::llround(o.max_strain / std::abs(o.strain_step)));
  Progress progress(ctx.label, steps);
  ctx.sys.sort_particles();  // once: the stage reruns from its start on resume, so the order is the same then
  ctx.sys.list.set_sorting(false);
  const UniaxialResult r = run_uniaxial(ctx.sys, o, [&](const UniaxialPoint&, std::int64_t k) {
    if (ctx.frame_due(k)) ctx.write_frame(k);
    progress.update(k);
    ctx.poll();
    return true;
  });
  progress.finish();
  const UnitSystem& u = ctx.sys.units;
  const char* names = o.axis == 0 ? "yz" : (o.axis == 1 ? "xz" : "xy");
  const std::string base = fmt::format("stage{}-uniaxial", ctx.number);
  std::string csv = fmt::format("strain,stress,lateral_strain_{0},lateral_strain_{1},lateral_stress_{0},lateral_stress_{1},"
                                "pe_per_particle,minimisations\n", names[0], names[1]);
  std::vector<double> strain, stress;
  for (const UniaxialPoint& p : r.curve) {
    csv += fmt::format("{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{}\n", p.strain, u.pressure_out(p.stress),
                       p.lateral_strain[0], p.lateral_strain[1], u.pressure_out(p.lateral_stress[0]),
                       u.pressure_out(p.lateral_stress[1]), p.pe_per_particle, p.lateral_iterations);
    strain.push_back(p.strain);
    stress.push_back(u.pressure_out(p.stress));
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv);
  const UniaxialModuli m = fit_uniaxial_moduli(r.curve, static_cast<std::size_t>(modulus_points));
  // The peak of the stress in the loading direction (the most tensile, or the most compressive in compression).
  const double sign = o.strain_step > 0 ? 1.0 : -1.0;
  std::size_t peak = 0;
  for (std::size_t k = 0; k < r.curve.size(); ++k)
    if (sign * r.curve[k].stress > sign * r.curve[peak].stress) peak = k;
  nlohmann::json fin = final_state_json(ctx.sys);
  fin["stress_axial"] = stress.back();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {{"kind", "uniaxial"},
          {"axis", std::string(1, static_cast<char>('x' + o.axis))},
          {"lateral", o.lateral_free ? "free" : "fixed"},
          {"strain_step", o.strain_step},
          {"youngs_modulus", u.pressure_out(m.youngs_modulus)},
          {"poisson_ratio", o.lateral_free ? nlohmann::json(m.poisson_ratio) : nlohmann::json(nullptr)},
          {"modulus_points", modulus_points},
          {"peak_stress", stress[peak]},
          {"peak_strain", strain[peak]},
          {"strain", strain},
          {"stress", stress},
          {"converged", r.converged},
          {"worst_fmax", r.worst_fmax},
          {"worst_lateral_residual", u.pressure_out(r.worst_lateral_residual)},
          {"file", base + ".csv"},
          {"final", fin},
          {"wall_seconds", wall}};
}

}  // namespace vitrum
