#include "vitrum/meso/epm_recipe.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum::meso {

std::string protocol_name(Protocol p) {
  switch (p) {
    case Protocol::Quasistatic: return "quasistatic";
    case Protocol::Cyclic: return "cyclic";
    case Protocol::FiniteRate: return "finite-rate";
    case Protocol::Creep: return "creep";
  }
  return "?";
}

namespace {

void read_rate(RecipeTable& t, RateParameters& r) {
  r.tau_pl = t.get_positive("tau_pl", 1.0);
  r.dt = t.get_positive("dt", 0.1);
  r.temperature = t.get_double("temperature", 0.0);
  if (r.temperature < 0) t.fail("temperature", "must be zero or positive");
  r.attempt_rate = t.get_positive("attempt_rate", 1.0);
  r.alpha = t.get_positive("alpha", 1.5);
  if (r.dt > 0.5 * r.tau_pl) t.fail("dt", "must be at most tau_pl / 2");
}

// A threshold distribution from [thresholds] or [annealing] initial_thresholds; measured ones are read here, their
// file relative to the recipe's folder, and their provenance kept in `measured`.
ThresholdDistribution read_threshold_distribution(RecipeTable& th, std::optional<MeasuredThresholds>& measured) {
  ThresholdDistribution d;
  const std::string dist = th.get_string("distribution");
  if (dist == "weibull") {
    d.kind = ThresholdDistribution::Kind::Weibull;
    d.shape = th.get_positive("shape");
    d.scale = th.get_positive("scale");
  } else if (dist == "gaussian") {
    d.kind = ThresholdDistribution::Kind::Gaussian;
    d.mean = th.get_positive("mean");
    d.std = th.get_positive("std");
    d.minimum = th.get_positive("minimum", 0.05 * d.mean);
    if (d.minimum > d.mean - d.std) th.fail("minimum", "must lie at least one std below the mean");
  } else if (dist == "measured") {
    d.kind = ThresholdDistribution::Kind::Measured;
    std::filesystem::path file = th.get_string("file");
    if (file.is_relative()) file = th.file().parent_path() / file;
    const std::string column = th.get_string("column", "delta_tau");
    const double scale = th.get_positive("scale", 1.0);
    const double minimum = th.get_positive("minimum", 1e-3);
    try {
      measured = read_measured_thresholds(file, column, scale, minimum);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", th.locate("file"), e.what()));
    }
    d.values = measured->values;
    d.source = fmt::format("{} column {}", file.filename().string(), column);
  } else {
    th.fail("distribution", "expected \"weibull\", \"gaussian\" or \"measured\"");
  }
  return d;
}

nlohmann::json distribution_json(const ThresholdDistribution& d, const std::optional<MeasuredThresholds>& m) {
  switch (d.kind) {
    case ThresholdDistribution::Kind::Weibull:
      return {{"distribution", "weibull"}, {"shape", d.shape}, {"scale", d.scale}};
    case ThresholdDistribution::Kind::Gaussian:
      return {{"distribution", "gaussian"}, {"mean", d.mean}, {"std", d.std}, {"minimum", d.minimum}};
    case ThresholdDistribution::Kind::Measured:
      return {{"distribution", "measured"}, {"file", m->file.string()}, {"column", m->column}, {"scale", m->scale},
              {"minimum", m->minimum}, {"sites", m->values.size()}, {"raised_to_minimum", m->raised},
              {"unyielded_sites", m->unyielded}, {"mean", d.mean_value()}, {"min", m->values.front()},
              {"max", m->values.back()}};
  }
  return {};
}

EpmRecipe parse(const toml::table& root, const std::filesystem::path& file) {
  EpmRecipe r;
  r.file = file;
  RecipeTable top(root, file, "top level");
  const std::string units = top.get_string("units");
  if (units != "reduced") top.fail("units", "EPM recipes use units = \"reduced\" (stress in threshold units, time in tau_pl)");
  r.model.seed = top.get_seed("seed");
  parse_epm_tables(top, r);
  top.finish();
  return r;
}

}  // namespace

