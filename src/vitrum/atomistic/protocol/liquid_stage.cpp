// liquid stage: per temperature NVT equilibration, then a production run that accumulates multi-origin F_s(q,t) and
// MSD per species and samples the shear stress; then τ_α, D, η (Green–Kubo), Stokes–Einstein and the τ(T) fits.
#include "vitrum/atomistic/protocol/liquid_stage.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

#include "vitrum/analysis/diffusion.hpp"
#include "vitrum/analysis/fictive_temperature.hpp"
#include "vitrum/analysis/green_kubo.hpp"
#include "vitrum/analysis/relaxation_fits.hpp"
#include "vitrum/analysis/self_correlator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

namespace {

// A scalar (the same at every temperature) or one value per temperature.
std::vector<std::int64_t> per_temperature(RecipeTable& t, const std::string& key, std::size_t n,
                                          std::optional<std::vector<std::int64_t>> fallback) {
  if (!t.has(key)) {
    t.allow(key);
    if (!fallback) t.fail(key, "required (steps, or one value per temperature)");
    return *fallback;
  }
  const toml::node* node = t.raw().get(key);
  std::vector<std::int64_t> out;
  if (node->is_array()) {
    for (double v : t.get_doubles(key)) {
      if (v != std::floor(v)) t.fail(key, "expected whole numbers of steps");
      out.push_back(static_cast<std::int64_t>(v));
    }
    if (out.size() != n) t.fail(key, fmt::format("give one value or one per temperature ({}), got {}", n, out.size()));
  } else {
    out.assign(n, t.get_int(key));
  }
  return out;
}

double user_T(const UnitSystem& u, double T) { return std::stod(fmt::format("{:.12g}", u.temperature_out(T))); }

nlohmann::json num(std::optional<double> v) { return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr); }

// Mean over blocks and its standard error; none if any block lacks a value.
struct BlockStat {
  std::optional<double> value, error;
};
BlockStat block_stat(std::optional<double> whole, const std::vector<std::optional<double>>& per_block) {
  BlockStat r{whole, std::nullopt};
  double m = 0, v = 0;
  for (const auto& b : per_block)
    if (!b) return r;
    else m += *b / static_cast<double>(per_block.size());
  for (const auto& b : per_block) v += (*b - m) * (*b - m);
  const double nb = static_cast<double>(per_block.size());
  if (nb > 1) r.error = std::sqrt(v / (nb * (nb - 1)));
  return r;
}

// The resumable part of the stage.
struct LiquidCursor {
  std::int64_t index = 0;   // temperature
  std::int64_t phase = 0;   // 0 equilibrate, 1 production
  std::int64_t step = 0;    // within the phase
  std::int64_t total = 0;   // steps over the stage (the resume line)
  double q = 0;
  double started = 0;        // ctx.elapsed() when this temperature began (its wall time, across resumes)
  std::vector<double> sxx, syy, szz, sxy, sxz, syz, temperature, pe, e_is;
  std::string done = "[]";  // finished temperatures' entries (JSON)

  void checkpoint(Archive& ar) {
    ar(index), ar(phase), ar(step), ar(total), ar(q), ar(started);
    ar(sxx), ar(syy), ar(szz), ar(sxy), ar(sxz), ar(syz), ar(temperature), ar(pe), ar(e_is);
    ar(done);
  }
};

std::string tag(double T_user) { return fmt::format("{}", T_user); }

// e_IS per particle of `cfg` with the potential of `s`: FIRE on a separate system (s is untouched).
double inherent_energy(const System& s, const Configuration& cfg, double ftol) {
  System copy = make_system(cfg, s.potential->clone(), s.units, "inherent state", s.list.skin());
  MinimizeOptions mo;
  mo.method = "fire";
  mo.ftol = ftol;
  const MinimizeResult r = minimize(copy, mo);
  return r.energy / static_cast<double>(cfg.particles.size());
}

}  // namespace

