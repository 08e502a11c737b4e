#include "vitrum/atomistic/protocol/md_stage.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <vector>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_md_stage(RecipeTable& t, const StageParseContext& c) {
  auto st = std::make_unique<MdStage>();
  MdStage& s = *st;
  const UnitSystem& units = c.units;
  IntegratorOptions& o = s.integrator;
  o.ensemble = t.get_string("ensemble");
  if (o.ensemble != "nve" && o.ensemble != "nvt" && o.ensemble != "langevin" && o.ensemble != "npt")
    t.fail("ensemble", fmt::format("unknown ensemble '{}' (known: nve, nvt, langevin, npt)", o.ensemble));
  o.dt = t.get_double("dt", units.is_metal() ? 0.002 : 0.005);
  if (!(o.dt > 0)) t.fail("dt", fmt::format("must be positive, got {}", o.dt));
  const bool thermostatted = o.ensemble != "nve";
  if (thermostatted) {
    parse_thermostat_keys(t, o);
    if (o.ensemble == "npt") {
      o.pressure = t.get_double("pressure");
      o.pdamp = t.get_double("pdamp", 1000.0 * o.dt);
      if (!(o.pdamp > 0)) t.fail("pdamp", "must be positive");
    }
  }
  o.seed = static_cast<std::uint32_t>(t.get_int("seed", c.seed));
  // temperature = T or [T_start, T_end]
  if (thermostatted || t.has("temperature")) {
    const toml::node* node = t.raw().get("temperature");
    if (!node) t.fail("temperature", fmt::format("required for ensemble '{}'", o.ensemble));
    if (node->is_array()) {
      const auto ts = t.get_doubles("temperature");
      if (ts.size() != 2) t.fail("temperature", "give one value or [start, end]");
      s.t_start = ts[0];
      s.t_end = ts[1];
    } else {
      s.t_start = s.t_end = t.get_double("temperature");
    }
    if (!(s.t_start > 0) || !(s.t_end > 0))
      t.fail("temperature", "must be > 0 (a thermostat needs a positive target temperature)");
  }
  const bool has_steps = t.has("steps"), has_rate = t.has("rate");
  if (has_steps == has_rate) t.fail("steps", "give exactly one of `steps` and `rate`");
  if (has_steps) {
    s.steps = t.get_int("steps");
    if (s.steps < 1) t.fail("steps", "must be >= 1");
  } else {
    s.rate = t.get_double("rate");
    if (!(*s.rate > 0)) t.fail("rate", fmt::format("must be positive (|dT/dt| in {}/{})", units.temperature, units.time));
    if (s.t_start == s.t_end) t.fail("rate", "needs a temperature ramp: temperature = [start, end]");
    // In double first: a tiny rate must not overflow the step count (llround of 1e20 is undefined).
    const double ramp_steps = std::abs(s.t_end - s.t_start) / (*s.rate * o.dt);
    if (!(ramp_steps <= 1e12))
      t.fail("rate", fmt::format("gives {:.3g} steps at dt = {} (more than 1e12): too slow a ramp", ramp_steps, o.dt));
    s.steps = static_cast<std::int64_t>(std::llround(ramp_steps));
    if (s.steps < 1) s.steps = 1;
  }
  s.equilibrate = t.get_int("equilibrate", 0);
  if (s.equilibrate < 0 || s.equilibrate >= s.steps) t.fail("equilibrate", "must be in 0 .. steps-1");
  s.velocities = parse_velocities_key(t);
  // Temperatures, the rate and the pressure in internal units from here on (core/units.hpp).
  s.t_start = units.temperature_in(s.t_start);
  s.t_end = units.temperature_in(s.t_end);
  if (s.rate) *s.rate = units.temperature_in(*s.rate);
  o.pressure = units.pressure_in(o.pressure);
  return st;
}

