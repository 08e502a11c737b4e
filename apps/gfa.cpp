// `vitrum gfa criteria|train|cv|predict|screen` and `vitrum ttt`: glass-forming ability from a composition.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "commands.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/criteria.hpp"
#include "vitrum/gfa/cv_report.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/model.hpp"
#include "vitrum/gfa/dataset.hpp"
#include "vitrum/gfa/periodic_table.hpp"
#include "vitrum/gfa/screening.hpp"
#include "vitrum/gfa/ttt.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"
#include "vitrum/gfa/ttt_run.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::cli {
namespace {

using namespace vitrum::gfa;

int default_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// --trees 0 (not given): 100 forest trees, or BoostParams' default rounds.
int default_trees(int trees, const std::string& model) { return trees > 0 ? trees : model == "forest" ? 100 : BoostParams{}.rounds; }

// --model and the XGBoost settings shared by `train` and `cv` (defaults: BoostParams).
void add_model_options(CLI::App& cmd, std::string& model, BoostParams& b) {
  cmd.add_option("--model", model, "forest (random forest) or xgboost (gradient boosting)")->check(CLI::IsMember({"forest", "xgboost"}));
  cmd.add_option("--max-depth", b.max_depth, "xgboost: tree depth")->check(kPositive);
  cmd.add_option("--eta", b.eta, "xgboost: learning rate")->check(CLI::Range(1e-6, 1.0));
  cmd.add_option("--subsample", b.subsample, "xgboost: fraction of rows per tree")->check(CLI::Range(1e-3, 1.0));
  cmd.add_option("--colsample", b.colsample_bytree, "xgboost: fraction of features per tree")->check(CLI::Range(1e-3, 1.0));
}

void add_criteria(CLI::App& gfa) {
  auto* cmd = gfa.add_subcommand("criteria", "Empirical glass-forming criteria of a composition");
  struct Options {
    std::string comp, data, format = "text";
    double tg = 0, tx = 0, tl = 0;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("composition", o->comp, "e.g. Zr41.2Ti13.8Cu12.5Ni10Be22.5, (Cu50Zr50)98Al2, or by weight: 'Fe70Cr18Ni12 wt%'")->required();
  cmd->add_option("--tg", o->tg, "glass transition temperature T_g [K] (with --tx, --tl: T_rg, gamma, dTx)");
  cmd->add_option("--tx", o->tx, "onset of crystallisation T_x [K]");
  cmd->add_option("--tl", o->tl, "liquidus temperature T_l [K]");
  cmd->add_option("--data", o->data, "GFA data directory (default: $VITRUM_GFA_DATA or the build's ../shared/data/gfa)");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o] {
    const auto data = ElementData::load(resolve_data_dir(o->data));
    const auto c = parse_composition(o->comp, data);
    std::optional<CharacteristicTemperatures> t;
    const int given = (o->tg > 0) + (o->tx > 0) + (o->tl > 0);
    if (given == 3) t = CharacteristicTemperatures{o->tg, o->tx, o->tl};
    else if (given != 0) throw Error("--tg, --tx and --tl go together: give all three or none");
    const auto j = criteria_json(c, compute_criteria(c, data, t));
    if (o->format == "json") { fmt::print("{}\n", j.dump(2)); return; }
    for (const auto& [key, value] : j.items()) fmt::print("{:<20} {}\n", key, value.dump());
  });
}