void parse_epm_tables(RecipeTable& top, EpmRecipe& r) {
  r.threads = static_cast<int>(top.get_int("threads", 1));
  if (r.threads < 1) top.fail("threads", "must be at least 1");
  r.model.threads = r.threads;

  RecipeTable lat = top.get_table("lattice");
  r.model.lattice.dimension = static_cast<int>(lat.get_int("dimension"));
  if (r.model.lattice.dimension != 2 && r.model.lattice.dimension != 3) lat.fail("dimension", "must be 2 or 3");
  const auto size = lat.get_int("size");
  if (size < 8 || size % 2 != 0 || size > 8192) lat.fail("size", "must be an even number of blocks in [8, 8192]");
  r.model.lattice.size = static_cast<int>(size);
  lat.finish();

  if (top.has("elasticity")) {
    RecipeTable el = top.get_table("elasticity");
    r.model.shear_modulus = el.get_positive("shear_modulus", 1.0);
    r.model.poisson_ratio = el.get_double("poisson_ratio", 0.5);
    if (!(r.model.poisson_ratio > -1 && r.model.poisson_ratio <= 0.5)) el.fail("poisson_ratio", "must be in (-1, 0.5]");
    el.finish();
  }

  {
    RecipeTable th = top.get_table("thresholds");
    r.model.thresholds = read_threshold_distribution(th, r.measured);
    th.finish();
  }

  RecipeTable ev = top.get_table("events");
  r.model.recovery = ev.get_double("recovery", 1.0);
  if (!(r.model.recovery > 0 && r.model.recovery <= 2)) ev.fail("recovery", "must be in (0, 2]");
  r.model.neighbour_rejuvenation = ev.get_double("neighbour_rejuvenation", 0.0);
  if (!(r.model.neighbour_rejuvenation >= 0 && r.model.neighbour_rejuvenation <= 1))
    ev.fail("neighbour_rejuvenation", "must be a probability in [0, 1]");
  r.model.stress_noise = ev.get_double("stress_noise", 0.0);
  if (!(r.model.stress_noise >= 0) || !std::isfinite(r.model.stress_noise)) ev.fail("stress_noise", "must be zero or positive and finite");
  // A residual as large as the thresholds re-fails the site at once: avalanches then never end (1e6 hung).
  if (r.model.stress_noise >= r.model.thresholds.mean_value())
    ev.fail("stress_noise", fmt::format("{} is not below the mean threshold {:.4g}: every relaxed site would fail again",
                                        r.model.stress_noise, r.model.thresholds.mean_value()));
  const std::string update = ev.get_string("update", "sequential");
  if (update == "sequential") r.update = UpdateRule::Sequential;
  else if (update == "synchronous") r.update = UpdateRule::Synchronous;
  else ev.fail("update", "expected \"sequential\" or \"synchronous\"");
  ev.finish();

  r.stability_levels = {0.0};
  if (top.has("annealing")) {
    RecipeTable an = top.get_table("annealing");
    if (an.has("stability") && an.raw().get("stability")->is_array()) r.stability_levels = an.get_doubles("stability");
    else r.stability_levels = {an.get_double("stability", 0.0)};
    if (r.stability_levels.empty() || r.stability_levels.size() > 16) an.fail("stability", "give 1 to 16 levels");
    if (an.has("initial_thresholds")) {
      RecipeTable it = an.get_table("initial_thresholds");
      r.model.initial_thresholds = read_threshold_distribution(it, r.measured_initial);
      it.finish();
    }
    r.model.initial_stress_std = an.get_double("initial_stress_std", 0.0);
    if (r.model.initial_stress_std < 0) an.fail("initial_stress_std", "must be zero or positive");
    an.finish();
  }
  r.model.stability = r.stability_levels.front();

  RecipeTable pr = top.get_table("protocol");
  const std::string kind = pr.get_string("kind");
  if (kind == "quasistatic") {
    r.protocol = Protocol::Quasistatic;
    r.max_strain = pr.get_positive("max_strain");
    r.stationary_strain = pr.get_double("stationary_strain", 0.5 * r.max_strain);
    if (r.stationary_strain < 0 || r.stationary_strain > r.max_strain) pr.fail("stationary_strain", "must be in [0, max_strain]");
    const auto n = pr.get_int("avalanches", 0);
    if (n < 0) pr.fail("avalanches", "must be zero (no limit) or positive");
    r.avalanches = static_cast<std::uint64_t>(n);
  } else if (kind == "cyclic") {
    r.protocol = Protocol::Cyclic;
    r.amplitude = pr.get_positive("amplitude");
    r.cycles = static_cast<int>(pr.get_int("cycles"));
    if (r.cycles < 1 || r.cycles > 100000) pr.fail("cycles", "must be in [1, 100000]");
  } else if (kind == "finite-rate") {
    r.protocol = Protocol::FiniteRate;
    read_rate(pr, r.rate);
    r.rates = pr.get_doubles("rates");
    if (r.rates.size() < 3) pr.fail("rates", "give at least three strain rates for the flow curve");
    for (double v : r.rates) if (!(v > 0)) pr.fail("rates", "every rate must be positive");
    std::sort(r.rates.begin(), r.rates.end(), std::greater<>());
    r.strain_per_rate = pr.get_positive("strain_per_rate");
  } else if (kind == "creep") {
    r.protocol = Protocol::Creep;
    read_rate(pr, r.rate);
    r.creep_stress = pr.get_double("stress");
    r.creep_duration = pr.get_positive("duration");
  } else {
    pr.fail("kind", "expected \"quasistatic\", \"cyclic\", \"finite-rate\" or \"creep\"");
  }
  pr.finish();

  if (top.has("statistics")) {
    RecipeTable st = top.get_table("statistics");
    const auto s_min = st.get_int("s_min", 2), s_max = st.get_int("s_max", 100 * s_min);
    if (s_min < 1) st.fail("s_min", "must be at least 1");
    if (s_max < 100 * s_min) st.fail("s_max", "the fit window [s_min, s_max] must span at least two decades");
    r.s_min = static_cast<std::uint64_t>(s_min);
    r.s_max = static_cast<std::uint64_t>(s_max);
    const auto every = st.get_int("pseudogap_every", 100);
    if (every < 1) st.fail("pseudogap_every", "must be at least 1");
    r.pseudogap_every = static_cast<std::uint64_t>(every);
    const auto window = st.get_doubles("pseudogap_cdf_window", {1e-4, 0.03});
    if (window.size() != 2 || !(window[0] > 0 && window[1] > window[0] && window[1] < 1))
      st.fail("pseudogap_cdf_window", "expected [c_lo, c_hi] with 0 < c_lo < c_hi < 1");
    r.pseudogap_c_lo = window[0];
    r.pseudogap_c_hi = window[1];
    r.band_width = static_cast<int>(st.get_int("band_width", std::max(2, r.model.lattice.size / 16)));
    if (r.band_width < 1 || r.band_width > r.model.lattice.size / 2) st.fail("band_width", "must be in [1, L/2]");
    r.band_threshold = st.get_positive("band_threshold", r.band_threshold);
    if (r.band_threshold >= 1)
      st.fail("band_threshold", "must be below 1: it is on the localisation index 1 - PR/n, which lies in [0, 1) "
                                "(docs/analysis.md; 0.5 is the default)");
    st.finish();
  } else {
    r.band_width = std::max(2, r.model.lattice.size / 16);
  }
}

