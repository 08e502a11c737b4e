// `vitrum lpbf RECIPE.toml [-o DIR]`: laser powder-bed fusion of a metallic glass: melt pool, lack of fusion, devitrification, (P, v) map.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "vitrum/am/lpbf_run.hpp"

namespace vitrum::cli {

void add_lpbf(CLI::App& app) {
  auto* cmd = app.add_subcommand("lpbf", "Laser powder-bed fusion: melt pool, lack of fusion, devitrification, (P, v) map: see docs/lpbf.md");
  struct Options {
    std::string recipe, out = "out/lpbf";
    bool no_plots = false, no_map = false;
    int threads = 0;
    CommonFlags flags;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "LPBF recipe (.toml), e.g. recipes/lpbf-amz4.toml")->required();
  cmd->add_option("--out,-o", opt->out, "output folder");
  cmd->add_option("--threads", opt->threads, "threads for the process map (default: the recipe's, else all cores)")
      ->check(kPositive);
  cmd->add_flag("--no-map", opt->no_map, "skip the (P, v) process map");
  add_format_flag(cmd, opt->flags);
  cmd->add_flag("--no-plots", opt->no_plots, "skip the matplotlib plots");
  cmd->callback([opt] {
    auto recipe = am::read_lpbf_recipe(opt->recipe);
    if (opt->threads > 0) recipe.threads = recipe.map.threads = opt->threads;
    am::LpbfRunOptions run{opt->out, VITRUM_VERSION, ::isatty(2) != 0, !opt->no_map};
    const auto s = am::run_lpbf(recipe, run);
    if (opt->flags.json()) {
      fmt::print("{}\n", s.dump(2));
    } else {
      for (const char* key : {"melt_pool_width_um", "melt_pool_depth_um", "lack_of_fusion", "energy_density_J_per_mm3",
                              "max_crystalline_fraction", "max_crystalline_fraction_layers_below_top",
                              "window_energy_density_J_per_mm3"})
        fmt::print("{:<42} {}\n", key, brief(s[key]));
      fmt::print("outputs in {}/ (summary.json, build_profile.csv, history_max.csv{}; {:.1f} s)\n", opt->out,
                 s.contains("map_seconds") ? ", process_map.csv" : "", s["wall_seconds"].get<double>());
    }
    std::fflush(stdout);
    if (opt->no_plots) return;
    run_plot_script(am::lpbf_plot_script(), {opt->out});
  });
}

}  // namespace vitrum::cli