void add_train(CLI::App& gfa) {
  auto* cmd = gfa.add_subcommand("train", "Train the GFA models (p_glass, D_max, T_g, T_x, T_l) and save the model file");
  struct Options {
    std::string data, out = "out/gfa/model.txt", features = "all", model = "forest";
    BoostParams boost;
    int trees = 0, threads = default_threads();
    std::uint32_t seed = 1;
    bool no_regression = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--out,-o,--output", o->out, "model file to write");
  cmd->add_option("--trees", o->trees, "trees per forest (default 100), or XGBoost boosting rounds (default 300)")->check(kPositive);
  add_model_options(*cmd, o->model, o->boost);
  cmd->add_option("--seed", o->seed, "random seed");
  cmd->add_option("--threads", o->threads, "worker threads (the model does not depend on it)")->check(kPositive);
  cmd->add_option("--features", o->features, "magpie, physical or all")->check(CLI::IsMember({"magpie", "physical", "all"}));
  cmd->add_flag("--no-regression", o->no_regression, "train only the glass classifier");
  cmd->add_option("--data", o->data, "GFA data directory");
  cmd->callback([o] {
    const auto dir = resolve_data_dir(o->data);
    const auto data = ElementData::load(dir);
    const auto t0 = std::chrono::steady_clock::now();
    TrainOptions t;
    t.set = parse_feature_set(o->features);
    t.trees = default_trees(o->trees, o->model);
    t.model = parse_learner_kind(o->model);
    t.boost = o->boost;
    t.seed = o->seed;
    t.threads = o->threads;
    t.regressions = !o->no_regression;
    t.version = VITRUM_VERSION;
    const auto m = GfaModel::train(dir, data, t);
    if (const auto parent = std::filesystem::path(o->out).parent_path(); !parent.empty()) std::filesystem::create_directories(parent);
    m.save(o->out);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("wrote {} ({} {} models x {} {}, {} features, {:.1f} s)\n", o->out, m.learners().size(), o->model, t.trees,
               o->model == "forest" ? "trees" : "rounds",
               m.feature_names().size(), s);
  });
}

void add_cv(CLI::App& gfa) {
  auto* cmd = gfa.add_subcommand("cv", "Stratified and leave-alloy-system-out cross-validation, with the feature ablation");
  struct Options {
    std::string data, format = "text", model = "forest", dmax_set = "xiong2020";
    BoostParams boost;
    std::vector<std::string> targets = {"p_glass", "dmax_mm", "tg_k", "tx_k", "tl_k"}, sets = {"all"};
    int folds = 10, trees = 0, threads = default_threads();
    std::uint32_t seed = 1;
    double min_dmax = 0.0;
    bool ablation = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--targets", o->targets,
                  "p_glass, dmax_mm, tg_k, tx_k, tl_k, and p_glass_processing (melt-spun and sputtered labels, the route as a feature)")
      ->delimiter(',');
  cmd->add_option("--features", o->sets, "feature sets to compare: magpie, physical, all")->delimiter(',');
  cmd->add_flag("--ablation", o->ablation, "same as --features all,magpie,physical");
  cmd->add_option("--folds", o->folds, "k of k-fold")->check(CLI::Range(2, 100));
  cmd->add_option("--min-dmax", o->min_dmax,
                  "dmax_mm: keep only compositions with D_max >= this (mm), e.g. 1 for bulk glasses only (default 0: all rows)")
      ->check(kNonNegative);
  cmd->add_option("--dmax-set", o->dmax_set,
                  "dmax_mm data: xiong2020 (5933 rows; crystals 0 mm, ribbons 0.1 mm) or fe2025 (495 rows, Fe-based bulk glasses)")
      ->check(CLI::IsMember({"xiong2020", "fe2025"}));
  cmd->add_option("--trees", o->trees, "trees per forest (default 100), or XGBoost boosting rounds (default 300)")->check(kPositive);
  add_model_options(*cmd, o->model, o->boost);
  cmd->add_option("--seed", o->seed, "random seed (folds and models)");
  cmd->add_option("--threads", o->threads, "worker threads")->check(kPositive);
  cmd->add_option("--data", o->data, "GFA data directory");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o] {
    const auto dir = resolve_data_dir(o->data);
    const auto data = ElementData::load(dir);
    CvOptions c;
    c.folds = o->folds;
    c.trees = default_trees(o->trees, o->model);
    c.model = parse_learner_kind(o->model);
    c.boost = o->boost;
    c.seed = o->seed;
    c.threads = o->threads;
    c.targets = o->targets;
    c.min_dmax_mm = o->min_dmax;
    c.dmax_set = o->dmax_set;
    c.sets.clear();
    for (const auto& s : o->ablation ? std::vector<std::string>{"all", "magpie", "physical"} : o->sets)
      c.sets.push_back(parse_feature_set(s));
    const auto j = cross_validate(dir, data, c);
    if (o->format == "json") { fmt::print("{}\n", j.dump(2)); return; }
    fmt::print("{}-fold cross-validation, {} with {} {}, seed {}\n", o->folds, o->model, c.trees,
               o->model == "forest" ? "trees" : "rounds", o->seed);
    if (j.contains("dmax_mm") && j["dmax_mm"].contains("min_dmax_mm"))
      fmt::print("dmax_mm: only D_max >= {} mm ({} compositions below left out)\n", j["dmax_mm"]["min_dmax_mm"].get<double>(),
                 j["dmax_mm"]["below_min_dmax"].get<std::size_t>());
    for (const auto& t : o->targets) {
      for (const auto& s : c.sets) {
        const auto& r = j[t][to_string(s)];
        if (t == "p_glass" || t == "p_glass_processing")
          fmt::print("{:<8} {:<9} n={:<5} systems={:<5} stratified: acc {:.3f} auc {:.3f} prec {:.3f} rec {:.3f} | "
                     "system-out: acc {:.3f} auc {:.3f} prec {:.3f} rec {:.3f}\n",
                     t, to_string(s), r["n"].get<int>(), r["systems"].get<int>(), r["stratified"]["accuracy"].get<double>(),
                     r["stratified"]["roc_auc"].get<double>(), r["stratified"]["precision"].get<double>(),
                     r["stratified"]["recall"].get<double>(), r["system_out"]["accuracy"].get<double>(),
                     r["system_out"]["roc_auc"].get<double>(), r["system_out"]["precision"].get<double>(),
                     r["system_out"]["recall"].get<double>());
        else
          fmt::print("{:<8} {:<9} n={:<5} systems={:<5} k-fold: R2 {:.3f} MAE {:.4g} | system-out: R2 {:.3f} MAE {:.4g}\n", t,
                     to_string(s), r["n"].get<int>(), r["systems"].get<int>(), r["kfold"]["r2"].get<double>(),
                     r["kfold"]["mae"].get<double>(), r["system_out"]["r2"].get<double>(), r["system_out"]["mae"].get<double>());
      }
    }
    if (j.contains("importance")) {
      fmt::print("most important features of p_glass ({} set, {}):\n", j["importance_feature_set"].get<std::string>(),
                 o->model == "forest" ? "mean decrease in impurity" : "total gain");
      for (const auto& e : j["importance"]) fmt::print("  {:<28} {:.4f}\n", e["feature"].get<std::string>(), e["importance"].get<double>());
    }
  });
}

