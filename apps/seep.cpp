// `vitrum seep RECIPE.toml [--out DIR]`: the data-driven stochastic elastoplastic map of atomistic shear histories.
#include <fmt/format.h>

#include <cstdio>

#include "commands.hpp"
#include "vitrum/meso/seep_run.hpp"

namespace vitrum::cli {

namespace {

std::string stat(const nlohmann::json& s) { return fmt::format("{:.4g} ± {:.2g}", s["mean"].get<double>(), s["sd"].get<double>()); }

void print_text(const nlohmann::json& summary, const std::string& out) {
  const auto& db = summary["database"];
  const auto& map = summary["map"];
  fmt::print("database   {} histories, {} transitions, dgamma {:.4g}, G {:.4g} ({})\n", db["histories"].get<int>(),
             db["transitions"].get<std::size_t>(), db["dgamma"].get<double>(), db["shear_modulus"].get<double>(),
             db["shear_modulus_from"].get<std::string>());
  fmt::print("map        {} x {} bins, {} empty, {} widened\n", map["stress_bins"].get<int>(), map["energy_bins"].get<int>(),
             map["empty_bins"].get<int>(), map["widened_bins"].get<int>());
  fmt::print("predictions: mean ± s.d. over the map's walks, then over the held-out histories\n");
  for (const auto& p : summary["predictions"]) {
    fmt::print("{:<10} peak {}  flow {}  overshoot {}  largest drop {}  (map, {} walks)\n", p["name"].get<std::string>(),
               stat(p["model"]["peak_stress"]), stat(p["model"]["flow_stress"]), stat(p["model"]["overshoot"]),
               stat(p["model"]["largest_drop"]), p["trajectories"].get<std::size_t>());
    if (p.contains("reference"))
      fmt::print("{:<10} peak {}  flow {}  overshoot {}  largest drop {}  (held out, {} histories; drop KS {:.3f})\n", "",
                 stat(p["reference"]["peak_stress"]), stat(p["reference"]["flow_stress"]),
                 stat(p["reference"]["overshoot"]), stat(p["reference"]["largest_drop"]),
                 p["reference"]["members"].get<std::size_t>(), p["drop_ks"].get<double>());
  }
  fmt::print("outputs in {}/ (summary.json, seep_map.csv, seep_<prediction>.csv; {:.1f} s)\n", out,
             summary["wall_seconds"].get<double>());
}

}  // namespace

void add_seep(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "seep", "Data-driven stochastic elastoplastic map harvested from AQS shear histories: see docs/seep.md");
  struct Options {
    std::string recipe, out = "out/seep";
    bool no_plots = false;
    CommonFlags flags;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "SEEP recipe (.toml)")->required();
  cmd->add_option("--out,-o", opt->out, "output folder");
  cmd->add_flag("--no-plots", opt->no_plots, "skip the matplotlib plot (seep.png)");
  add_format_flag(cmd, opt->flags);
  add_seed_flag(cmd, opt->flags);
  cmd->callback([opt] {
    auto recipe = meso::read_seep_recipe(opt->recipe);
    if (opt->flags.seed >= 0) recipe.seed = static_cast<std::uint32_t>(opt->flags.seed);
    const auto summary = meso::run_seep(recipe, opt->out);
    if (opt->flags.json())
      fmt::print("{}\n", summary.dump(2));
    else
      print_text(summary, opt->out);
    std::fflush(stdout);
    if (!opt->no_plots) run_plot_script(meso::seep_plot_script(), {opt->out});
  });
}

}  // namespace vitrum::cli