std::unique_ptr<Stage> parse_liquid_stage(RecipeTable& t, const StageParseContext& c) {
  auto st = std::make_unique<LiquidStage>();
  LiquidSpec& s = st->spec;
  const UnitSystem& u = c.units;
  s.temperatures = t.get_doubles("temperatures");
  if (s.temperatures.empty()) t.fail("temperatures", "give at least one temperature");
  for (double T : s.temperatures)
    if (!(T > 0)) t.fail("temperatures", "every temperature must be > 0");
  const std::size_t n = s.temperatures.size();
  IntegratorOptions& o = s.integrator;
  o.ensemble = "nvt";
  o.dt = t.get_double("dt", u.is_metal() ? 0.002 : 0.005);
  if (!(o.dt > 0)) t.fail("dt", fmt::format("must be positive, got {}", o.dt));
  parse_thermostat_keys(t, o);
  o.seed = t.get_seed("seed", c.seed);
  s.seed = o.seed;
  s.production = t.get_string("production", "nvt");
  if (s.production != "nvt" && s.production != "nve")
    t.fail("production", fmt::format("must be nvt or nve, got '{}'", s.production));
  s.steps = per_temperature(t, "steps", n, std::nullopt);
  for (auto v : s.steps)
    if (v < 10) t.fail("steps", "production runs must have at least 10 steps");
  s.equilibrate = per_temperature(t, "equilibrate", n, std::vector<std::int64_t>(n, 0));
  for (auto v : s.equilibrate)
    if (v < 0) t.fail("equilibrate", "must be >= 0");
  std::vector<std::int64_t> lag_default(n), every_default(n);
  for (std::size_t i = 0; i < n; ++i) lag_default[i] = std::max<std::int64_t>(1, s.steps[i] / 4);
  s.max_lag = per_temperature(t, "max_lag", n, lag_default);
  for (std::size_t i = 0; i < n; ++i) {
    if (s.max_lag[i] < 1 || s.max_lag[i] > s.steps[i]) t.fail("max_lag", "must be in 1 .. steps");
    every_default[i] = std::max<std::int64_t>(1, s.max_lag[i] / 10);
  }
  s.origin_every = per_temperature(t, "origin_every", n, every_default);
  const std::int64_t blocks = t.get_int("blocks", 5);
  if (blocks < 2 || blocks > 1000) t.fail("blocks", fmt::format("must be in 2 .. 1000, got {}", blocks));
  s.blocks = static_cast<int>(blocks);
  for (std::size_t i = 0; i < n; ++i) {
    if (s.origin_every[i] < 1) t.fail("origin_every", "must be >= 1");
    const std::int64_t origins = (s.steps[i] - s.max_lag[i]) / s.origin_every[i] + 1;
    if (origins < s.blocks)
      t.fail("steps", fmt::format("at T = {} give {} time origins for {} blocks: need (steps - max_lag)/origin_every "
                                  "+ 1 >= blocks", s.temperatures[i], origins, s.blocks));
  }
  s.q = t.get_non_negative("q", 0.0);
  const std::int64_t species = t.get_int("species", 1);
  if (species < 0 || species > 64) t.fail("species", "must be a type number (1 = first type) or 0 for all particles");
  s.species = static_cast<int>(species);
  s.stress_every = t.get_int("stress_every", 2);
  if (s.stress_every < 1) t.fail("stress_every", "must be >= 1");
  if (t.has("gk_cutoff")) {
    const toml::node* node = t.raw().get("gk_cutoff");
    if (node->is_string()) {
      if (t.get_string("gk_cutoff") != "first_zero")
        t.fail("gk_cutoff", "must be \"first_zero\" or a positive multiple of tau_alpha");
      s.gk_first_zero = true;
    } else {
      s.gk_cutoff_tau = t.get_positive("gk_cutoff");
    }
  } else {
    t.allow("gk_cutoff");
  }
  s.msd_min = t.get_non_negative("msd_min", 0.0);
  s.glass_tau = t.get_positive("glass_tau", 1e14);
  s.fit_max_temperature = t.get_non_negative("fit_max_temperature", 0.0);
  s.mct_max_temperature = t.get_non_negative("mct_max_temperature", 0.0);
  const std::int64_t ppd = t.get_int("points_per_decade", 20);
  if (ppd < 2 || ppd > 1000) t.fail("points_per_decade", "must be in 2 .. 1000");
  s.points_per_decade = static_cast<int>(ppd);
  const std::int64_t eis = t.get_int("e_is_samples", 0);
  if (eis < 0 || eis > 10000) t.fail("e_is_samples", "must be in 0 .. 10000");
  for (std::size_t i = 0; i < n; ++i)
    if (eis > s.steps[i]) t.fail("e_is_samples", "at most one per production step");
  s.e_is_samples = static_cast<int>(eis);
  s.e_is_ftol = t.get_positive("e_is_ftol", 1e-6);
  if (t.has("glasses")) {
    for (const std::string& g : t.get_strings("glasses")) {
      const std::filesystem::path p(g);
      s.glasses.push_back((p.is_absolute() ? p : c.base_dir / p).string());
    }
    if (s.e_is_samples == 0) t.fail("glasses", "fictive temperatures need the liquid's e_IS(T): set e_is_samples");
  } else {
    t.allow("glasses");
  }
  for (double& T : s.temperatures) T = u.temperature_in(T);
  return st;
}

