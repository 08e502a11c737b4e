#include "vitrum/meso/epm_run.hpp"

#include "vitrum/core/install_paths.hpp"
#include "vitrum/core/stopwatch.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>

#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/meso/spectral_convolution.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::meso {

namespace {

using Clock = std::chrono::steady_clock;

// A progress line on stderr, at most once a second.
class Progress {
 public:
  explicit Progress(bool on) : on_(on), start_(Clock::now()), last_(start_) {}
  template <class... Args>
  void show(double fraction, fmt::format_string<Args...> f, Args&&... args) {
    if (!on_ || seconds_since(last_) < 1.0) return;
    last_ = Clock::now();
    const double t = seconds_since(start_);
    const double eta = fraction > 0 ? t * (1.0 - fraction) / fraction : 0.0;
    fmt::print(stderr, "\r{}  {:5.1f}%  {:.0f} s elapsed, ETA {:.0f} s   ", fmt::format(f, std::forward<Args>(args)...),
               100.0 * fraction, t, eta);
  }
  ~Progress() { if (on_) fmt::print(stderr, "\n"); }

 private:
  bool on_;
  Clock::time_point start_, last_;
};

std::vector<std::size_t> grid_shape(const Lattice& lat) {
  return lat.dimension == 2 ? std::vector<std::size_t>{std::size_t(lat.size), std::size_t(lat.size)}
                            : std::vector<std::size_t>{std::size_t(lat.size), std::size_t(lat.size), std::size_t(lat.size)};
}

void write_curve(const std::filesystem::path& path, double initial_stress, const std::vector<Avalanche>& av,
                 std::uint64_t max_points) {
  const std::uint64_t stride = std::max<std::uint64_t>(1, (2 * av.size() + max_points - 1) / max_points);
  std::string s = fmt::format("strain,stress\n0,{:.10g}\n", initial_stress);
  for (std::size_t k = 0; k < av.size(); ++k) {
    const bool keep = k % stride == 0 || av[k].stress_before - av[k].stress_after > 1e-3;  // keep the big drops
    if (!keep) continue;
    s += fmt::format("{:.10g},{:.10g}\n", av[k].strain, av[k].stress_before);
    s += fmt::format("{:.10g},{:.10g}\n", av[k].strain, av[k].stress_after);
  }
  write_file_atomically(path, s);
}

}  // namespace

QuasistaticResult run_quasistatic(const EpmRecipe& recipe, const EpmParameters& params, bool progress) {
  EpmModel model(params, LoadControl::Strain);
  QuasistaticDriver driver(model, recipe.update);
  QuasistaticResult r;
  r.initial_stress = model.mean_stress();
  Progress bar(progress);
  std::uint64_t stationary = 0;
  std::vector<double> x(model.sites());
  while (model.strain() < recipe.max_strain) {
    Avalanche a = driver.step(+1, recipe.max_strain);
    if (a.reached_strain_limit) break;
    r.avalanches.push_back(a);
    r.yield_stress = std::max(r.yield_stress, a.stress_before);
    r.largest_drop = std::max(r.largest_drop, a.stress_before - a.stress_after);
    if (a.strain >= recipe.stationary_strain) {
      r.stationary_sizes.push_back(a.size);
      if (stationary % recipe.pseudogap_every == 0) {
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = model.thresholds()[i] - model.stress()[i];
        r.pseudogap.add_snapshot(x, r.pseudogap.snapshots());
      }
      ++stationary;
      if (recipe.avalanches > 0 && stationary >= recipe.avalanches) break;
    }
    const double f = recipe.avalanches > 0 && a.strain >= recipe.stationary_strain
                         ? static_cast<double>(stationary) / static_cast<double>(recipe.avalanches)
                         : model.strain() / recipe.max_strain;
    bar.show(f, "epm quasistatic: strain {:.4f} stress {:.4f} avalanches {}", model.strain(), a.stress_after,
             r.avalanches.size());
  }
  double sum = 0;
  std::size_t n = 0;
  for (const auto& a : r.avalanches)
    if (a.strain >= recipe.stationary_strain) { sum += 0.5 * (a.stress_before + a.stress_after); ++n; }
  r.flow_stress = n ? sum / static_cast<double>(n) : 0.0;
  r.plastic_strain = model.plastic_strain();
  r.band = find_shear_band(model.lattice(), r.plastic_strain, {}, recipe.band_width, recipe.band_threshold);
  return r;
}