void add_predict(CLI::App& gfa) {
  auto* cmd = gfa.add_subcommand("predict", "p(glass), D_max and T_g/T_x/T_l (hence T_rg, gamma) of compositions");
  struct Options {
    std::vector<std::string> comps;
    std::string data, model = "out/gfa/model.txt", format = "text";
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("compositions", o->comps, "one or more compositions (at.%; a trailing wt% means weight percent)")->required();
  cmd->add_option("--model,-m", o->model, "model file from `vitrum gfa train`");
  cmd->add_option("--data", o->data, "GFA data directory");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o] {
    const auto data = ElementData::load(resolve_data_dir(o->data));
    const auto m = GfaModel::load(o->model, data);
    const Featurizer f(data, m.set());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : o->comps) {
      nlohmann::json j = {{"input", s}};
      j.update(m.predict_json(parse_composition(s, data), f));
      out.push_back(j);
    }
    if (o->format == "json") { fmt::print("{}\n", out.dump(2)); return; }
    for (const auto& j : out) {
      fmt::print("{:<32} p_glass {:.3f}", j["composition"].get<std::string>(), j["p_glass"].get<double>());
      if (j.contains("dmax_mm")) fmt::print("  dmax_mm {:.2f}", j["dmax_mm"].get<double>());
      if (j.contains("t_rg"))
        fmt::print("  tg_k {:.0f} tx_k {:.0f} tl_k {:.0f} t_rg {:.3f} gamma {:.3f}", j["tg_k"].get<double>(), j["tx_k"].get<double>(),
                   j["tl_k"].get<double>(), j["t_rg"].get<double>(), j["gamma"].get<double>());
      fmt::print("\n");
    }
  });
}

