#include "vitrum/meso/seep_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>

#include "vitrum/core/error.hpp"
#include "vitrum/core/install_paths.hpp"
#include "vitrum/core/stopwatch.hpp"
#include "vitrum/core/units.hpp"

namespace vitrum::meso {

CurveMetrics curve_metrics(const std::vector<State>& s, double dgamma) {
  CurveMetrics m;
  if (s.empty()) return m;
  const auto peak = std::max_element(s.begin(), s.end(), [](const State& a, const State& b) { return a.stress < b.stress; });
  m.peak = peak->stress;
  m.peak_strain = static_cast<double>(peak - s.begin()) * dgamma;
  const std::size_t from = s.size() - std::max<std::size_t>(1, s.size() / 3);
  for (std::size_t k = from; k < s.size(); ++k) {
    m.flow += s[k].stress;
    m.flow_energy += s[k].energy;
  }
  m.flow /= static_cast<double>(s.size() - from);
  m.flow_energy /= static_cast<double>(s.size() - from);
  m.overshoot = m.peak - m.flow;
  for (std::size_t k = 1; k < s.size(); ++k) m.largest_drop = std::max(m.largest_drop, s[k - 1].stress - s[k].stress);
  return m;
}

double first_step_modulus(const std::vector<ShearHistory>& histories) {
  std::vector<double> slopes;
  for (const auto& h : histories) slopes.push_back((h.stress[1] - h.stress[0]) / h.dgamma);
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(slopes.size() / 2), slopes.end());
  return slopes[slopes.size() / 2];
}

double ks_statistic(std::vector<double> a, std::vector<double> b) {
  if (a.empty() || b.empty()) return 1.0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::abs(static_cast<double>(i) / a.size() - static_cast<double>(j) / b.size()));
  }
  return d;
}

namespace {

// Mean and standard deviation per strain step over an ensemble of state sequences, and the metrics of each.
struct Ensemble {
  std::vector<double> s1, s2, e1, e2;
  std::vector<CurveMetrics> metrics;
  std::vector<double> drops;  // every single-step stress drop (> 0)
  std::size_t members = 0;

  explicit Ensemble(std::size_t points) : s1(points), s2(points), e1(points), e2(points) {}
  void add(const std::vector<State>& s, double dgamma) {
    for (std::size_t k = 0; k < s1.size(); ++k) {
      s1[k] += s[k].stress;
      s2[k] += s[k].stress * s[k].stress;
      e1[k] += s[k].energy;
      e2[k] += s[k].energy * s[k].energy;
      if (k > 0 && s[k].stress < s[k - 1].stress) drops.push_back(s[k - 1].stress - s[k].stress);
    }
    metrics.push_back(curve_metrics(s, dgamma));
    ++members;
  }
  [[nodiscard]] double mean(const std::vector<double>& x1, std::size_t k) const { return x1[k] / members; }
  [[nodiscard]] double sd(const std::vector<double>& x1, const std::vector<double>& x2, std::size_t k) const {
    const double m = x1[k] / members;
    return members > 1 ? std::sqrt(std::max(0.0, (x2[k] - members * m * m) / (members - 1))) : 0.0;
  }
  // Mean, standard deviation and standard error of one metric over the members.
  [[nodiscard]] nlohmann::json stat(double CurveMetrics::*field) const {
    double a = 0, b = 0;
    for (const auto& m : metrics) {
      a += m.*field;
      b += m.*field * (m.*field);
    }
    const double n = static_cast<double>(metrics.size()), mean = a / n;
    const double sd = n > 1 ? std::sqrt(std::max(0.0, (b - n * mean * mean) / (n - 1))) : 0.0;
    return {{"mean", mean}, {"sd", sd}, {"sem", sd / std::sqrt(n)}};
  }
  [[nodiscard]] nlohmann::json to_json() const {
    // The mean curve's own peak (an ensemble-averaged stress-strain curve, as an experiment on a large sample sees).
    std::size_t kp = 0;
    for (std::size_t k = 1; k < s1.size(); ++k)
      if (s1[k] > s1[kp]) kp = k;
    return {{"members", members},
            {"peak_stress", stat(&CurveMetrics::peak)},
            {"peak_strain", stat(&CurveMetrics::peak_strain)},
            {"flow_stress", stat(&CurveMetrics::flow)},
            {"overshoot", stat(&CurveMetrics::overshoot)},
            {"largest_drop", stat(&CurveMetrics::largest_drop)},
            {"flow_energy", stat(&CurveMetrics::flow_energy)},
            {"mean_curve_peak", mean(s1, kp)},
            {"mean_curve_peak_index", kp},
            {"initial_energy", mean(e1, 0)},
            {"drops", drops.size()}};
  }
};

std::ofstream open_output(const std::filesystem::path& path) {
  std::ofstream f(path);
  if (!f) throw Error(fmt::format("{}: cannot open for writing", path.string()));
  return f;
}

}  // namespace

