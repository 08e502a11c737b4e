// Parsing of the swap stages' recipe keys: swap, swap_anneal, parallel_tempering, hybrid (their keys:
// stage_registry.cpp; the README's Recipes section).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/protocol/parallel_tempering_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/swap_stages.hpp"

namespace vitrum {

namespace {
// `vcsgc = { kappa = 1000, concentration = [0.36], phi = [0.0] }`: one concentration and φ per species
// after the first (φ in the recipe's energy unit, default 0).
VcSgcSettings parse_vcsgc(RecipeTable& t) {
  RecipeTable v = t.get_table("vcsgc");
  v.only({"kappa", "concentration", "phi"});
  VcSgcSettings s;
  s.kappa = v.get_non_negative("kappa", 0.0);
  s.concentration = v.get_doubles("concentration");
  if (s.concentration.empty()) v.fail("concentration", "give one target per species after the first, e.g. [0.36]");
  double sum = 0;
  for (double c : s.concentration) {
    if (!(c >= 0 && c <= 1)) v.fail("concentration", fmt::format("targets must be in [0, 1], got {}", c));
    sum += c;
  }
  if (sum > 1) v.fail("concentration", fmt::format("targets add up to {} (> 1)", sum));
  s.phi = v.get_doubles("phi", std::vector<double>(s.concentration.size(), 0.0));
  if (s.phi.size() != s.concentration.size())
    v.fail("phi", fmt::format("give as many values as concentration ({}), got {}", s.concentration.size(), s.phi.size()));
  for (double p : s.phi)
    if (!std::isfinite(p)) v.fail("phi", "must be finite");
  v.finish();
  return s;
}

enum class McKind { Swap, Anneal, Tempering, Hybrid };

SwapSpec parse_mc_stage(RecipeTable& t, McKind kind, std::uint32_t seed, bool metal_units) {
  SwapSpec s;
  if (t.has("vcsgc")) s.vcsgc = parse_vcsgc(t);
  s.seed = static_cast<std::uint32_t>(t.get_int("seed", seed));
  const bool ladder = kind == McKind::Anneal || kind == McKind::Tempering;
  if (ladder) {
    s.temperatures = t.get_doubles("temperatures");
    if (s.temperatures.empty()) t.fail("temperatures", "give at least one temperature");
  } else {
    s.temperatures = {t.get_double("temperature")};
  }
  for (double T : s.temperatures)
    if (!(T > 0)) t.fail(ladder ? "temperatures" : "temperature", "must be > 0");
  if (kind == McKind::Tempering) {
    if (s.temperatures.size() < 2) t.fail("temperatures", "parallel tempering needs at least two temperatures");
    for (std::size_t k = 1; k < s.temperatures.size(); ++k)
      if (!(s.temperatures[k] > s.temperatures[k - 1]))
        t.fail("temperatures", "must be strictly increasing for parallel tempering (lowest first)");
    s.exchange_every = t.get_int("exchange_every", s.exchange_every);
    if (s.exchange_every < 1) t.fail("exchange_every", "must be >= 1");
  }
  s.e_is = t.get_bool("e_is", true);
  s.ftol = t.get_double("ftol", s.ftol);
  if (!(s.ftol > 0)) t.fail("ftol", "must be positive");
  s.dynamics_steps = t.get_int("dynamics_steps", 0);
  if (s.dynamics_steps < 0) t.fail("dynamics_steps", "must be >= 0 (0: no tau_alpha)");
  s.dynamics_dt = t.get_double("dynamics_dt", s.dynamics_dt);
  if (!(s.dynamics_dt > 0)) t.fail("dynamics_dt", "must be positive");
  s.mc_dynamics_sweeps = t.get_int("mc_dynamics_sweeps", 0);
  if (s.mc_dynamics_sweeps < 0) t.fail("mc_dynamics_sweeps", "must be >= 0 (0: no Monte Carlo relaxation times)");
  s.mc_dynamics_origins = t.get_int("mc_dynamics_origins", 1);
  if (s.mc_dynamics_origins < 1) t.fail("mc_dynamics_origins", "must be >= 1");
  s.mc_dynamics_spacing = t.get_int("mc_dynamics_spacing", std::max<std::int64_t>(1, s.mc_dynamics_sweeps / 4));
  if (s.mc_dynamics_spacing < 1) t.fail("mc_dynamics_spacing", "must be >= 1 (sweeps between time origins)");
  s.sample_every = t.get_int("sample_every", s.sample_every);
  if (s.sample_every < 1) t.fail("sample_every", "must be >= 1");
  if (kind == McKind::Hybrid) {
    IntegratorOptions& o = s.integrator;
    o.ensemble = "nvt";
    o.seed = s.seed;
    o.dt = t.get_double("dt", metal_units ? 0.002 : 0.005);
    if (!(o.dt > 0)) t.fail("dt", "must be positive");
    parse_thermostat_keys(t, o);
    s.steps = t.get_int("steps");
    if (s.steps < 1) t.fail("steps", "must be >= 1");
    s.swap_every = t.get_int("swap_every", s.swap_every);
    if (s.swap_every < 1) t.fail("swap_every", "must be >= 1");
    s.swap_sweeps = t.get_int("swap_sweeps", s.swap_sweeps);
    if (s.swap_sweeps < 1) t.fail("swap_sweeps", "must be >= 1");
    s.p_swap = 1.0;
    s.equilibrate = t.get_int("equilibrate", 0);
    if (s.equilibrate < 0 || s.equilibrate >= s.steps) t.fail("equilibrate", "must be in 0 .. steps-1");
    return s;
  }
  s.sweeps = t.get_int("sweeps");
  if (s.sweeps < 1) t.fail("sweeps", "must be >= 1");
  s.equilibrate = t.get_int("equilibrate", s.sweeps / 10);
  if (s.equilibrate < 0 || s.equilibrate >= s.sweeps) t.fail("equilibrate", "must be in 0 .. sweeps-1");
  s.p_swap = t.get_double("p_swap", s.p_swap);
  if (!(s.p_swap >= 0 && s.p_swap <= 1)) t.fail("p_swap", "must be in [0, 1]");
  s.max_displacement = t.get_double("max_displacement", s.max_displacement);
  if (!(s.max_displacement > 0)) t.fail("max_displacement", "must be positive");
  s.target_acceptance = t.get_double("target_acceptance", s.target_acceptance);
  if (!(s.target_acceptance > 0 && s.target_acceptance < 1)) t.fail("target_acceptance", "must be in (0, 1)");
  if (kind == McKind::Swap || kind == McKind::Anneal) {
    s.e_is_samples = t.get_int("e_is_samples", 1);
    if (s.e_is_samples < 1 || s.e_is_samples > s.sweeps - s.equilibrate)
      t.fail("e_is_samples", "must be in 1 .. sweeps - equilibrate (states minimised per temperature)");
    if (s.e_is_samples > 1 && !s.e_is) t.fail("e_is_samples", "needs e_is = true");
  }
  return s;
}

// The stage `S` with its SwapSpec, temperatures in internal units.
template <class S>
std::unique_ptr<Stage> make_mc_stage(RecipeTable& t, McKind kind, const StageParseContext& c) {
  auto stage = std::make_unique<S>();
  stage->swap = parse_mc_stage(t, kind, c.seed, c.units.is_metal());
  for (double& T : stage->swap.temperatures) T = c.units.temperature_in(T);
  return stage;
}

}  // namespace

std::unique_ptr<Stage> parse_swap_stage(RecipeTable& t, const StageParseContext& c) {
  return make_mc_stage<SwapStage>(t, McKind::Swap, c);
}
std::unique_ptr<Stage> parse_swap_anneal_stage(RecipeTable& t, const StageParseContext& c) {
  return make_mc_stage<SwapStage>(t, McKind::Anneal, c);
}
std::unique_ptr<Stage> parse_parallel_tempering_stage(RecipeTable& t, const StageParseContext& c) {
  return make_mc_stage<ParallelTemperingStage>(t, McKind::Tempering, c);
}
std::unique_ptr<Stage> parse_hybrid_stage(RecipeTable& t, const StageParseContext& c) {
  return make_mc_stage<HybridStage>(t, McKind::Hybrid, c);
}

}  // namespace vitrum