void add_ttt(CLI::App& app) {
  auto* cmd = app.add_subcommand("ttt", "TTT curve, nose and critical cooling rate from classical nucleation theory");
  struct Options {
    std::string recipe, out = "out/ttt";
    double calibrate_rc = 0;
    bool no_plots = false;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("recipe", o->recipe, "TOML recipe (see recipes/ttt_vit1.toml)")->required();
  cmd->add_option("--out,-o,--output", o->out, "output directory (ttt.csv, summary.json, ttt.png)");
  cmd->add_option("--calibrate-rc", o->calibrate_rc,
                  "find the interfacial energy that gives this R_c [K/s], report it (and the Turnbull alpha) and use it");
  cmd->add_flag("--no-plots", o->no_plots, "skip ttt.png");
  add_format_flag(cmd, o->flags);
  cmd->callback([o] {
    const auto r = read_ttt_recipe(o->recipe);
    const auto summary = run_ttt(r, {o->out, VITRUM_VERSION, o->calibrate_rc});
    const double rc = summary["rc_K_per_s"].get<double>();
    if (o->flags.json()) {
      fmt::print("{}\n", summary.dump(2));
      std::fflush(stdout);
      if (!o->no_plots) run_plot_script(plot_script("plot_ttt.py"), {o->out});
      return;
    }
    fmt::print("{}: R_c {:.4g} K/s, nose {:.1f} K at {:.4g} s (x = {:g}), sigma {:.5f} J/m2 (Turnbull alpha {:.4f})\n", r.name, rc,
               summary["nose_temperature_K"].get<double>(), summary["nose_time_s"].get<double>(), r.fraction,
               summary["interfacial_energy_J_per_m2"].get<double>(), summary["turnbull_alpha"].get<double>());
    if (r.published_rc) fmt::print("published R_c {:.4g} K/s: ratio {:.3g}\n", *r.published_rc, rc / *r.published_rc);
    fmt::print("outputs in {}/ (ttt.csv, summary.json{})\n", o->out, o->no_plots ? "" : ", ttt.png");
    std::fflush(stdout);
    if (o->no_plots) return;
    run_plot_script(plot_script("plot_ttt.py"), {o->out});
  });
}

void add_screen(CLI::App& gfa) {
  auto* cmd = gfa.add_subcommand("screen", "p(glass) over every ternary of an element list on an at.% grid; CSV and ternary maps");
  struct Options {
    std::vector<std::string> elements, plot;
    std::string data, model = "out/gfa/model.txt", out = "out/gfa/screen";
    double step = 1.0;
    int threads = default_threads();
    bool points = false, no_plots = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--elements,-e", o->elements, "element symbols, e.g. Cu,Zr,Al,Ni")->delimiter(',')->required();
  cmd->add_option("--step", o->step, "grid step in at.% (1: 5151 points per ternary)")->check(CLI::Range(0.1, 50.0));
  cmd->add_option("--model,-m", o->model, "model file from `vitrum gfa train`");
  cmd->add_option("--out,-o,--output", o->out, "output directory");
  cmd->add_option("--plot", o->plot, "systems to map (e.g. Al-Cu-Zr); default: all when there are at most 4")->delimiter(',');
  cmd->add_flag("--points", o->points, "write the grid CSV of every system, not only the mapped ones");
  cmd->add_flag("--no-plots", o->no_plots, "skip the PNG maps");
  cmd->add_option("--threads", o->threads, "worker threads")->check(kPositive);
  cmd->add_option("--data", o->data, "GFA data directory");
  cmd->callback([o] {
    const auto dir = resolve_data_dir(o->data);
    const auto data = ElementData::load(dir);
    const auto m = GfaModel::load(o->model, data);
    const Featurizer f(data, m.set());
    std::vector<int> z;
    for (const auto& e : o->elements) {
      const int n = atomic_number(e);
      if (n == 0) throw Error(fmt::format("--elements: '{}' is not an element symbol", e));
      z.push_back(n);
    }
    const auto systems = all_ternaries(z);
    const int divisions = static_cast<int>(std::lround(100.0 / o->step));
    if (std::abs(divisions * o->step - 100.0) > 1e-9) throw Error(fmt::format("--step {} does not divide 100 at.%", o->step));
    std::set<std::string> mapped;
    for (const auto& name : o->plot) {  // "Cu-Zr-Al" in any order -> the canonical "Al-Cu-Zr"
      std::vector<int> e;
      std::size_t start = 0;
      while (start <= name.size()) {
        const auto dash = std::min(name.find('-', start), name.size());
        const int n = atomic_number(name.substr(start, dash - start));
        if (n == 0) throw Error(fmt::format("--plot: '{}' is not a system like Cu-Zr-Al", name));
        e.push_back(n);
        start = dash + 1;
      }
      std::sort(e.begin(), e.end());
      if (e.size() != 3) throw Error(fmt::format("--plot: '{}' is not a ternary system", name));
      mapped.insert(TernarySystem{{e[0], e[1], e[2]}}.name());
    }
    if (o->plot.empty() && systems.size() <= 4)
      for (const auto& s : systems) mapped.insert(s.name());
    const std::filesystem::path out(o->out);
    std::filesystem::create_directories(out);
    if (!mapped.empty() || o->points) std::filesystem::create_directories(out / "points");
    const auto grid = ternary_grid(divisions);
    const auto result = screen_ternaries(systems, divisions, f, m.learner("p_glass"), o->threads,
                                         [&](const TernarySystem& s, const std::vector<double>& p) {
      if (!o->points && !mapped.count(s.name())) return;
      std::string csv = fmt::format("x_{},x_{},x_{},p_glass\n", element_symbol(s.z[0]), element_symbol(s.z[1]), element_symbol(s.z[2]));
      for (std::size_t g = 0; g < grid.size(); ++g)
        csv += fmt::format("{:.6g},{:.6g},{:.6g},{:.4f}\n", double(grid[g].i) / divisions, double(grid[g].j) / divisions,
                           double(grid[g].k) / divisions, p[g]);
      write_file_atomically(out / "points" / (s.name() + ".csv"), csv);
    });
    auto summaries = result.systems;
    std::sort(summaries.begin(), summaries.end(), [](const auto& a, const auto& b) { return a.glass_fraction > b.glass_fraction; });
    std::string csv = "system,glass_fraction,max_p_glass,best_composition\n";
    for (const auto& s : summaries) {
      const Composition best = make_composition({s.system.z[0], s.system.z[1], s.system.z[2]},
                                                {double(s.best.i), double(s.best.j), double(s.best.k)});
      csv += fmt::format("{},{:.4f},{:.4f},{}\n", s.system.name(), s.glass_fraction, s.max_p, best.label());
    }
    write_file_atomically(out / "systems.csv", csv);
    // Training compositions inside each mapped system, for the overlay.
    if (!mapped.empty()) {
      const auto ward = load_ward2016_glass(dir);
      for (const auto& s : systems) {
        if (!mapped.count(s.name())) continue;
        std::string t = fmt::format("x_{},x_{},x_{},glass\n", element_symbol(s.z[0]), element_symbol(s.z[1]), element_symbol(s.z[2]));
        for (std::size_t i = 0; i < ward.size(); ++i) {
          const auto& c = ward.comps[i];
          double x[3] = {0, 0, 0};
          bool inside = true;
          for (std::size_t q = 0; q < c.size(); ++q) {
            const auto* hit = std::find(s.z, s.z + 3, c.z[q]);
            if (hit == s.z + 3) { inside = false; break; }
            x[hit - s.z] = c.x[q];
          }
          if (inside) t += fmt::format("{:.6g},{:.6g},{:.6g},{}\n", x[0], x[1], x[2], int(ward.y[i]));
        }
        write_file_atomically(out / "points" / (s.name() + ".training.csv"), t);
      }
    }
    fmt::print("{} systems x {} points = {} compositions featurised and predicted in {:.2f} s ({} threads)\n", systems.size(),
               grid.size(), result.points, result.seconds, o->threads);
    for (std::size_t i = 0; i < std::min<std::size_t>(10, summaries.size()); ++i)
      fmt::print("  {:<12} glass fraction {:.3f}  max p {:.3f} at {}\n", summaries[i].system.name(), summaries[i].glass_fraction,
                 summaries[i].max_p,
                 make_composition({summaries[i].system.z[0], summaries[i].system.z[1], summaries[i].system.z[2]},
                                  {double(summaries[i].best.i), double(summaries[i].best.j), double(summaries[i].best.k)}).label());
    fmt::print("outputs in {}/ (systems.csv{})\n", o->out, mapped.empty() && !o->points ? "" : ", points/");
    std::fflush(stdout);
    if (o->no_plots) return;
    for (const auto& name : mapped) run_plot_script(plot_script("plot_gfa_ternary.py"), {o->out, name});
  });
}

}  // namespace

void add_gfa(CLI::App& app) {
  add_ttt(app);
  auto* gfa = app.add_subcommand("gfa", "Glass-forming ability: criteria, ML prediction, cross-validation, screening");
  gfa->require_subcommand(1);
  add_criteria(*gfa);
  add_train(*gfa);
  add_cv(*gfa);
  add_predict(*gfa);
  add_screen(*gfa);
}

}  // namespace vitrum::cli
