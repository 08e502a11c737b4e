// `vitrum stz RECIPE.toml [--out DIR]`: 2D continuum plasticity (STZ or free volume) in quasi-static simple shear.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "vitrum/continuum/stz_run.hpp"

namespace vitrum::cli {

void add_stz(CLI::App& app) {
  auto* cmd = app.add_subcommand("stz", "Continuum STZ / free-volume plasticity in 2D simple shear, shear bands: see docs/stz.md");
  struct Options {
    std::string recipe, out = "out/stz";
    bool no_plots = false;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "continuum recipe (.toml)")->required();
  cmd->add_option("--out,-o", opt->out, "output folder");
  cmd->add_flag("--no-plots", opt->no_plots, "skip the matplotlib plots");
  cmd->callback([opt] {
    const auto recipe = continuum::read_stz_recipe(opt->recipe);
    continuum::StzRunOptions run{opt->out, VITRUM_VERSION, ::isatty(2) != 0};
    const auto summary = continuum::run_stz(recipe, run);
    for (const char* key : {"yield_stress", "final_stress", "band_detected", "band_orientation", "band_width",
                            "band_position", "localization_index", "steps"})
      fmt::print("{:<20} {}\n", key, summary[key].dump());
    fmt::print("outputs in {}/ (summary.json, {:.1f} s, {:.0f}% in the elliptic solve)\n", opt->out,
               summary["wall_seconds"].get<double>(),
               100 * summary["solve_seconds"].get<double>() / std::max(1e-9, summary["step_seconds"].get<double>()));
    std::fflush(stdout);
    if (opt->no_plots) return;
    const std::string command = fmt::format("/usr/bin/python3 '{}' '{}'", continuum::stz_plot_script().string(), opt->out);
    if (std::system(command.c_str()) != 0)
      fmt::print(stderr, "vitrum: warning: plotting failed ({}); the data files are complete\n", command);
  });
}

}  // namespace vitrum::cli
