// `vitrum softness train|evaluate|predict`: the softness of Cubuk et al. (PRL 114, 108001, 2015) learned from vitrum's
// own AQS events (docs/softness.md).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "vitrum/analysis/softness.hpp"
#include "vitrum/analysis/softness_training.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/frames.hpp"

namespace vitrum::cli {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using namespace vitrum::analysis;

// The unit system a run folder's summary.json names; `path` is a run folder, its events folder or its index.csv.
std::string run_units(const fs::path& path) {
  fs::path dir = fs::is_directory(path) ? path : path.parent_path();
  for (int up = 0; up < 2 && !fs::is_regular_file(dir / "summary.json"); ++up) dir = dir.parent_path();
  const fs::path summary = dir / "summary.json";
  if (!fs::is_regular_file(summary)) return {};
  std::ifstream in(summary);
  try {
    const json j = json::parse(in);
    return j.at("units").at("name").get<std::string>();
  } catch (const json::exception&) {
    throw Error(fmt::format("{}: no units.name (not a vitrum run summary?)", summary.string()));
  }
}

// The units of every run (they must agree, and agree with --units when given).
std::string units_of(const std::vector<std::string>& runs, const std::string& given) {
  std::string units = given;
  for (const auto& r : runs) {
    const std::string u = run_units(r);
    if (u.empty()) {
      if (given.empty()) throw Error(fmt::format("{}: no summary.json beside it to name its units: give --units", r));
      continue;
    }
    if (!units.empty() && u != units)
      throw Error(fmt::format("{}: run in {} units, but {}", r, u, given.empty() ? "the first run is in " + units : "--units is " + given));
    units = u;
  }
  if (units != "lj" && units != "metal") throw Error(fmt::format("softness: units '{}' (lj or metal)", units));
  return units;
}

struct Options {
  std::vector<std::string> runs;
  std::string model = "softness-model.json", units, format = "text", out, csv, config;
  std::int64_t frame = kOnlyFrame;
  double length_scale = 0;  // 0: σ = 1 in lj; required in metal
  RadialGrid grid;          // multiples of length_scale
  EventLabelOptions labels; // d2min_cutoff and thresholds in multiples of length_scale (squared for D²min)
  SvmOptions svm;
  std::vector<double> c_grid;
  bool angular = false;     // add the angular structure functions (AngularSet's defaults, multiples of length_scale)
};

double scale_of(const Options& o, const std::string& units) {
  if (o.length_scale > 0) return o.length_scale;
  if (units == "metal")
    throw Error("softness: metal units need --length-scale (the length in Å that the grid, the D2min cut-off and the "
                "thresholds are multiples of, e.g. 2.5 for Cu-Zr)");
  return 1.0;
}

std::vector<std::vector<AqsEventRecord>> read_runs(const std::vector<std::string>& runs) {
  std::vector<std::vector<AqsEventRecord>> out;
  for (const auto& r : runs) out.push_back(read_event_index(r));
  return out;
}

std::string percent(double v) { return std::isnan(v) ? "-" : fmt::format("{:.1f} %", 100 * v); }

json score_json(const SoftnessScore& s) {
  return {{"rearranging", s.rearranging},
          {"rearranging_right", s.rearranging_right},
          {"non_rearranging", s.quiet},
          {"non_rearranging_right", s.quiet_right},
          {"rearranging_accuracy", s.rearranging_accuracy()},
          {"non_rearranging_accuracy", s.quiet_accuracy()},
          {"balanced_accuracy", s.balanced_accuracy()}};
}

void train(Options o) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string units = units_of(o.runs, o.units);
  const double ls = scale_of(o, units);
  if (!o.c_grid.empty()) o.svm.c_grid = o.c_grid;
  RadialGrid g = o.grid;
  g.check("softness train");
  g.r_min *= ls, g.r_max *= ls, g.r_step *= ls, g.width *= ls;
  EventLabelOptions lab = o.labels;
  lab.d2min_cutoff *= ls, lab.rearranging *= ls * ls, lab.quiet *= ls * ls;
  AngularSet ang;
  ang.check("softness train");
  for (double& x : ang.xi) x *= ls;
  ang.cutoff *= ls;
  const LabelledSet set = collect_labelled(read_runs(o.runs), lab, g, o.angular ? &ang : nullptr);
  const double t_features = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  SoftnessModel m = train_softness(set, g, ls, units, lab, o.svm, o.angular ? &ang : nullptr);
  const double t_total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.labels["runs"] = o.runs;
  write_softness_model(o.model, m);
  const auto score = score_softness(set, softness_of_rows(m, set));
  json j = {{"model", o.model}, {"units", units}, {"runs", o.runs.size()}, {"features", m.feature_count()},
            {"training_score", score_json(score[0])}, {"seconds_labels_and_features", t_features},
            {"seconds_total", t_total}, {"types", json::array()}};
  for (int t = 1; t <= m.type_count; ++t) {
    const auto k = static_cast<std::size_t>(t - 1);
    json e = {{"type", t}, {"score", score_json(score[k + 1])}, {"trained", m.has_classifier[k]}};
    if (m.has_classifier[k])
      e.update({{"C", m.classifiers[k].C}, {"cv_accuracy", m.classifiers[k].cv_accuracy},
                {"balanced_samples", m.classifiers[k].positives + m.classifiers[k].negatives}});
    j["types"].push_back(e);
  }
  if (o.format == "json") {
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("softness model {} ({} units, {} features per particle) from {} run(s) in {:.1f} s ({:.1f} s labels and "
             "structure functions)\n", o.model, units, m.feature_count(), o.runs.size(), t_total, t_features);
  for (int t = 1; t <= m.type_count; ++t) {
    const auto k = static_cast<std::size_t>(t - 1);
    const SoftnessScore& s = score[k + 1];
    if (!m.has_classifier[k]) {
      fmt::print("  type {}: {} rearranging, {} non-rearranging: too few to train (no hyperplane)\n", t, s.rearranging, s.quiet);
      continue;
    }
    const LinearClassifier& c = m.classifiers[k];
    fmt::print("  type {}: {} rearranging, {} non-rearranging ({} + {} after balancing); C = {:g} (CV accuracy {}); "
               "training accuracy: rearranging {}, non-rearranging {}\n", t, s.rearranging, s.quiet, c.positives,
               c.negatives, c.C, percent(c.cv_accuracy), percent(s.rearranging_accuracy()), percent(s.quiet_accuracy()));
  }
}

void evaluate(const Options& o) {
  const SoftnessModel m = read_softness_model(o.model);
  const std::string units = units_of(o.runs, o.units);
  if (units != m.units)
    throw Error(fmt::format("{}: model trained in {} units, but the runs are in {} units", o.model, m.units, units));
  const double ls = m.length_scale;
  EventLabelOptions lab;
  try {
    lab.d2min_cutoff = m.labels.at("d2min_cutoff").get<double>() * ls;
    lab.rearranging = m.labels.at("rearranging").get<double>() * ls * ls;
    lab.quiet = m.labels.at("quiet").get<double>() * ls * ls;
    lab.window = m.labels.at("window").get<double>();
    lab.max_fraction = m.labels.at("max_fraction").get<double>();
  } catch (const json::exception&) {
    throw Error(fmt::format("{}: labels lack d2min_cutoff, rearranging, quiet, window or max_fraction (a model made by `softness train`?)", o.model));
  }
  const auto t0 = std::chrono::steady_clock::now();
  const AngularSet ang = m.angular_in_length_units();
  const LabelledSet set = collect_labelled(read_runs(o.runs), lab, m.grid_in_length_units(), m.use_angular ? &ang : nullptr);
  if (set.type_count != m.type_count)
    throw Error(fmt::format("{}: model has {} particle types, but the runs have {}", o.model, m.type_count, set.type_count));
  const std::vector<double> s = softness_of_rows(m, set);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto score = score_softness(set, s);
  if (!o.csv.empty()) {
    std::string text = "run,event,strain,id,type,label,d2min,softness\n";
    for (std::size_t k = 0; k < s.size(); ++k)
      text += fmt::format("{},{},{:.10g},{},{},{},{:.8g},{:.8g}\n", set.run[k], set.event[k], set.strain[k], set.id[k],
                          set.type[k], set.y[k], set.d2min[k], s[k]);
    write_file_atomically(o.csv, text);
  }
  json j = {{"model", o.model}, {"runs", o.runs}, {"all", score_json(score[0])}, {"seconds", seconds}, {"types", json::array()}};
  for (int t = 1; t <= m.type_count; ++t) j["types"].push_back(score_json(score[static_cast<std::size_t>(t)]));
  if (o.format == "json") {
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("held-out events of {} run(s) under {} ({:.1f} s):\n", o.runs.size(), o.model, seconds);
  for (std::size_t t = 0; t < score.size(); ++t)
    fmt::print("  {:<8} rearranging {:>6} (S > 0: {:>7})   non-rearranging {:>7} (S < 0: {:>7})   balanced {}\n",
               t == 0 ? "all" : fmt::format("type {}", t), score[t].rearranging, percent(score[t].rearranging_accuracy()),
               score[t].quiet, percent(score[t].quiet_accuracy()), percent(score[t].balanced_accuracy()));
  if (!o.csv.empty()) fmt::print("wrote {}\n", o.csv);
}

void predict(const Options& o) {
  const SoftnessModel m = read_softness_model(o.model);
  const Configuration cfg = read_configuration(o.config, o.frame);
  std::string units = o.units.empty() ? run_units(fs::path(o.config)) : o.units;
  if (units.empty())
    throw Error(fmt::format("{}: no summary.json beside it to name its units: give --units", o.config));
  check_model_fits(m, o.model, cfg, units, o.config);
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<double> s = predict_softness(m, cfg);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // A LAMMPS dump with the softness as the last column (OVITO reads it as a particle property).
  std::string text;
  FrameOptions fo;
  fo.velocities = false;
  append_lammps_dump_frame(text, cfg, fo);
  std::vector<std::size_t> order(cfg.particles.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cfg.particles.id[a] < cfg.particles.id[b]; });
  std::istringstream in(text);
  std::string out, line;
  std::size_t row = 0;
  bool atoms = false;
  while (std::getline(in, line)) {
    if (atoms) {
      const double v = s[order[row++]];
      line += std::isnan(v) ? std::string(" nan") : fmt::format(" {:.8g}", v);
    } else if (line.starts_with("ITEM: ATOMS")) {
      line += " softness";
      atoms = true;
    }
    out += line + '\n';
  }
  write_file_atomically(o.out, out);
  std::vector<double> by_type_sum(static_cast<std::size_t>(m.type_count) + 1, 0.0);
  std::vector<std::size_t> by_type_n(by_type_sum.size(), 0), soft(by_type_sum.size(), 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isnan(s[i])) continue;
    const auto t = static_cast<std::size_t>(cfg.particles.type[i]);
    by_type_sum[t] += s[i];
    ++by_type_n[t];
    soft[t] += s[i] > 0;
  }
  json j = {{"model", o.model}, {"configuration", o.config}, {"out", o.out}, {"particles", s.size()},
            {"seconds", seconds}, {"types", json::array()}};
  for (int t = 1; t <= m.type_count; ++t) {
    const auto k = static_cast<std::size_t>(t);
    j["types"].push_back({{"type", t},
                          {"predicted", by_type_n[k]},
                          {"mean_softness", by_type_n[k] ? json(by_type_sum[k] / static_cast<double>(by_type_n[k])) : json(nullptr)},
                          {"fraction_soft", by_type_n[k] ? json(static_cast<double>(soft[k]) / static_cast<double>(by_type_n[k])) : json(nullptr)}});
  }
  if (o.format == "json") {
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("softness of {} particles of {} in {:.2f} s -> {} (column `softness`)\n", s.size(), o.config, seconds, o.out);
  for (const auto& e : j["types"]) {
    if (e["predicted"] == 0) {
      fmt::print("  type {}: no hyperplane in the model (softness nan)\n", e["type"].get<int>());
      continue;
    }
    fmt::print("  type {}: {} particles, mean S = {:.3f}, S > 0 (soft): {}\n", e["type"].get<int>(), e["predicted"].get<std::size_t>(),
               e["mean_softness"].get<double>(), percent(e["fraction_soft"].get<double>()));
  }
}

void add_label_options(CLI::App* cmd, Options& o) {
  cmd->add_option("--d2min-cutoff", o.labels.d2min_cutoff, "D2min neighbourhood [length_scale] (Falk & Langer's 2.5)")->check(kPositive);
  cmd->add_option("--rearranging", o.labels.rearranging, "D2min across an event above this: rearranging [length_scale^2]")->check(kPositive);
  cmd->add_option("--quiet", o.labels.quiet, "D2min below this over the window: non-rearranging [length_scale^2]")->check(kPositive);
  cmd->add_option("--window", o.labels.window, "strain window over which a non-rearranging particle stays quiet")->check(kPositive);
  cmd->add_option("--max-fraction", o.labels.max_fraction, "events where more than this fraction rearrange are left out")
      ->check(CLI::Range(0.0, 1.0));
}

}  // namespace

