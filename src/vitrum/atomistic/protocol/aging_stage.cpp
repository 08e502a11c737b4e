// aging stage: quench the state to one temperature at t = 0 (velocities rescaled, thermostat target set), run NVT and
// correlate each waiting time's positions with the later ones: C(t_w + t, t_w) = F_s(q; t_w, t_w + t), MSD, τ(t_w), μ.
#include "vitrum/atomistic/protocol/aging_stage.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

#include "vitrum/analysis/least_squares.hpp"
#include "vitrum/analysis/two_time_correlator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

namespace {

// A time in the recipe's time unit as a whole number of steps of dt; anything else is an error naming the key.
std::int64_t to_steps(const RecipeTable& t, const std::string& key, double time, double dt) {
  const double k = time / dt;
  if (!std::isfinite(k) || std::abs(k - std::round(k)) > 1e-6 * std::max(1.0, std::abs(k)))
    t.fail(key, fmt::format("{} is not a whole number of time steps (dt = {})", time, dt));
  return static_cast<std::int64_t>(std::llround(k));
}

nlohmann::json finite_or_null(std::optional<double> v) {
  return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// The resumable part of the stage.
struct AgingCursor {
  std::int64_t step = 0;  // MD steps since the quench
  double q = 0;
  std::vector<double> pe, temperature;  // per particle / measured, at each waiting time reached (user units)

  void checkpoint(Archive& ar) { ar(step), ar(q), ar(pe), ar(temperature); }
};

}  // namespace

std::unique_ptr<Stage> parse_aging_stage(RecipeTable& t, const StageParseContext& c) {
  auto st = std::make_unique<AgingStage>();
  AgingSpec& s = st->spec;
  const UnitSystem& u = c.units;
  const double T = t.get_double("temperature");
  if (!(T > 0)) t.fail("temperature", fmt::format("must be > 0, got {}", T));
  IntegratorOptions& o = s.integrator;
  o.ensemble = "nvt";
  o.dt = t.get_double("dt", u.is_metal() ? 0.002 : 0.005);
  if (!(o.dt > 0)) t.fail("dt", fmt::format("must be positive, got {}", o.dt));
  parse_thermostat_keys(t, o);
  o.seed = t.get_seed("seed", c.seed);
  const std::vector<double> tw = t.get_doubles("waiting_times");
  if (tw.empty()) t.fail("waiting_times", "give at least one waiting time");
  for (double w : tw) {
    if (!(w >= 0)) t.fail("waiting_times", fmt::format("every waiting time must be >= 0, got {}", w));
    s.waiting_times.push_back(to_steps(t, "waiting_times", w, o.dt));
  }
  std::sort(s.waiting_times.begin(), s.waiting_times.end());
  if (std::adjacent_find(s.waiting_times.begin(), s.waiting_times.end()) != s.waiting_times.end())
    t.fail("waiting_times", "two waiting times fall on the same time step");
  const double lag = t.get_double("max_lag");
  if (!(lag > 0)) t.fail("max_lag", fmt::format("must be > 0 (a time), got {}", lag));
  s.max_lag = to_steps(t, "max_lag", lag, o.dt);
  if (s.max_lag < 1) t.fail("max_lag", "must be at least one time step");
  const std::int64_t ppd = t.get_int("points_per_decade", 10);
  if (ppd < 2 || ppd > 1000) t.fail("points_per_decade", "must be in 2 .. 1000");
  s.points_per_decade = static_cast<int>(ppd);
  s.q = t.get_non_negative("q", 0.0);
  s.temperature = u.temperature_in(T);
  return st;
}

StageResult AgingStage::run(StageContext& ctx) const {
  const AgingSpec& sp = spec;
  System& s = ctx.sys;
  const UnitSystem& u = s.units;
  const double dt = sp.integrator.dt, T = sp.temperature;
  std::unique_ptr<Integrator> integ = make_integrator(sp.integrator);
  AgingCursor cur;
  TwoTimeCorrelator corr;
  auto make_correlator = [&] {
    TwoTimeCorrelatorOptions co;
    co.q = cur.q;
    co.origins = sp.waiting_times;
    co.max_lag = sp.max_lag;
    co.points_per_decade = sp.points_per_decade;
    co.dimension = s.dimension();
    return TwoTimeCorrelator(co, s.particles().type, s.cfg.type_count);
  };
  const StageFields fields = [&](Archive& ar) {
    cur.checkpoint(ar);
    integ->checkpoint(ar);
    if (ar.reading()) corr = make_correlator();
    corr.checkpoint(ar);
  };
  const std::int64_t total = sp.waiting_times.back() + sp.max_lag;
  auto record = [&] {  // the state at a waiting time: potential energy per particle and kinetic temperature
    const Thermo th = measure(s);
    cur.pe.push_back(th.potential_energy / static_cast<double>(s.size()));
    cur.temperature.push_back(u.temperature_out(th.temperature));
  };
  if (ctx.fresh()) {
    ctx.step = 0;
    ctx.begin();
    cur.q = sp.q > 0 ? sp.q
                     : (u.is_metal() ? first_peak_q(s.particles(), s.box(), 1.5, 4.0, 0.05, s.dimension())
                                     : first_peak_q(s.particles(), s.box(), 4.0, 10.0, 0.1, s.dimension()));
    // The quench: the kinetic temperature jumps to T (a state without velocities gets Maxwell–Boltzmann ones).
    const double now = s.cfg.has_velocities ? measure(s).temperature : 0.0;
    if (now > 0) {
      const double f = std::sqrt(T / now);
      for (Vec3& v : s.particles().velocity) v = v * f;
    } else {
      create_velocities(s, T, sp.integrator.seed);
    }
    s.cfg.has_velocities = true;
    s.need_energy_virial = true;
    s.compute_forces();
    corr = make_correlator();
    if (corr.due(0)) corr.add(0, unwrapped_positions(s.particles(), s.box()));
    if (sp.waiting_times.front() == 0) record();
  } else {
    ctx.restore(fields);
    fmt::print(stderr, "{}: resuming at step {} of {}\n", ctx.label, cur.step, total);
  }
  const std::int64_t checkpoint_every = ctx.output.checkpoint_every;
  Progress progress(ctx.label, total, cur.step);
  auto is_waiting_time = [&](std::int64_t k) {
    return std::binary_search(sp.waiting_times.begin(), sp.waiting_times.end(), k);
  };
  while (cur.step < total) {
    const std::int64_t k = cur.step + 1;
    const bool sample = is_waiting_time(k) || k % 100 == 0;
    s.need_energy_virial = sample;
    integ->step(s, ctx.global_step + 1, T);
    ++ctx.global_step;
    cur.step = k;
    ctx.step = k;
    if (k % 100 == 0) ctx.guard.check(s, measure(s), k);
    if (is_waiting_time(k)) record();
    if (corr.due(k)) corr.add(k, unwrapped_positions(s.particles(), s.box()));
    if (k % 50 == 0) progress.update(k);
    ctx.poll(fields, checkpoint_every > 0 && k % checkpoint_every == 0 && k < total);
  }
  progress.finish();
  s.need_energy_virial = true;
  s.compute_forces();

  // Results: τ(t_w) per group from each waiting time's own curve, then τ ∝ t_w^μ over t_w > 0.
  const std::string base = fmt::format("stage{}-aging", ctx.number);
  const auto& lags = corr.lags();
  std::vector<double> time;  // lags > 0: crossing_time interpolates in log t
  for (std::size_t l = 1; l < lags.size(); ++l) time.push_back(static_cast<double>(lags[l]) * dt);
  const int ng = corr.groups();
  std::ostringstream csv;
  csv << "t_w,t,group,C,msd\n";
  nlohmann::json entries = nlohmann::json::array();
  std::vector<double> fit_tw, fit_tau;
  for (std::size_t j = 0; j < sp.waiting_times.size(); ++j) {
    const double tw = static_cast<double>(sp.waiting_times[j]) * dt;
    nlohmann::json groups = nlohmann::json::object();
    std::optional<double> tau_all;
    for (int g = 0; g < ng; ++g) {
      const std::vector<double> fs = corr.fs(j, g), msd = corr.msd(j, g);
      const std::string name = g == 0 ? "all" : std::to_string(g);
      for (std::size_t l = 0; l < lags.size(); ++l)
        csv << fmt::format("{:.10g},{:.10g},{},{:.10g},{:.10g}\n", tw, static_cast<double>(lags[l]) * dt, name, fs[l],
                           msd[l]);
      const std::optional<double> tau =
          crossing_time(time, std::vector<double>(fs.begin() + 1, fs.end()));
      if (g == 0) tau_all = tau;
      groups[name] = {{"tau", finite_or_null(tau)},
                      {"C_at_max_lag", finite_or_null(fs.back())},
                      {"msd_at_max_lag", finite_or_null(msd.back())}};
    }
    if (tw > 0 && tau_all) fit_tw.push_back(tw), fit_tau.push_back(*tau_all);
    entries.push_back({{"t_w", tw},
                       {"tau", finite_or_null(tau_all)},
                       {"pe_per_particle", cur.pe.at(j)},
                       {"temperature_at_t_w", cur.temperature.at(j)},
                       {"groups", groups}});
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv.str());

  nlohmann::json mu = {{"value", nullptr}, {"stderr", nullptr}, {"points", fit_tw.size()}};
  if (fit_tw.size() >= 3) {
    std::vector<double> x, y;
    for (std::size_t i = 0; i < fit_tw.size(); ++i) x.push_back(std::log(fit_tw[i])), y.push_back(std::log(fit_tau[i]));
    const double slope0 = (y.back() - y.front()) / (x.back() - x.front());
    const LeastSquaresFit f = least_squares([](double xi, const std::vector<double>& p) { return p[0] + p[1] * xi; }, x,
                                            y, {}, {y.front() - slope0 * x.front(), slope0});
    mu["value"] = f.params[1];
    mu["stderr"] = f.errors[1];
    mu["intercept"] = f.params[0];
  }
  return {{"kind", "aging"},
          {"units", u.name},
          {"temperature", std::stod(fmt::format("{:.12g}", u.temperature_out(T)))},
          {"dt", dt},
          {"thermostat", sp.integrator.thermostat},
          {"tdamp", sp.integrator.tdamp},
          {"q", cur.q},
          {"max_lag", static_cast<double>(sp.max_lag) * dt},
          {"steps", total},
          {"waiting_times", entries},
          {"mu", mu},
          {"conventions",
           {{"C", "F_s(q; t_w, t_w + t) = <sin(q |r(t_w + t) - r(t_w)|)/(q |r(t_w + t) - r(t_w)|)> from the one "
                  "trajectory, no average over origins; t_w counted from the quench"},
            {"tau", "first t where C of the group falls below 1/e, linear interpolation in log t between sampled lags; "
                    "null if it does not within max_lag (or already at the first lag)"},
            {"mu", "least-squares slope of ln tau (all particles) against ln t_w over t_w > 0 with a finite tau, "
                   "standard error from the residual scatter; null with fewer than 3 points"}}},
          {"file", base + ".csv"},
          {"final", final_state_json(s)},
          {"wall_seconds", ctx.elapsed()},
          {"steps_per_second", static_cast<double>(total) / std::max(1e-9, ctx.elapsed())}};
}

}  // namespace vitrum
