#include "vitrum/continuum/stz_run.hpp"

#include "vitrum/core/install_paths.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "vitrum/continuum/initial_field.hpp"
#include "vitrum/continuum/shear_band.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/stopwatch.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::continuum {

std::unique_ptr<PlasticLaw> make_law(const StzRecipe& r) {
  switch (r.law) {
    case LawKind::Stz: return std::make_unique<StzLaw>(r.stz);
    case LawKind::FreeVolume: return std::make_unique<FreeVolumeLaw>(r.free_volume);
    case LawKind::Elastic: return std::make_unique<ElasticLaw>();
  }
  throw Error("unknown plastic law");
}

std::vector<double> initial_state(const StzRecipe& r) {
  switch (r.initial) {
    case InitialKind::Uniform: return std::vector<double>(r.grid.cells(), r.initial_mean);
    case InitialKind::Random: return random_field(r.grid, r.initial_mean, r.initial_std, r.correlation_length, r.seed);
    case InitialKind::File: {
      auto f = read_field(r.initial_file, r.grid);
      for (double v : f)
        if (!(v > 0)) throw Error(fmt::format("{}: the initial field must be positive everywhere", r.initial_file.string()));
      return f;
    }
  }
  throw Error("unknown initial field");
}

std::filesystem::path stz_plot_script() { return script_path("plot_stz.py"); }

namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json band_json(const ShearBand& b) {
  return {{"band_detected", b.detected}, {"band_orientation", b.orientation}, {"band_width", b.width},
          {"band_position", b.position}, {"localization_index", b.localization_index}, {"band_peak_over_mean", b.peak_over_mean}};
}

}  // namespace

nlohmann::json run_stz(const StzRecipe& r, const StzRunOptions& opt) {
  const auto t0 = Clock::now();
  std::filesystem::create_directories(opt.out);
  const auto law = make_law(r);
  const auto x0 = initial_state(r);
  QuasistaticShear run(r.grid, Moduli::from_young(r.youngs_modulus, r.poisson_ratio), *law, r.shear, x0);
  const std::string state = std::string(law->state_name());
  const auto rows = std::size_t(r.grid.ny), cols = std::size_t(r.grid.nx);
  write_npy(opt.out / fmt::format("{}_initial.npy", state), x0, {rows, cols});

  // SI units (stress in Pa, rate in 1/s); the recipe and version that made it are in summary.json.
  std::string curve = fmt::format("strain,shear_stress,mean_{},max_{},max_plastic_rate,steps\n", state, state);
  auto add_row = [&] {
    const auto& s = run.state();
    const auto rate = run.plastic_rate();
    curve += fmt::format("{:.8g},{:.10g},{:.8g},{:.8g},{:.6g},{}\n", s.strain, run.shear_stress(), s.state.mean(),
                         s.state.maxCoeff(), *std::max_element(rate.begin(), rate.end()), run.steps());
  };
  add_row();
  double peak = run.shear_stress(), peak_strain = 0;
  nlohmann::json snaps = nlohmann::json::array();
  std::size_t next_snap = 0;
  double next_row = r.curve_step;
  auto last_print = Clock::now();
  while (run.state().strain < r.max_strain) {
    double target = std::min(next_row, r.max_strain);
    if (next_snap < r.snapshot_strains.size()) target = std::min(target, r.snapshot_strains[next_snap]);
    run.advance_to(target);
    if (opt.poll) opt.poll(run.state().strain);
    const double strain = run.state().strain, tau = run.shear_stress();
    if (tau > peak) { peak = tau; peak_strain = strain; }
    if (strain >= next_row - 1e-12) {
      add_row();
      next_row += r.curve_step;
    }
    if (next_snap < r.snapshot_strains.size() && strain >= r.snapshot_strains[next_snap] - 1e-12) {
      const auto tag = fmt::format("{:.4f}", strain);
      const auto& s = run.state();
      write_npy(opt.out / fmt::format("{}_{}.npy", state, tag), std::vector<double>(s.state.data(), s.state.data() + s.state.size()), {rows, cols});
      write_npy(opt.out / fmt::format("plastic_rate_{}.npy", tag), run.plastic_rate(), {rows, cols});
      const std::vector<double> ep(s.plastic_strain.data(), s.plastic_strain.data() + s.plastic_strain.size());
      write_npy(opt.out / fmt::format("plastic_strain_{}.npy", tag), ep, {rows, cols});
      auto j = band_json(detect_shear_band(r.grid, ep, r.band_threshold));
      j["strain"] = strain;
      j["tag"] = tag;
      j["shear_stress"] = tau;
      snaps.push_back(j);
      ++next_snap;
    }
    if (opt.progress && seconds_since(last_print) > 1.0) {
      last_print = Clock::now();
      const double f = strain / r.max_strain, t = seconds_since(t0);
      fmt::print(stderr, "\rstz  strain {:.4f}  stress {:.4g} GPa  {} steps  {:5.1f}%  {:.0f} s elapsed, ETA {:.0f} s   ",
                 strain, tau / 1e9, run.steps(), 100 * f, t, f > 0 ? t * (1 - f) / f : 0.0);
    }
  }
  if (opt.progress) fmt::print(stderr, "\n");
  write_file_atomically(opt.out / "stress_strain.csv", curve);

  const auto& s = run.state();
  const std::vector<double> ep(s.plastic_strain.data(), s.plastic_strain.data() + s.plastic_strain.size());
  const ShearBand band = detect_shear_band(r.grid, ep, r.band_threshold);
  double smax = 0;
  for (Eigen::Index k = 0; k < s.sigma.size(); ++k) smax = std::max(smax, std::abs(s.sigma[k]));
  nlohmann::json summary = {
      {"version", opt.version}, {"units", "SI"}, {"seed", r.seed}, {"recipe", r.to_json()},
      {"law", law_name(r.law)}, {"state_variable", state},
      {"yield_stress", peak}, {"yield_strain", peak_strain}, {"final_stress", run.shear_stress()},
      {"final_strain", s.strain}, {"steps", run.steps()}, {"solves", run.solves()},
      {"solve_seconds", run.solve_seconds()}, {"step_seconds", run.total_seconds()},
      {"factor_nonzeros", run.projection().factor_nonzeros()},
      {"max_divergence_relative", smax > 0 ? run.max_divergence() * r.grid.h / smax : 0.0},
      {"snapshots", snaps}, {"wall_seconds", seconds_since(t0)}};
  summary.update(band_json(band));
  write_file_atomically(opt.out / "summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace vitrum::continuum