namespace {

nlohmann::json quasistatic_outputs(const EpmRecipe& recipe, const QuasistaticResult& r, const std::filesystem::path& dir) {
  write_curve(dir / "stress_strain.csv", r.initial_stress, r.avalanches, recipe.max_curve_points);
  std::string s = "strain,stress_before,stress_after,size,duration\n";
  for (const auto& a : r.avalanches)
    s += fmt::format("{:.10g},{:.10g},{:.10g},{},{}\n", a.strain, a.stress_before, a.stress_after, a.size, a.duration);
  write_file_atomically(dir / "avalanches.csv", s);
  s = "x,density\n";
  for (const auto& [xv, p] : r.pseudogap.density()) s += fmt::format("{:.8g},{:.8g}\n", xv, p);
  write_file_atomically(dir / "pseudogap.csv", s);
  write_npy(dir / "plastic_strain.npy", r.plastic_strain, grid_shape(recipe.model.lattice));

  nlohmann::json j;
  const PowerLawFit fit = r.stationary_sizes.empty() ? PowerLawFit{} : fit_power_law(r.stationary_sizes, recipe.s_min, recipe.s_max);
  const auto theta = r.pseudogap.fit(recipe.pseudogap_c_lo, recipe.pseudogap_c_hi);
  // null, not a number, where there was nothing to fit: a summary never carries a made-up value.
  j["tau"] = fit.samples >= 10 ? nlohmann::json(fit.tau) : nlohmann::json(nullptr);
  j["tau_error"] = fit.samples >= 10 ? nlohmann::json(fit.error) : nlohmann::json(nullptr);
  j["tau_fit"] = {{"s_min", fit.s_min}, {"s_max", fit.s_max}, {"samples", fit.samples}};
  const bool theta_ok = theta.blocks_used >= 2;
  j["theta"] = theta_ok ? nlohmann::json(theta.theta) : nlohmann::json(nullptr);
  j["theta_error"] = theta_ok ? nlohmann::json(theta.error) : nlohmann::json(nullptr);
  j["theta_fit"] = {{"x_lo", theta.x_lo}, {"x_hi", theta.x_hi}, {"snapshots", r.pseudogap.snapshots()},
                    {"blocks", theta.blocks_used}};
  j["yield_stress"] = r.yield_stress;
  j["flow_stress"] = r.flow_stress;
  j["largest_drop"] = r.largest_drop;
  j["band_detected"] = r.band.band;
  j["localization_index"] = r.band.index;
  j["band"] = {{"axis", r.band.axis == 1 ? "along x" : "along y"}, {"position", r.band.position}, {"width", r.band.width},
               {"concentration", r.band.concentration}};
  j["avalanches"] = r.avalanches.size();
  j["stationary_avalanches"] = r.stationary_sizes.size();
  j["cutoff_size"] = cutoff_size(r.stationary_sizes);
  j["final_strain"] = r.avalanches.empty() ? 0.0 : r.avalanches.back().strain;
  return j;
}

nlohmann::json run_cyclic(const EpmRecipe& recipe, const EpmParameters& params, const std::filesystem::path& dir, bool progress) {
  EpmModel model(params, LoadControl::Strain);
  QuasistaticDriver driver(model, recipe.update);
  Progress bar(progress);
  std::string s = "cycle,strain,stress\n";
  nlohmann::json cycles = nlohmann::json::array();
  std::uint64_t events = 0;
  for (int c = 0; c < recipe.cycles; ++c) {
    double peak = 0, trough = 0;
    std::uint64_t cycle_events = 0;
    // +amplitude, then -amplitude, then back to zero: one full cycle
    for (double target : {recipe.amplitude, -recipe.amplitude, 0.0}) {
      const int dir_sign = target > model.strain() ? +1 : -1;
      for (;;) {
        Avalanche a = driver.step(dir_sign, target);
        s += fmt::format("{},{:.10g},{:.10g}\n", c, a.strain, a.stress_before);
        if (a.reached_strain_limit) break;
        s += fmt::format("{},{:.10g},{:.10g}\n", c, a.strain, a.stress_after);
        peak = std::max(peak, a.stress_before);
        trough = std::min(trough, a.stress_before);
        cycle_events += a.size;
      }
    }
    events += cycle_events;
    cycles.push_back({{"cycle", c}, {"max_stress", peak}, {"min_stress", trough}, {"plastic_events", cycle_events}});
    bar.show(double(c + 1) / recipe.cycles, "epm cyclic: cycle {} events {}", c + 1, cycle_events);
  }
  write_file_atomically(dir / "stress_strain.csv", s);
  write_npy(dir / "plastic_strain.npy", model.plastic_strain(), grid_shape(recipe.model.lattice));
  const Localization band = find_shear_band(model.lattice(), model.plastic_strain(), {}, recipe.band_width, recipe.band_threshold);
  return {{"cycles", cycles}, {"plastic_events", events}, {"band_detected", band.band}, {"localization_index", band.index},
          {"band_concentration", band.concentration}};
}

nlohmann::json run_finite_rate(const EpmRecipe& recipe, const EpmParameters& params, const std::filesystem::path& dir, bool progress) {
  constexpr int kBlocks = 10, kResamples = 400;  // time blocks per rate and bootstrap resamples of the fit
  EpmModel model(params, LoadControl::Strain);
  RateDriver driver(model, recipe.rate);
  Progress bar(progress);
  std::string flow = "rate,stress,stress_error\n", series = "rate,time,strain,stress\n";
  std::vector<double> stresses;
  std::vector<std::vector<double>> blocks;
  for (std::size_t k = 0; k < recipe.rates.size(); ++k) {  // fastest first: each rate starts from the last state
    const double rate = recipe.rates[k];
    std::vector<TimeSample> samples;
    std::vector<double> block(kBlocks);
    driver.shear(rate, 0.5 * recipe.strain_per_rate, recipe.strain_per_rate / 200, samples);  // transient
    const double mean = driver.shear(rate, 0.5 * recipe.strain_per_rate, recipe.strain_per_rate / 200, samples, &block);
    stresses.push_back(mean);
    double var = 0;  // standard error of the mean from the spread of the block means
    for (double b : block) var += (b - mean) * (b - mean);
    flow += fmt::format("{:.8g},{:.10g},{:.4g}\n", rate, mean, std::sqrt(var / (kBlocks * (kBlocks - 1.0))));
    blocks.push_back(block);
    for (const auto& t : samples) series += fmt::format("{:.8g},{:.10g},{:.10g},{:.10g}\n", rate, t.time, t.strain, t.stress);
    bar.show(double(k + 1) / recipe.rates.size(), "epm finite-rate: rate {:.3g} stress {:.4f}", rate, mean);
  }
  write_file_atomically(dir / "flow_curve.csv", flow);
  write_file_atomically(dir / "rate_series.csv", series);
  const auto hb = fit_herschel_bulkley(recipe.rates, stresses);
  const auto err = bootstrap_herschel_bulkley(recipe.rates, blocks, kResamples, params.seed);
  // Leave-one-rate-out jackknife of n: how much the exponent depends on which rates are fitted (needs >= 4 rates).
  nlohmann::json n_jackknife = nullptr;
  if (recipe.rates.size() >= 4) {
    std::vector<double> ns;
    for (std::size_t drop = 0; drop < recipe.rates.size(); ++drop) {
      std::vector<double> r, s;
      for (std::size_t k = 0; k < recipe.rates.size(); ++k)
        if (k != drop) { r.push_back(recipe.rates[k]); s.push_back(stresses[k]); }
      ns.push_back(fit_herschel_bulkley(r, s).n);
    }
    double mean = 0, ss = 0;
    for (double v : ns) mean += v / static_cast<double>(ns.size());
    for (double v : ns) ss += (v - mean) * (v - mean);
    n_jackknife = std::sqrt(ss * (static_cast<double>(ns.size()) - 1.0) / static_cast<double>(ns.size()));
  }
  // A flow curve that does not rise with the rate has no Herschel–Bulkley form: the scan's best n is then <= 0 and
  // its yield stress the scan's floor (-1e-12). Say so instead of reporting those numbers as a fit.
  if (!(hb.n > 0 && hb.yield_stress > 0 && std::isfinite(hb.rms_residual)))
    return {{"flow_curve", {{"rates", recipe.rates}, {"stress", stresses}}},
            {"herschel_bulkley", {{"fitted", false},
                                  {"reason", fmt::format("the flow curve does not rise with the rate as sigma_y + k "
                                                         "rate^n with sigma_y > 0 and n > 0 (best scan: n = {:.3g}, "
                                                         "sigma_y = {:.3g}): no fit", hb.n, hb.yield_stress)}}}};
  return {{"flow_curve", {{"rates", recipe.rates}, {"stress", stresses}}},
          {"herschel_bulkley", {{"fitted", true}, {"yield_stress", hb.yield_stress}, {"yield_stress_error", err.yield_stress}, {"k", hb.k},
                                {"n", hb.n}, {"n_error", err.n}, {"beta", hb.n > 0 ? 1.0 / hb.n : 0.0},
                                {"beta_error", err.beta}, {"rms_residual", hb.rms_residual},
                                {"n_rate_jackknife_error", n_jackknife},
                                {"error_method", fmt::format("bootstrap over {} time blocks per rate, {} resamples",
                                                             kBlocks, err.resamples)}}}};
}

nlohmann::json run_creep(const EpmRecipe& recipe, const EpmParameters& params, const std::filesystem::path& dir) {
  EpmModel model(params, LoadControl::Stress);
  model.load(recipe.creep_stress);
  RateDriver driver(model, recipe.rate);
  std::vector<TimeSample> samples;
  const bool arrested = driver.creep(recipe.creep_duration, recipe.creep_duration / 1000, samples);
  std::string s = "time,strain,stress,plastic_strain\n";
  for (const auto& t : samples) s += fmt::format("{:.10g},{:.10g},{:.10g},{:.10g}\n", t.time, t.strain, t.stress, t.plastic_strain);
  write_file_atomically(dir / "creep.csv", s);
  write_npy(dir / "plastic_strain.npy", model.plastic_strain(), grid_shape(recipe.model.lattice));
  double late_rate = 0;  // strain rate over the last fifth of the run
  if (samples.size() >= 5) {
    const auto& b = samples.back();
    const auto& a = samples[samples.size() * 4 / 5];
    if (b.time > a.time) late_rate = (b.strain - a.strain) / (b.time - a.time);
  }
  return {{"arrested", arrested}, {"final_time", driver.time()}, {"final_strain", model.strain()},
          {"late_strain_rate", late_rate}};
}

}  // namespace