StageResult MdStage::run(StageContext& ctx) const {
  System& s = ctx.sys;
  s.list.set_sorting(true);  // before begin(): its list build then orders the particles as every later build does
  const std::unique_ptr<Integrator> integ = make_integrator(integrator);
  // Resumable: the samples of the averages and the integrator's state (thermostat chain, barostat).
  std::vector<double> t_samples, pe_samples, p_samples;
  const StageFields fields = [&](Archive& ar) {
    ar(t_samples);
    ar(pe_samples);
    ar(p_samples);
    integ->checkpoint(ar);
  };
  if (ctx.fresh()) {
    ctx.step = 0;
    ctx.begin();
    const bool create = velocities == "create" || (velocities == "auto" && !s.cfg.has_velocities);
    if (create && !(t_start > 0) && s.units.is_metal())
      throw Error(fmt::format("{}: stage {} (md, {}): the system has no velocities; give `temperature` to create them "
                              "or start from a state that has them", ctx.source, ctx.number, integrator.ensemble));
    if (create) create_velocities(s, t_start > 0 ? t_start : 1.0, integrator.seed);
    s.cfg.has_velocities = true;
    if (ctx.frame_due(0)) ctx.write_frame(0);
  } else {
    ctx.restore(fields);
  }
  const OutputSpec& out = ctx.output;
  const double n = static_cast<double>(s.size());
  const double dt = integrator.dt;
  auto target = [&](std::int64_t k) {
    return t_start + (t_end - t_start) * static_cast<double>(k) / static_cast<double>(steps);
  };
  Progress progress(ctx.label, steps, ctx.step);
  const auto t0 = std::chrono::steady_clock::now();
  const std::int64_t first = ctx.step;
  while (ctx.step < steps) {
    const std::int64_t k = ctx.step + 1;
    const double temperature = target(k);
    s.need_energy_virial = (k > equilibrate && k % out.sample_every == 0) ||
                           (ctx.global_step + 1) % out.thermo_every == 0 || k == steps;
    integ->step(s, ctx.global_step + 1, temperature);
    ctx.step = k;
    ++ctx.global_step;
    const bool sample = k > equilibrate && k % out.sample_every == 0;
    const bool row = ctx.global_step % out.thermo_every == 0;
    if (sample || row) {
      const Thermo t = vitrum::report(s);  // the free function (thermo.hpp), not MdStage::report
      // The guard in internal units (measure(), not the reported units); a thermostat must hold a positive target.
      const Thermo internal = measure(s);
      ctx.guard.check(s, internal, k);
      ctx.guard.check_thermostat(internal.temperature, integrator.ensemble != "nve" ? temperature : 0.0, dt, k);
      if (sample) {
        t_samples.push_back(t.temperature);
        pe_samples.push_back(t.potential_energy / n);
        p_samples.push_back(t.pressure);
      }
      if (row) {
        const double conserved = t.kinetic_energy + t.potential_energy + integ->reservoir_energy(s, temperature);
        std::fprintf(ctx.thermo, "%lld,%lld,%.10g,%.10g,%.12g,%.12g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.12g\n",
                     static_cast<long long>(ctx.number), static_cast<long long>(ctx.global_step),
                     static_cast<double>(k) * dt, t.temperature, t.potential_energy / n, t.kinetic_energy / n,
                     t.pressure, t.stress[0], t.stress[1], t.stress[2], t.stress[3], t.stress[4], t.stress[5],
                     t.volume, conserved / n);
      }
    }
    if (ctx.frame_due(k)) ctx.write_frame(k);
    if (k % 50 == 0) progress.update(k);
    ctx.poll(fields, out.checkpoint_every > 0 && ctx.global_step % out.checkpoint_every == 0 && k < steps);
  }
  progress.finish();
  s.need_energy_virial = true;
  s.list.set_sorting(false);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const Thermo t = vitrum::report(s);  // the free function (thermo.hpp), not MdStage::report
  nlohmann::json fin = final_state_json(s);
  fin["conserved_per_particle"] = (t.kinetic_energy + t.potential_energy + integ->reservoir_energy(s, t_end)) / n;
  return report(ctx, t_samples, pe_samples, p_samples, std::move(fin), wall > 0 ? (steps - first) / wall : 0.0, wall);
}

StageResult MdStage::report(const StageContext& ctx, const std::vector<double>& t_samples,
                            const std::vector<double>& pe_samples, const std::vector<double>& p_samples,
                            nlohmann::json final_state, double steps_per_second, double wall_seconds) const {
  const UnitSystem& u = ctx.sys.units;
  const int blocks = ctx.output.blocks;
  const MeanError te = block_average(t_samples, blocks), pe = block_average(pe_samples, blocks),
                  pr = block_average(p_samples, blocks);
  StageResult result = {{"kind", "md"},
                        {"ensemble", integrator.ensemble},
                        {"dt", integrator.dt},
                        {"steps", steps},
                        {"equilibrate", equilibrate},
                        {"samples", t_samples.size()},
                        {"mean", {{"temperature", te.mean}, {"pe_per_particle", pe.mean}, {"pressure", pr.mean}}},
                        {"stderr", {{"temperature", te.stderr_}, {"pe_per_particle", pe.stderr_}, {"pressure", pr.stderr_}}},
                        {"final", std::move(final_state)},
                        {"steps_per_second", steps_per_second},
                        {"wall_seconds", wall_seconds}};
  if (integrator.ensemble != "nve") {
    result["thermostat"] = integrator.ensemble == "nvt" ? integrator.thermostat : integrator.ensemble;
    result["temperature_target"] = {u.temperature_out(t_start), u.temperature_out(t_end)};
  }
  if (integrator.ensemble == "npt") result["pressure_target"] = u.pressure_out(integrator.pressure);
  if (t_start != t_end)
    result["rate"] = u.temperature_out(std::abs(t_end - t_start)) / (static_cast<double>(steps) * integrator.dt);
  return result;
}

}  // namespace vitrum