void add_softness(CLI::App& app) {
  auto* cmd = app.add_subcommand("softness", "Softness (Cubuk et al. 2015): a linear SVM on structure functions, trained on AQS events");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<Options>();
  Options& o = *opt;

  auto* tr = cmd->add_subcommand("train", "Train on the events of AQS runs (aqs stage with event_configurations = true)");
  tr->add_option("runs", o.runs, "run folders (or their stage*-aqs-events folders or index.csv files)")->required();
  tr->add_option("--model,-m", o.model, "model file to write (JSON)");
  tr->add_option("--units", o.units, "lj or metal (default: the runs' summary.json)")->check(CLI::IsMember({"lj", "metal"}));
  tr->add_option("--length-scale", o.length_scale, "length [system units] the grid and D2min options are multiples of "
                                                   "(default 1 in lj; required in metal)")->check(kPositive);
  tr->add_option("--r-min", o.grid.r_min, "first grid distance [length_scale]")->check(kNonNegative);
  tr->add_option("--r-max", o.grid.r_max, "last grid distance [length_scale]")->check(kPositive);
  tr->add_option("--r-step", o.grid.r_step, "grid spacing [length_scale]")->check(kPositive);
  tr->add_option("--width", o.grid.width, "Gaussian width L [length_scale]")->check(kPositive);
  tr->add_flag("--angular", o.angular, "add 16 angular structure functions (xi 1, 1.5; lambda -1, 1; zeta 1, 2, 4, 16; "
                                      "cut-off 3.5) to the radial ones");
  add_label_options(tr, o);
  tr->add_option("--C", o.c_grid, "penalties tried by cross-validation (default 0.001 0.01 0.1 1 10)")->check(kPositive);
  tr->add_option("--folds", o.svm.folds, "cross-validation folds")->check(CLI::Range(2, 100));
  tr->add_option("--seed", o.svm.seed, "seed of the class balancing and the folds");
  tr->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  tr->callback([opt] { train(*opt); });

  auto* ev = cmd->add_subcommand("evaluate", "Accuracy of a model on held-out AQS runs, labelled as the model's were");
  ev->add_option("model", o.model, "model file (from softness train)")->required();
  ev->add_option("runs", o.runs, "run folders (or stage*-aqs-events folders or index.csv files)")->required();
  ev->add_option("--units", o.units, "lj or metal (default: the runs' summary.json)")->check(CLI::IsMember({"lj", "metal"}));
  ev->add_option("--csv", o.csv, "write every labelled particle: run, event, strain, id, type, label, d2min, softness");
  ev->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  ev->callback([opt] { evaluate(*opt); });

  auto* pr = cmd->add_subcommand("predict", "Softness of every particle of a configuration, as a dump file column");
  pr->add_option("model", o.model, "model file (from softness train)")->required();
  pr->add_option("config", o.config, "configuration (.data, .dump, .xyz)")->required();
  add_frame_option(pr, o.frame);
  pr->add_option("--units", o.units, "lj or metal (default: the summary.json of the run folder holding it)")
      ->check(CLI::IsMember({"lj", "metal"}));
  pr->add_option("--out,-o", o.out, "LAMMPS dump to write, with a softness column")->required();
  pr->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  pr->callback([opt] { predict(*opt); });
}

}  // namespace vitrum::cli
