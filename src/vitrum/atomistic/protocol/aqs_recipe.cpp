// Parsing of the shear stages' recipe keys: aqs, cyclic_aqs, shear_rate, creep (their keys: stage_registry.cpp; the
// README's Shear section).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

#include "vitrum/atomistic/protocol/aqs_stage.hpp"
#include "vitrum/atomistic/protocol/cyclic_aqs_stage.hpp"
#include "vitrum/atomistic/protocol/flow_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"

namespace vitrum {

namespace {

// One of two spellings (the issue's `strain_step` or the short `dgamma`), not both.
double either(RecipeTable& t, const char* a, const char* b, std::optional<double> fallback) {
  if (t.has(a) && t.has(b)) t.fail(b, fmt::format("give `{}` or `{}`, not both", a, b));
  if (t.has(b)) return t.get_double(b);
  if (fallback) return t.get_double(a, *fallback);
  return t.get_double(a);
}

}  // namespace

void parse_minimizer_keys(RecipeTable& t, MinimizeOptions& m, const char* default_method) {
  m.ftol = either(t, "ftol", "force_tolerance", 1e-10);
  if (!(m.ftol > 0)) t.fail("ftol", "must be positive");
  m.method = t.get_string("method", default_method);
  if (m.method != "fire" && m.method != "cg" && m.method != "lbfgs")
    t.fail("method", fmt::format("unknown minimiser '{}' (known: fire, cg, lbfgs)", m.method));
  m.max_iterations = t.get_int("max_iterations", m.max_iterations);
  if (m.max_iterations < 1) t.fail("max_iterations", "must be >= 1");
  if (t.has("memory")) {
    if (m.method != "lbfgs") t.fail("memory", fmt::format("applies to method = \"lbfgs\" only (method is \"{}\")", m.method));
    const std::int64_t memory = t.get_int("memory");
    if (memory < 1 || memory > 100) t.fail("memory", fmt::format("must be in 1 .. 100, got {}", memory));
    m.memory = static_cast<int>(memory);
  }
}

namespace {

// shear_rate and creep; `seed` is the stage's default seed (velocities, Bussi).
std::unique_ptr<Stage> parse_flow_stage(RecipeTable& t, bool creep, const StageParseContext& c) {
  auto s = std::make_unique<FlowStage>();
  s->creep = creep;
  FlowSpec& f = s->flow;
  // The thermostat keys as an md nvt stage reads them (thermostat, tdamp = 100 dt, chain).
  IntegratorOptions io;
  io.ensemble = "nvt";
  io.dt = t.get_double("dt", 0.005);
  if (!(io.dt > 0)) t.fail("dt", fmt::format("must be positive, got {}", io.dt));
  parse_thermostat_keys(t, io);
  f.sllod.dt = io.dt;
  f.sllod.thermostat = io.thermostat;
  f.sllod.tdamp = io.tdamp;
  // shear_rate: one Nosé–Hoover thermostat unless asked (LAMMPS nvt/sllod's default too): steady viscous heating
  // needs a non-zero mean friction, which a chain's second thermostat damps, leaving T above its target (0.7 % at
  // γ̇ = 0.1 in the KA liquid, 20 % at 0.5). creep: the md default 3, since a single thermostat oscillates in a
  // near-harmonic glass (T swinging 0.06–0.15 at T = 0.1) and creep heating is small.
  f.sllod.chain = t.has("chain") ? io.chain : (creep ? 3 : 1);
  f.sllod.seed = t.get_seed("seed", c.seed);
  f.temperature = t.get_double("temperature");
  if (!(f.temperature > 0)) t.fail("temperature", fmt::format("must be > 0 (the thermostat's target), got {}", f.temperature));
  f.velocities = parse_velocities_key(t);
  if (!creep) {
    if (t.has("rate") && t.has("strain_rate")) t.fail("strain_rate", "give `rate` or `strain_rate`, not both");
    const char* rate_key = t.has("strain_rate") ? "strain_rate" : "rate";
    f.rate = t.get_double(rate_key);
    if (!(f.rate > 0) || !std::isfinite(f.rate))
      t.fail(rate_key, fmt::format("must be a positive strain rate dγ/dt (reduced units), got {}", f.rate));
    // More than 1 % strain per step is no longer a flow the integrator resolves (it reported negative viscosities).
    if (f.rate * io.dt > 0.01)
      t.fail(rate_key, fmt::format("{} x dt = {} is {:.3g} strain per step: at most 0.01 (lower the rate or dt)", f.rate,
                                   io.dt, f.rate * io.dt));
    // Length: steps, or the total strain gamma_max (alias max_strain) = rate · steps · dt.
    const bool has_steps = t.has("steps"), has_gamma = t.has("gamma_max") || t.has("max_strain");
    if (has_steps == has_gamma) t.fail("steps", "give exactly one of `steps` and `gamma_max` (total strain)");
    if (has_steps) {
      f.steps = t.get_int("steps");
      if (f.steps < 1) t.fail("steps", "must be >= 1");
    } else {
      const double g = either(t, "gamma_max", "max_strain", std::nullopt);
      if (!(g > 0)) t.fail("gamma_max", fmt::format("must be positive, got {}", g));
      if (!(g / (f.rate * io.dt) <= 1e12)) t.fail("gamma_max", fmt::format("needs {:.3g} steps (more than 1e12)", g / (f.rate * io.dt)));
      f.steps = std::max<std::int64_t>(1, std::llround(g / (f.rate * io.dt)));
    }
    const double total = f.rate * io.dt * static_cast<double>(f.steps);
    f.transient_strain = t.get_double("transient_strain", std::min(f.transient_strain, 0.5 * total));
    if (!(f.transient_strain >= 0 && f.transient_strain < total))
      t.fail("transient_strain", fmt::format("must be in [0, total strain {:.6g}) (rate x steps x dt), got {}", total,
                                             f.transient_strain));
  } else {
    f.creep.target = t.get_double("stress");
    if (!std::isfinite(f.creep.target)) t.fail("stress", "must be a finite shear stress");
    f.steps = t.get_int("steps");
    if (f.steps < 1) t.fail("steps", "must be >= 1");
    f.creep.box_viscosity = t.get_double("box_viscosity", f.creep.box_viscosity);
    if (!(f.creep.box_viscosity > 0)) t.fail("box_viscosity", fmt::format("must be positive, got {}", f.creep.box_viscosity));
    f.creep.integral_time = t.get_double("integral_time", f.creep.integral_time);
    if (!(f.creep.integral_time >= 0))
      t.fail("integral_time", fmt::format("must be >= 0 (0: proportional law only), got {}", f.creep.integral_time));
    f.steady_fraction = t.get_double("steady_fraction", f.steady_fraction);
    if (!(f.steady_fraction > 0 && f.steady_fraction <= 1)) t.fail("steady_fraction", "must be in (0, 1]");
    f.arrest_rate = t.get_double("arrest_rate", f.arrest_rate);
    if (!(f.arrest_rate >= 0)) t.fail("arrest_rate", "must be >= 0 (a strain rate)");
  }
  f.temperature = c.units.temperature_in(f.temperature);
  f.creep.target = c.units.pressure_in(f.creep.target);
  // η_box is stress × time: the recipe's pressure unit (bar·ps in metal) to internal.
  if (creep) f.creep.box_viscosity = c.units.pressure_in(f.creep.box_viscosity);
  return s;
}

}  // namespace

std::unique_ptr<Stage> parse_shear_rate_stage(RecipeTable& t, const StageParseContext& c) { return parse_flow_stage(t, false, c); }
std::unique_ptr<Stage> parse_creep_stage(RecipeTable& t, const StageParseContext& c) { return parse_flow_stage(t, true, c); }

std::unique_ptr<Stage> parse_cyclic_aqs_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<CyclicAqsStage>();
  CyclicAqsOptions& o = s->cyclic;
  o.dgamma = either(t, "dgamma", "strain_step", o.dgamma);
  if (!(o.dgamma > 0)) t.fail("dgamma", "must be positive");
  o.amplitude = t.get_double("amplitude");
  const double steps = o.amplitude / o.dgamma;
  if (!(o.amplitude > 0) || std::round(steps) < 1 || std::abs(std::round(steps) - steps) > 1e-9 * steps)
    t.fail("amplitude", fmt::format("must be a positive whole number of steps dgamma ({}), got {}", o.dgamma, o.amplitude));
  o.cycles = t.get_int("cycles");
  if (o.cycles < 1) t.fail("cycles", "must be >= 1");
  parse_minimizer_keys(t, o.minimize, "cg");
  o.drop_threshold = t.get_double("drop_threshold", o.drop_threshold);
  if (!(o.drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a stress)");
  o.absorbing_msd = t.get_double("absorbing_msd", o.absorbing_msd);
  if (!(o.absorbing_msd > 0)) t.fail("absorbing_msd", "must be positive (a squared length)");
  o.max_period = t.get_int("max_period", o.max_period);
  if (o.max_period < 1) t.fail("max_period", "must be >= 1");
  return s;
}

std::unique_ptr<Stage> parse_aqs_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<AqsStage>();
  AqsOptions& o = s->aqs;
  o.dgamma = either(t, "dgamma", "strain_step", o.dgamma);
  if (!(o.dgamma > 0)) t.fail("dgamma", "must be positive");
  o.gamma_max = either(t, "gamma_max", "max_strain", std::nullopt);
  if (!(o.gamma_max >= o.dgamma)) t.fail("gamma_max", fmt::format("must be >= dgamma ({})", o.dgamma));
  parse_minimizer_keys(t, o.minimize, "cg");
  o.drop_threshold = t.get_double("drop_threshold", o.drop_threshold);
  if (!(o.drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a stress)");
  o.refine = t.get_bool("refine", o.refine);
  o.min_dgamma = t.get_double("min_dgamma", o.min_dgamma);
  if (o.refine && !(o.min_dgamma > 0 && o.min_dgamma < o.dgamma)) t.fail("min_dgamma", "must be in (0, dgamma)");
  s->modulus_points = t.get_int("modulus_points", s->modulus_points);
  if (s->modulus_points < 1) t.fail("modulus_points", "must be >= 1");
  s->d2min_cutoff = t.get_double("d2min_cutoff", s->d2min_cutoff);
  if (!(s->d2min_cutoff > 0)) t.fail("d2min_cutoff", "must be positive");
  s->band.slab_width = t.get_double("band_slab_width", s->band.slab_width);
  if (!(s->band.slab_width > 0)) t.fail("band_slab_width", "must be positive");
  s->band.threshold = t.get_double("band_threshold", s->band.threshold);
  if (!(s->band.threshold > 0 && s->band.threshold < 1)) t.fail("band_threshold", "must be in (0, 1)");
  s->event_configurations = t.get_bool("event_configurations", s->event_configurations);
  return s;
}

}  // namespace vitrum