std::filesystem::path seep_plot_script() { return script_path("plot_seep.py"); }

nlohmann::json run_seep(const SeepRecipe& recipe, const std::filesystem::path& out) {
  const auto t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) throw Error(fmt::format("{}: cannot create the output folder: {}", out.string(), ec.message()));

  std::vector<ShearHistory> database;
  for (const auto& f : recipe.histories) database.push_back(read_shear_history(f));
  const bool metal = recipe.units == "metal";
  ElasticEnergy elastic;
  elastic.density = recipe.density;
  elastic.shear_modulus = recipe.shear_modulus.value_or(first_step_modulus(database));
  if (!(elastic.shear_modulus > 0))
    throw Error(fmt::format("{}: the database's first-step shear modulus is {:.6g}: give [database] shear_modulus",
                            recipe.file.string(), elastic.shear_modulus));
  elastic.energy_per_pressure_volume = metal ? 1.0 / metal_units().nktv2p : 1.0;
  const StateMap map(database, elastic, recipe.map);

  nlohmann::json summary = {
      {"recipe", recipe.file.string()},
      {"units", recipe.units},
      {"seed", recipe.seed},
      {"database",
       {{"histories", database.size()},
        {"transitions", map.transitions()},
        {"dgamma", map.dgamma()},
        {"density", recipe.density},
        {"shear_modulus", elastic.shear_modulus},
        {"shear_modulus_from", recipe.shear_modulus ? "recipe" : "median first-step slope of the histories"}}},
  };

  // The map on its grid: what a user plots to see where the glass loads, yields and flows.
  {
    auto f = open_output(out / "seep_map.csv");
    f << "stress,energy,transitions,pool_radius,mean_dstress,mean_denergy,drop_fraction\n";
    std::size_t empty = 0, widened = 0;
    const double ws = (map.upper().stress - map.lower().stress) / map.stress_bins();
    const double we = (map.upper().energy - map.lower().energy) / map.energy_bins();
    for (int is = 0; is < map.stress_bins(); ++is)
      for (int ie = 0; ie < map.energy_bins(); ++ie) {
        const State m = map.mean_increment(is, ie);
        empty += map.count(is, ie) == 0;
        widened += map.radius(is, ie) > 0;
        f << fmt::format("{:.10g},{:.10g},{},{},{:.10g},{:.10g},{:.6g}\n", map.lower().stress + (is + 0.5) * ws,
                         map.lower().energy + (ie + 0.5) * we, map.count(is, ie), map.radius(is, ie), m.stress, m.energy,
                         map.drop_fraction(is, ie));
      }
    summary["map"] = {{"stress_bins", map.stress_bins()},
                      {"energy_bins", map.energy_bins()},
                      {"min_transitions", recipe.map.min_transitions},
                      {"stress_range", {map.lower().stress, map.upper().stress}},
                      {"energy_range", {map.lower().energy, map.upper().energy}},
                      {"empty_bins", empty},
                      {"widened_bins", widened},
                      {"file", "seep_map.csv"}};
  }

  summary["predictions"] = nlohmann::json::array();
  for (std::size_t ip = 0; ip < recipe.predictions.size(); ++ip) {
    const auto& p = recipe.predictions[ip];
    std::vector<std::vector<State>> reference;
    for (const auto& f : p.reference) {
      const auto h = read_shear_history(f);
      if (std::abs(h.dgamma - map.dgamma()) > 1e-6 * map.dgamma())
        throw Error(fmt::format("{}: strain step {:.6g}, the map's is {:.6g}", f.string(), h.dgamma, map.dgamma()));
      reference.push_back(history_states(h, elastic));
    }
    std::size_t steps = p.steps;
    if (!reference.empty()) {
      std::size_t shortest = reference.front().size() - 1;
      for (const auto& r : reference) shortest = std::min(shortest, r.size() - 1);
      if (steps == 0) steps = shortest;
      if (steps > shortest)
        throw Error(fmt::format("{}: [[predict]] '{}': steps = {} is longer than its shortest held-out history ({} steps)",
                                recipe.file.string(), p.name, steps, shortest));
    }
    // Every walk step may keep one stress drop for the KS statistic: bound the product before allocating.
    constexpr double kMaxWalkSteps = 2e8;
    if (static_cast<double>(steps) * static_cast<double>(p.trajectories) > kMaxWalkSteps)
      throw Error(fmt::format("{}: [[predict]] '{}': trajectories × steps = {:.3g} walk steps, more than {:.0e} (the "
                              "drop statistics keep one value per step): fewer trajectories or steps",
                              recipe.file.string(), p.name, static_cast<double>(steps) * p.trajectories, kMaxWalkSteps));
    Ensemble model(steps + 1), ref(steps + 1);
    for (auto& r : reference) {
      r.resize(steps + 1);
      ref.add(r, map.dgamma());
    }
    std::size_t draws = 0, widened = 0, outside = 0;
    std::vector<State> walk(steps + 1);
    for (std::size_t t = 0; t < p.trajectories; ++t) {
      walk[0] = p.start ? *p.start : reference[t % reference.size()][0];
      for (std::size_t k = 0; k < steps; ++k) {
        Rng rng(Stream::SeepMap, recipe.seed, k, t, static_cast<std::uint32_t>(ip));
        const auto step = map.step(walk[k], rng);
        walk[k + 1] = step.next;
        ++draws;
        widened += step.radius > 0;
        outside += step.outside;
      }
      model.add(walk, map.dgamma());
    }

    const std::string name = fmt::format("seep_{}.csv", p.name);
    auto f = open_output(out / name);
    f << "gamma,stress_mean,stress_sd,energy_mean,energy_sd";
    if (ref.members > 0) f << ",ref_stress_mean,ref_stress_sd,ref_energy_mean,ref_energy_sd";
    f << "\n";
    for (std::size_t k = 0; k <= steps; ++k) {
      f << fmt::format("{:.10g},{:.10g},{:.10g},{:.10g},{:.10g}", k * map.dgamma(), model.mean(model.s1, k),
                       model.sd(model.s1, model.s2, k), model.mean(model.e1, k), model.sd(model.e1, model.e2, k));
      if (ref.members > 0)
        f << fmt::format(",{:.10g},{:.10g},{:.10g},{:.10g}", ref.mean(ref.s1, k), ref.sd(ref.s1, ref.s2, k),
                         ref.mean(ref.e1, k), ref.sd(ref.e1, ref.e2, k));
      f << "\n";
    }
    nlohmann::json j = {{"name", p.name},
                        {"file", name},
                        {"steps", steps},
                        {"trajectories", p.trajectories},
                        {"model", model.to_json()},
                        {"draws", draws},
                        {"widened_draws", widened},
                        {"outside_draws", outside}};
    if (ref.members > 0) {
      j["reference"] = ref.to_json();
      j["reference"]["files"] = p.reference.size();
      j["drop_ks"] = ks_statistic(model.drops, ref.drops);
    }
    summary["predictions"].push_back(j);
  }
  summary["wall_seconds"] = seconds_since(t0);
  auto f = open_output(out / "summary.json");
  f << summary.dump(1) << "\n";
  return summary;
}

}  // namespace vitrum::meso