namespace {

// The fits across the ladder: VFT, parabolic, MCT on τ_α and MCT on 1/D, each its own JSON block (or its error).
nlohmann::json fit_block(const TauFit& f, std::optional<double> tau_g) {
  nlohmann::json j = {{"law", f.law}, {"chi2", f.fit.chi2}, {"dof", f.fit.dof}, {"converged", f.fit.converged},
                      {"temperatures", f.temperatures}};
  for (std::size_t i = 0; i < f.names.size(); ++i)
    j["params"][f.names[i]] = {{"value", f.fit.params[i]}, {"stderr", f.fit.errors[i]}};
  if (tau_g) {
    if (const auto fr = fragility(f, *tau_g))
      j["fragility"] = {{"tau_g", fr->tau_g}, {"T_g", fr->T_g}, {"T_g_stderr", fr->T_g_error}, {"m", fr->m},
                        {"m_stderr", fr->m_error}};
  }
  return j;
}

nlohmann::json ladder_fits(const nlohmann::json& entries, const LiquidSpec& spec) {
  auto collect = [&](const char* key, double tmax, bool invert) {
    RelaxationData d;
    bool errors = true;
    for (const auto& e : entries) {
      const double T = e["T"].get<double>();
      if (tmax > 0 && T > tmax * (1 + 1e-12)) continue;
      const auto& v = e["fit_species"][key];
      if (v["value"].is_null()) continue;
      const double x = v["value"].get<double>();
      if (!(x > 0)) continue;
      d.temperature.push_back(T);
      d.tau.push_back(invert ? 1.0 / x : x);
      if (v["stderr"].is_null() || !(v["stderr"].get<double>() > 0)) errors = false;
      else d.sigma_ln_tau.push_back(v["stderr"].get<double>() / x);  // σ(ln x) = σ(x)/x, also for 1/x
    }
    if (!errors) d.sigma_ln_tau.clear();
    return d;
  };
  nlohmann::json out;
  auto attempt = [&](const char* name, auto&& fn) {
    try {
      out[name] = fn();
    } catch (const Error& e) {
      out[name] = {{"error", e.what()}};
    }
  };
  const RelaxationData tau = collect("tau_alpha", spec.fit_max_temperature, false);
  const RelaxationData tau_mct = collect("tau_alpha", spec.mct_max_temperature, false);
  const RelaxationData inv_d = collect("D", spec.mct_max_temperature, true);
  attempt("vft", [&] { return fit_block(fit_vft(tau), spec.glass_tau); });
  attempt("parabolic", [&] { return fit_block(fit_parabolic(tau), spec.glass_tau); });
  attempt("mct", [&] { return fit_block(fit_mct(tau_mct), std::nullopt); });
  attempt("mct_D", [&] { return fit_block(fit_mct(inv_d), std::nullopt); });
  out["weighted"] = !tau.sigma_ln_tau.empty();
  out["fragility_convention"] = fmt::format(
      "m = d log10(tau)/d(T_g/T) at T_g, where the fitted law reaches tau_g = {:g} time units (glass_tau)",
      spec.glass_tau);
  return out;
}

}  // namespace