EpmRecipe read_epm_recipe(const std::filesystem::path& file) { return parse(parse_toml_file(file), file); }
EpmRecipe parse_epm_recipe(const std::string& text, const std::filesystem::path& name) {
  return parse(parse_toml_string(text, name.string()), name);
}

nlohmann::json EpmRecipe::to_json() const {
  const auto& d = model.thresholds;
  nlohmann::json j = {
      {"file", file.string()}, {"units", "reduced"}, {"seed", model.seed}, {"threads", threads},
      {"lattice", {{"dimension", model.lattice.dimension}, {"size", model.lattice.size}}},
      {"elasticity", {{"shear_modulus", model.shear_modulus}, {"poisson_ratio", model.poisson_ratio}}},
      {"thresholds", distribution_json(d, measured)},
      {"events", {{"recovery", model.recovery}, {"stress_noise", model.stress_noise},
                  {"neighbour_rejuvenation", model.neighbour_rejuvenation},
                  {"update", update == UpdateRule::Sequential ? "sequential" : "synchronous"}}},
      {"annealing", {{"stability", stability_levels}, {"initial_stress_std", model.initial_stress_std}}},
      {"statistics", {{"s_min", s_min}, {"s_max", s_max}, {"pseudogap_every", pseudogap_every},
                      {"pseudogap_cdf_window", {pseudogap_c_lo, pseudogap_c_hi}}, {"band_width", band_width},
                      {"band_threshold", band_threshold}}}};
  if (model.initial_thresholds)
    j["annealing"]["initial_thresholds"] = distribution_json(*model.initial_thresholds, measured_initial);
  nlohmann::json p = {{"kind", protocol_name(protocol)}};
  if (protocol == Protocol::Quasistatic) { p["max_strain"] = max_strain; p["stationary_strain"] = stationary_strain; p["avalanches"] = avalanches; }
  if (protocol == Protocol::Cyclic) { p["amplitude"] = amplitude; p["cycles"] = cycles; }
  if (protocol == Protocol::FiniteRate || protocol == Protocol::Creep)
    p.update({{"tau_pl", rate.tau_pl}, {"dt", rate.dt}, {"temperature", rate.temperature},
              {"attempt_rate", rate.attempt_rate}, {"alpha", rate.alpha}});
  if (protocol == Protocol::FiniteRate) { p["rates"] = rates; p["strain_per_rate"] = strain_per_rate; }
  if (protocol == Protocol::Creep) { p["stress"] = creep_stress; p["duration"] = creep_duration; }
  j["protocol"] = p;
  return j;
}

}  // namespace vitrum::meso