std::filesystem::path epm_plot_script() { return script_path("plot_epm.py"); }

nlohmann::json run_epm(const EpmRecipe& recipe, const EpmRunOptions& options) {
  set_fft_threads(recipe.threads);
  std::filesystem::create_directories(options.out);
  nlohmann::json summary = {{"vitrum_version", options.version}, {"recipe", recipe.to_json()},
                            {"seed", recipe.model.seed}, {"protocol", protocol_name(recipe.protocol)}};
  nlohmann::json levels = nlohmann::json::array();
  const auto t0 = Clock::now();
  for (double stability : recipe.stability_levels) {
    EpmParameters params = recipe.model;
    params.stability = stability;
    const auto dir = recipe.stability_levels.size() > 1 ? options.out / fmt::format("stability-{}", stability) : options.out;
    std::filesystem::create_directories(dir);
    nlohmann::json j;
    switch (recipe.protocol) {
      case Protocol::Quasistatic: j = quasistatic_outputs(recipe, run_quasistatic(recipe, params, options.progress), dir); break;
      case Protocol::Cyclic: j = run_cyclic(recipe, params, dir, options.progress); break;
      case Protocol::FiniteRate: j = run_finite_rate(recipe, params, dir, options.progress); break;
      case Protocol::Creep: j = run_creep(recipe, params, dir); break;
    }
    j["stability"] = stability;
    if (recipe.stability_levels.size() > 1) {
      j["folder"] = dir.filename().string();
      levels.push_back(j);
    } else {
      summary.update(j);
    }
  }
  if (!levels.empty()) summary["levels"] = levels;
  summary["wall_seconds"] = seconds_since(t0);
  write_file_atomically(options.out / "summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace vitrum::meso