StageResult LiquidStage::run(StageContext& ctx) const {
  const LiquidSpec& sp = spec;
  System& s = ctx.sys;
  const UnitSystem& u = s.units;
  const double dt = sp.integrator.dt;
  IntegratorOptions prod_opt = sp.integrator;
  prod_opt.ensemble = sp.production;
  std::unique_ptr<Integrator> equil = make_integrator(sp.integrator), prod = make_integrator(prod_opt);
  LiquidCursor cur;
  SelfCorrelator corr;
  auto make_correlator = [&](std::size_t i) {
    SelfCorrelatorOptions co;
    co.q = cur.q;
    co.max_lag = sp.max_lag[i];
    co.origin_every = sp.origin_every[i];
    co.origins = (sp.steps[i] - sp.max_lag[i]) / sp.origin_every[i] + 1;
    co.blocks = sp.blocks;
    co.points_per_decade = sp.points_per_decade;
    co.dimension = s.dimension();
    return SelfCorrelator(co, s.particles().type, s.cfg.type_count);
  };
  const StageFields fields = [&](Archive& ar) {
    cur.checkpoint(ar);
    equil->checkpoint(ar);
    prod->checkpoint(ar);
    if (ar.reading() && cur.phase == 1) corr = make_correlator(static_cast<std::size_t>(cur.index));
    if (cur.phase == 1) corr.checkpoint(ar);
  };
  const bool fresh = ctx.fresh();
  if (fresh) {
    ctx.step = 0;
    ctx.begin();
    if (sp.species > s.cfg.type_count)
      throw Error(fmt::format("{}: stage {} (liquid): species = {} but the system has {} types", ctx.source, ctx.number,
                              sp.species, s.cfg.type_count));
    // The glasses are written by earlier stages: they must exist now, not only after the ladder.
    for (const std::string& path : sp.glasses)
      if (!std::filesystem::exists(path))
        throw Error(fmt::format("{}: stage {} (liquid): glasses: no such file {}", ctx.source, ctx.number, path));
    cur.q = sp.q > 0 ? sp.q
                     : (u.is_metal() ? first_peak_q(s.particles(), s.box(), 1.5, 4.0, 0.05, s.dimension())
                                     : first_peak_q(s.particles(), s.box(), 4.0, 10.0, 0.1, s.dimension()));
  } else {
    ctx.restore(fields);
    fmt::print(stderr, "{}: resuming at temperature {} of {}, {} step {}\n", ctx.label, cur.index + 1,
               sp.temperatures.size(), cur.phase == 0 ? "equilibration" : "production", cur.step);
  }
  const std::int64_t checkpoint_every = ctx.output.checkpoint_every;
  std::int64_t total_steps = 0;
  for (std::size_t i = 0; i < sp.temperatures.size(); ++i) total_steps += sp.equilibrate[i] + sp.steps[i];
  Progress progress(ctx.label, total_steps, cur.total);
  const std::string base = fmt::format("stage{}-liquid", ctx.number);
  const double n = static_cast<double>(s.size());
  const int ng = s.cfg.type_count + 1;

  while (cur.index < static_cast<std::int64_t>(sp.temperatures.size())) {
    const auto i = static_cast<std::size_t>(cur.index);
    const double T = sp.temperatures[i];
    const double Tu = user_T(u, T);
    // Equilibration: fresh Maxwell–Boltzmann velocities at T, then NVT.
    if (cur.phase == 0) {
      if (cur.step == 0) {
        cur.started = ctx.elapsed();
        create_velocities(s, T, sp.seed + static_cast<std::uint32_t>(i));
        s.cfg.has_velocities = true;
        equil = make_integrator(sp.integrator);
        s.need_energy_virial = true;
        s.compute_forces();
      }
      while (cur.step < sp.equilibrate[i]) {
        s.need_energy_virial = false;
        equil->step(s, ctx.global_step + 1, T);
        ++ctx.global_step, ++cur.step, ++cur.total;
        ctx.step = cur.total;
        if (cur.total % 50 == 0) progress.update(cur.total);
        ctx.poll(fields, checkpoint_every > 0 && cur.total % checkpoint_every == 0);
      }
      cur.phase = 1;
      cur.step = 0;
      cur.sxx.clear(), cur.syy.clear(), cur.szz.clear(), cur.sxy.clear(), cur.sxz.clear(), cur.syz.clear(), cur.temperature.clear(), cur.pe.clear(), cur.e_is.clear();
      prod = make_integrator(prod_opt);
      corr = make_correlator(i);
      s.need_energy_virial = true;
      s.compute_forces();
      corr.add(0, unwrapped_positions(s.particles(), s.box()));
    }
    // Production.
    while (cur.step < sp.steps[i]) {
      const std::int64_t k = cur.step + 1;
      const bool stress = k % sp.stress_every == 0;
      s.need_energy_virial = stress;
      prod->step(s, ctx.global_step + 1, T);
      ++ctx.global_step, ++cur.total;
      cur.step = k;
      ctx.step = cur.total;
      if (stress) {
        const Thermo th = measure(s);
        ctx.guard.check(s, th, k);
        cur.sxx.push_back(-th.stress[0]);
        cur.syy.push_back(-th.stress[1]);
        cur.szz.push_back(-th.stress[2]);
        cur.sxy.push_back(-th.stress[3]);
        cur.sxz.push_back(-th.stress[4]);
        cur.syz.push_back(-th.stress[5]);
        cur.temperature.push_back(u.temperature_out(th.temperature));
        cur.pe.push_back(th.potential_energy / n);
      }
      if (corr.due(k)) corr.add(k, unwrapped_positions(s.particles(), s.box()));
      // Inherent states at e_is_samples evenly spaced production steps (FIRE on a copy; the run goes on untouched).
      if (sp.e_is_samples > 0 && k * sp.e_is_samples % sp.steps[i] < sp.e_is_samples &&
          static_cast<std::int64_t>(cur.e_is.size()) < sp.e_is_samples)
        cur.e_is.push_back(inherent_energy(s, s.cfg, sp.e_is_ftol));
      if (cur.total % 50 == 0) progress.update(cur.total);
      ctx.poll(fields, checkpoint_every > 0 && cur.total % checkpoint_every == 0 && k < sp.steps[i]);
    }

    // Results at this temperature.
    const auto& lags = corr.lags();
    std::vector<double> time;
    for (auto l : lags) time.push_back(static_cast<double>(l) * dt);
    const double msd_min = sp.msd_min > 0 ? sp.msd_min : std::pow(M_PI / cur.q, 2);
    nlohmann::json groups = nlohmann::json::object();
    nlohmann::json fit_species;
    std::optional<double> tau_fit, d_fit;
    for (int g = 0; g < ng; ++g) {
      const std::vector<double> fs = corr.fs(-1, g), msd = corr.msd(-1, g);
      std::vector<std::optional<double>> tau_b, d_b;
      const std::optional<double> tau = crossing_time(time, fs);
      const std::optional<double> onset = diffusive_onset(time, msd, msd_min);
      // The window: from where the MSD reaches msd_min (and at least τ_α) to the longest lag.
      const double t_from = std::max(onset.value_or(time.back() * 2), tau.value_or(0.0));
      std::optional<double> D;
      if (const auto f = fit_diffusion(time, msd, t_from, time.back(), s.dimension())) D = f->D;
      for (int b = 0; b < sp.blocks; ++b) {
        tau_b.push_back(crossing_time(time, corr.fs(b, g)));
        const auto fb = fit_diffusion(time, corr.msd(b, g), t_from, time.back(), s.dimension());
        d_b.push_back(fb ? std::optional<double>(fb->D) : std::nullopt);
      }
      const BlockStat ts = block_stat(tau, tau_b), ds = block_stat(D, d_b);
      const std::string name = g == 0 ? "all" : std::to_string(g);
      groups[name] = {{"tau_alpha", {{"value", num(ts.value)}, {"stderr", num(ts.error)}}},
                      {"D", {{"value", num(ds.value)}, {"stderr", num(ds.error)}}},
                      {"D_window", {num(D ? std::optional<double>(t_from) : std::nullopt), time.back()}},
                      {"fs_at_max_lag", fs.back()},
                      {"msd_at_max_lag", msd.back()}};
      if (g == sp.species) {
        fit_species = groups[name];
        tau_fit = ts.value;
        d_fit = ds.value;
      }
    }
    // Green–Kubo: η = V/(k_B T) ∫ <σ_xy(0) σ_xy(t)> dt, the ACF from the five independent components of the
    // traceless stress (traceless_stress_components).
    const double sample_dt = static_cast<double>(sp.stress_every) * dt;
    const double max_time = static_cast<double>(sp.max_lag[i]) * dt;
    GreenKuboCutoff cut;
    nlohmann::json eta = nullptr;
    std::optional<GreenKuboResult> gk;
    if (sp.gk_first_zero) {
      cut.rule = GreenKuboCutoff::Rule::FirstZero;
    } else if (tau_fit) {
      cut.rule = GreenKuboCutoff::Rule::Fixed;
      cut.time = sp.gk_cutoff_tau * *tau_fit;
    }
    if (sp.gk_first_zero || tau_fit) {
      try {
        const StressComponents sc = traceless_stress_components(cur.sxx, cur.syy, cur.szz, cur.sxy, cur.sxz, cur.syz);
        gk = green_kubo(sc.series, sample_dt, max_time, cut, sp.blocks, s.volume() / T, sc.weights);
        eta = {{"value", u.pressure_out(gk->integral)},
               {"stderr", u.pressure_out(gk->error)},
               {"cutoff_rule", sp.gk_first_zero ? "first zero of the ACF"
                                                : fmt::format("{:g} x tau_alpha", sp.gk_cutoff_tau)},
               {"cutoff_time", gk->cutoff_time},
               {"cutoff_reached", gk->cutoff_found},
               {"block_time", gk->block_time},
               {"samples", cur.sxy.size()}};
        if (u.is_metal()) eta["value_Pa_s"] = u.pressure_out(gk->integral) * 1e5 * 1e-12;  // bar·ps → Pa·s
      } catch (const Error& e) {
        eta = {{"error", e.what()}};
      }
    }
    const MeanError pe = block_average(cur.pe, sp.blocks), tm = block_average(cur.temperature, sp.blocks);
    nlohmann::json entry = {
        {"T", Tu},
        {"equilibrate", sp.equilibrate[i]},
        {"steps", sp.steps[i]},
        {"max_lag", sp.max_lag[i]},
        {"origin_every", sp.origin_every[i]},
        {"q", cur.q},
        {"temperature_measured", {{"mean", tm.mean}, {"stderr", tm.stderr_}}},
        {"pe_per_particle", {{"mean", pe.mean}, {"stderr", pe.stderr_}}},
        {"pe_half_difference", {{"value", half_difference(cur.pe)}, {"stderr", half_difference_error(cur.pe)}}},
        {"species", groups},
        {"fit_species", fit_species},
        {"eta", eta},
        {"production_over_tau", tau_fit ? nlohmann::json(static_cast<double>(sp.steps[i]) * dt / *tau_fit)
                                        : nlohmann::json(nullptr)},
        {"curves", fmt::format("{}-T{}.csv", base, tag(Tu))},
        {"gk_file", fmt::format("{}-gk-T{}.csv", base, tag(Tu))},
        {"e_is", nlohmann::json(nullptr)},
        {"wall_seconds", ctx.elapsed() - cur.started},
        {"steps_per_second", static_cast<double>(sp.equilibrate[i] + sp.steps[i]) /
                                 std::max(1e-9, ctx.elapsed() - cur.started)}};
    if (!cur.e_is.empty()) {  // independent samples (one production run apart / e_is_samples): standard error of the mean
      double m = 0, v = 0;
      for (double x : cur.e_is) m += x / static_cast<double>(cur.e_is.size());
      for (double x : cur.e_is) v += (x - m) * (x - m);
      const double ns = static_cast<double>(cur.e_is.size());
      entry["e_is"] = {{"mean", m}, {"stderr", ns > 1 ? std::sqrt(v / (ns * (ns - 1))) : 0.0}, {"samples", cur.e_is.size()}};
    }
    // Stokes–Einstein: D η/(k_B T) [1/length] and D τ_α / T.
    if (d_fit && gk && !eta.contains("error")) entry["stokes_einstein"]["D_eta_over_kT"] = *d_fit * gk->integral / T;
    if (d_fit && tau_fit) entry["stokes_einstein"]["D_tau_over_T"] = *d_fit * *tau_fit / Tu;

    std::ostringstream curves;
    curves << "time";
    for (int g = 0; g < ng; ++g) {
      const std::string name = g == 0 ? "all" : std::to_string(g);
      curves << ",fs_" << name << ",msd_" << name;
    }
    curves << "\n";
    std::vector<std::vector<double>> fsg, msdg;
    for (int g = 0; g < ng; ++g) fsg.push_back(corr.fs(-1, g)), msdg.push_back(corr.msd(-1, g));
    for (std::size_t l = 0; l < time.size(); ++l) {
      curves << fmt::format("{:.10g}", time[l]);
      for (int g = 0; g < ng; ++g) curves << fmt::format(",{:.10g},{:.10g}", fsg[g][l], msdg[g][l]);
      curves << "\n";
    }
    write_file_atomically(ctx.out_dir / entry["curves"].get<std::string>(), curves.str());
    std::ostringstream gkcsv;
    gkcsv << "time,stress_acf,eta_running\n";
    if (gk) {
      // Every lag for the first 200, then about 40 per decade.
      std::size_t next = 0;
      for (std::size_t l = 0; l < gk->time.size(); ++l)
        if (l >= next || l + 1 == gk->time.size()) {
          gkcsv << fmt::format("{:.10g},{:.10g},{:.10g}\n", gk->time[l], u.pressure_out(gk->acf[l]) * u.nktv2p,
                               u.pressure_out(gk->running[l]));
          next = l < 200 ? l + 1 : static_cast<std::size_t>(std::ceil(static_cast<double>(l) * std::pow(10.0, 1.0 / 40)));
        }
    }
    write_file_atomically(ctx.out_dir / entry["gk_file"].get<std::string>(), gkcsv.str());

    nlohmann::json done = nlohmann::json::parse(cur.done);
    done.push_back(entry);
    cur.done = done.dump();
    cur.index += 1;
    cur.phase = 0;
    cur.step = 0;
    cur.sxx.clear(), cur.syy.clear(), cur.szz.clear(), cur.sxy.clear(), cur.sxz.clear(), cur.syz.clear(), cur.temperature.clear(), cur.pe.clear(), cur.e_is.clear();
    if (cur.index < static_cast<std::int64_t>(sp.temperatures.size())) ctx.poll(fields, checkpoint_every > 0);
  }
  progress.finish();
  s.need_energy_virial = true;
  s.compute_forces();

  const nlohmann::json entries = nlohmann::json::parse(cur.done);
  // Fictive temperatures: each glass's e_IS placed on the liquid's equilibrium e_IS(T).
  nlohmann::json glasses = nlohmann::json::array();
  if (!sp.glasses.empty()) {
    std::vector<double> ts, es, errs;
    for (const auto& e : entries)
      if (!e["e_is"].is_null()) {
        ts.push_back(e["T"].get<double>());
        es.push_back(e["e_is"]["mean"].get<double>());
        errs.push_back(e["e_is"]["stderr"].get<double>());
      }
    for (const std::string& path : sp.glasses) {
      if (!std::filesystem::exists(path))
        throw Error(fmt::format("{}: stage {} (liquid): glasses: no such file {}", ctx.source, ctx.number, path));
      Configuration g = read_configuration(path);
      masses_to_internal(g, u);
      const double e = inherent_energy(s, g, sp.e_is_ftol);
      nlohmann::json j = {{"file", path}, {"e_is", e}, {"fictive_temperature", nullptr}};
      if (const auto f = fictive_temperature(ts, es, errs, e)) {
        j["fictive_temperature"] = f->T_f;
        j["fictive_temperature_stderr"] = f->error;
        j["extrapolated"] = f->extrapolated;
      }
      glasses.push_back(j);
    }
  }
  std::ostringstream csv;
  csv << "T,T_measured,pe_per_particle,pe_stderr,tau_alpha,tau_alpha_stderr,tau_alpha_all,D,D_stderr,D_all,eta,"
         "eta_stderr,D_eta_over_kT,D_tau_over_T\n";
  auto g = [](const nlohmann::json& j, const char* a, const char* b) -> std::string {
    if (!j.contains(a) || j[a].is_null() || !j[a].contains(b) || j[a][b].is_null()) return "";
    return fmt::format("{:.10g}", j[a][b].get<double>());
  };
  for (const auto& e : entries) {
    const auto& se = e.contains("stokes_einstein") ? e["stokes_einstein"] : nlohmann::json::object();
    auto opt = [&](const char* k) { return se.contains(k) ? fmt::format("{:.10g}", se[k].get<double>()) : std::string(); };
    csv << fmt::format("{},{:.10g},{:.12g},{:.4g},{},{},{},{},{},{},{},{},{},{}\n", e["T"].get<double>(),
                       e["temperature_measured"]["mean"].get<double>(), e["pe_per_particle"]["mean"].get<double>(),
                       e["pe_per_particle"]["stderr"].get<double>(), g(e["fit_species"], "tau_alpha", "value"),
                       g(e["fit_species"], "tau_alpha", "stderr"), g(e["species"]["all"], "tau_alpha", "value"),
                       g(e["fit_species"], "D", "value"), g(e["fit_species"], "D", "stderr"),
                       g(e["species"]["all"], "D", "value"), g(e, "eta", "value"), g(e, "eta", "stderr"),
                       opt("D_eta_over_kT"), opt("D_tau_over_T"));
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv.str());

  return {{"kind", "liquid"},
          {"units", u.name},
          {"dt", dt},
          {"thermostat", sp.integrator.thermostat},
          {"tdamp", sp.integrator.tdamp},
          {"production", sp.production},
          {"species", sp.species},
          {"q", cur.q},
          {"stress_every", sp.stress_every},
          {"blocks", sp.blocks},
          {"conventions",
           {{"tau_alpha", "F_s(q, tau_alpha) = 1/e of the species' F_s averaged over all time origins; stderr from the "
                          "scatter of the blocks' own crossings"},
            {"D", "MSD = 2 d D t + c fitted from where the MSD reaches msd_min (default (pi/q)^2, half a neighbour distance squared), and at least "
                  "tau_alpha, to the longest lag; stderr from the blocks"},
            {"eta", "V/(k_B T) * integral of the shear-stress ACF to the cut-off, the ACF from the 5 independent "
                    "components of the traceless stress (xy, xz, yz weight 1/5; Q_xx, Q_yy, Q_zz weight 1/10); "
                    "stderr from the blocks of the stress series; units pressure*time"},
            {"stokes_einstein", "D_eta_over_kT = D eta/(k_B T) [1/length], D_tau_over_T = D tau_alpha / T"}}},
          {"msd_min", sp.msd_min > 0 ? sp.msd_min : std::pow(M_PI / cur.q, 2)},
          {"temperatures", entries},
          {"fits", ladder_fits(entries, sp)},
          {"glasses", glasses},
          {"file", base + ".csv"},
          {"final", final_state_json(s)},
          {"wall_seconds", ctx.elapsed()}};
}

}  // namespace vitrum
