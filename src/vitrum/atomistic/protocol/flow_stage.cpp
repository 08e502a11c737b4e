// shear_rate and creep stages: SLLOD in the deforming box, sampled time series, steady-state statistics.
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/flow_stage.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/protocol/divergence.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/atomistic/shear/sllod.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

namespace {

// The resumable part of the stage.
struct FlowCursor {
  std::int64_t step = 0;
  double gamma0 = 0;                 // box strain at the stage start
  double integral = 0;               // creep controller's ∫e dt
  std::vector<double> time, strain, rate, stress, stress_kinetic, temperature, pe, pressure;

  void checkpoint(Archive& ar) {
    ar(step);
    ar(gamma0);
    ar(integral);
    ar(time);
    ar(strain);
    ar(rate);
    ar(stress);
    ar(stress_kinetic);
    ar(temperature);
    ar(pe);
    ar(pressure);
  }
  void sample(const System& s, double t, double gamma_dot, const DivergenceGuard& guard) {
    const Thermo th = measure(s);
    guard.check(s, th, step);
    // Recorded in the recipe's units (K and bar in metal; identical numbers in lj).
    const UnitSystem& u = s.units;
    time.push_back(t);
    strain.push_back(s.cfg.box.strain_xy() - gamma0);
    rate.push_back(gamma_dot);
    stress.push_back(u.pressure_out(-th.stress[3]));
    stress_kinetic.push_back(u.pressure_out(-(th.stress[3] - s.last.virial[3] / th.volume)));
    temperature.push_back(u.temperature_out(th.temperature));
    pe.push_back(th.potential_energy / static_cast<double>(s.size()));
    pressure.push_back(u.pressure_out(th.pressure));
  }
};

std::vector<double> tail(const std::vector<double>& x, std::size_t first) {
  return {x.begin() + static_cast<std::ptrdiff_t>(first), x.end()};
}

}  // namespace

StageResult FlowStage::run(StageContext& ctx) const {
  const FlowSpec& f = flow;
  System& s = ctx.sys;
  const double dt = f.sllod.dt, n = static_cast<double>(s.size());
  Sllod integrator(f.sllod);
  CreepController control = f.creep;
  FlowCursor cur;
  const StageFields fields = [&](Archive& ar) {
    cur.integral = control.integral;
    cur.checkpoint(ar);
    integrator.checkpoint(ar);
    control.integral = cur.integral;
  };
  const bool fresh = ctx.fresh();
  if (fresh) ctx.begin();
  const DivergenceGuard guard(ctx.label, s);
  if (fresh) {
    const bool create = f.velocities == "create" || (f.velocities == "auto" && !s.cfg.has_velocities);
    if (create) create_velocities(s, f.temperature, f.sllod.seed);
    s.cfg.has_velocities = true;
    s.need_energy_virial = true;
    s.compute_forces();
    cur.gamma0 = s.cfg.box.strain_xy();
    cur.sample(s, 0.0, creep ? 0.0 : f.rate, guard);
    if (ctx.frame_due(0)) ctx.write_frame(0);
  } else {
    ctx.restore(fields);
    fmt::print(stderr, "{}: resuming at step {} of {}\n", ctx.label, cur.step, f.steps);
  }
  const int blocks = ctx.output.blocks;
  const std::int64_t sample_every = ctx.output.sample_every, checkpoint_every = ctx.output.checkpoint_every;

  s.list.set_sorting(true);
  Progress progress(ctx.label, f.steps, cur.step);
  const std::int64_t first = cur.step;
  const auto loop0 = std::chrono::steady_clock::now();
  while (cur.step < f.steps) {
    const std::int64_t k = cur.step + 1;
    // Creep reads σ_xy of the current state (the last force evaluation's virial) every step.
    const double gamma_dot = creep ? control.rate(sheared_stress_xy(s), dt) : f.rate;
    const bool sample = k % sample_every == 0 || k == f.steps;
    s.need_energy_virial = creep || sample;
    integrator.step(s, k, f.temperature, gamma_dot);
    cur.step = k;
    ctx.step = k;
    if (sample) cur.sample(s, static_cast<double>(k) * dt, gamma_dot, guard);
    if (ctx.frame_due(k)) ctx.write_frame(k);
    if (k % 50 == 0) progress.update(k);
    ctx.poll(fields, checkpoint_every > 0 && k % checkpoint_every == 0 && k < f.steps);
  }
  progress.finish();
  const double loop_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - loop0).count();
  s.need_energy_virial = true;
  s.list.set_sorting(false);

  const std::string base = fmt::format("stage{}-{}", ctx.number, ctx.kind);
  std::ostringstream csv;
  csv << "time,strain,strain_rate,stress_xy,stress_xy_kinetic,temperature,pe_per_particle,pressure\n";
  for (std::size_t i = 0; i < cur.time.size(); ++i)
    csv << fmt::format("{:.10g},{:.12g},{:.12g},{:.12g},{:.10g},{:.10g},{:.12g},{:.10g}\n", cur.time[i], cur.strain[i],
                       cur.rate[i], cur.stress[i], cur.stress_kinetic[i], cur.temperature[i], cur.pe[i], cur.pressure[i]);
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv.str());

  // Averages over the steady part: after transient_strain (shear_rate) or the last steady_fraction (creep).
  // The t = 0 row never enters them.
  // shear_rate: by the nominal strain γ̇ t (the box's accumulated strain carries round-off at the boundary sample).
  const double t_from = creep ? (1.0 - f.steady_fraction) * static_cast<double>(f.steps) * dt
                              : f.transient_strain / f.rate * (1.0 + 1e-9);
  std::size_t first_steady = 1;
  while (first_steady < cur.time.size() && cur.time[first_steady] <= t_from) ++first_steady;
  const std::size_t samples = cur.time.size() - std::min(first_steady, cur.time.size());
  if (samples < static_cast<std::size_t>(2 * blocks))
    fmt::print(stderr, "warning: {}: only {} steady-state samples for {} blocks: standard errors are unreliable "
                       "(run longer or sample more often)\n", ctx.label, samples, blocks);
  auto steady = [&](const std::vector<double>& x) { return block_average(tail(x, first_steady), blocks); };
  const MeanError stress = steady(cur.stress), rate = steady(cur.rate);
  const MeanError temperature = steady(cur.temperature), pe = steady(cur.pe), pressure = steady(cur.pressure);
  nlohmann::json fin = final_state_json(s);
  fin["stress_xy"] = -fin["stress"][3].get<double>();
  const double wall = ctx.elapsed();
  nlohmann::json result = {
      {"kind", ctx.kind},
      {"temperature_target", s.units.temperature_out(f.temperature)},
      {"thermostat", f.sllod.thermostat},
      {"tdamp", f.sllod.tdamp},
      {"dt", dt},
      {"steps", f.steps},
      {"sign_convention", "stress_xy = -P_xy (virial + kinetic part of the peculiar velocities); > 0 under positive strain rate"},
      {"velocities", "peculiar (thermal) velocities: the streaming profile rate*(y - ylo) is carried by the box"},
      {"strain", cur.strain.back()},
      {"box_strain", s.cfg.box.strain_xy()},
      {"steady_samples", samples},
      {"stress_xy", {{"mean", stress.mean}, {"stderr", stress.stderr_}}},
      {"stress_xy_kinetic", steady(cur.stress_kinetic).mean},
      {"stress_half_difference", half_difference(tail(cur.stress, first_steady))},
      {"mean", {{"temperature", temperature.mean}, {"pe_per_particle", pe.mean}, {"pressure", pressure.mean}}},
      {"stderr", {{"temperature", temperature.stderr_}, {"pe_per_particle", pe.stderr_}, {"pressure", pressure.stderr_}}},
      {"file", base + ".csv"},
      {"final", fin},
      {"wall_seconds", wall},
      {"steps_per_second", loop_wall > 0 ? static_cast<double>(f.steps - first) / loop_wall : 0.0}};
  if (!creep) {
    result["rate"] = f.rate;
    result["transient_strain"] = f.transient_strain;
    result["viscosity"] = {{"mean", stress.mean / f.rate}, {"stderr", stress.stderr_ / f.rate}};
  } else {
    const bool flowed = std::abs(rate.mean) > f.arrest_rate && std::abs(rate.mean) > 3.0 * rate.stderr_;
    result["target_stress"] = s.units.pressure_out(f.creep.target);
    result["box_viscosity"] = s.units.pressure_out(f.creep.box_viscosity);
    result["integral_time"] = f.creep.integral_time;
    result["steady_fraction"] = f.steady_fraction;
    result["arrest_rate"] = f.arrest_rate;
    result["final_strain"] = cur.strain.back();
    result["strain_rate"] = {{"mean", rate.mean}, {"stderr", rate.stderr_}};
    result["flowed"] = flowed;
    result["viscosity"] = flowed ? nlohmann::json(stress.mean / rate.mean) : nlohmann::json(nullptr);
  }
  return result;
}

}  // namespace vitrum
