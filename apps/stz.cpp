// `vitrum stz RECIPE.toml [--out DIR]`: 2D continuum plasticity (STZ or free volume) in quasi-static simple shear.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "vitrum/continuum/stz_run.hpp"

namespace vitrum::cli {

void add_stz(CLI::App& app) {
  auto* cmd = app.add_subcommand("stz", "Continuum STZ / free-volume plasticity in 2D simple shear, shear bands: see docs/stz.md");
  struct Options {
    std::string recipe, out = "out/stz";
    bool no_plots = false;
    CommonFlags flags;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "continuum recipe (.toml)")->required();
  cmd->add_option("--out,-o", opt->out, "output folder");
  cmd->add_flag("--no-plots", opt->no_plots, "skip the matplotlib plots");
  add_format_flag(cmd, opt->flags);
  add_seed_flag(cmd, opt->flags);
  cmd->callback([opt] {
    auto recipe = continuum::read_stz_recipe(opt->recipe);
    if (opt->flags.seed >= 0) recipe.seed = static_cast<std::uint32_t>(opt->flags.seed);
    continuum::StzRunOptions run{opt->out, VITRUM_VERSION, ::isatty(2) != 0};
    const auto summary = continuum::run_stz(recipe, run);
    if (opt->flags.json()) {
      fmt::print("{}\n", summary.dump(2));
      std::fflush(stdout);
      if (!opt->no_plots) run_plot_script(continuum::stz_plot_script(), {opt->out});
      return;
    }
    // Text with units and sensible precision (summary.json keeps SI values at full precision).
    fmt::print("{:<20} {:.4g} GPa at strain {:.4g}\n", "yield_stress", summary["yield_stress"].get<double>() / 1e9,
               summary["yield_strain"].get<double>());
    fmt::print("{:<20} {:.4g} GPa at strain {:.4g}\n", "final_stress", summary["final_stress"].get<double>() / 1e9,
               summary["final_strain"].get<double>());
    fmt::print("{:<20} {}\n", "band_detected", summary["band_detected"].dump());
    if (summary["band_detected"].get<bool>())
      fmt::print("{:<20} {}, width {:.4g} um, centre at {:.4g} um\n", "band", summary["band_orientation"].get<std::string>(),
                 summary["band_width"].get<double>() * 1e6, summary["band_position"].get<double>() * 1e6);
    fmt::print("{:<20} {:.3f}\n{:<20} {}\n", "localization_index", summary["localization_index"].get<double>(), "steps",
               summary["steps"].dump());
    fmt::print("outputs in {}/ (summary.json, {:.1f} s, {:.0f}% in the elliptic solve)\n", opt->out,
               summary["wall_seconds"].get<double>(),
               100 * summary["solve_seconds"].get<double>() / std::max(1e-9, summary["step_seconds"].get<double>()));
    std::fflush(stdout);
    if (opt->no_plots) return;
    run_plot_script(continuum::stz_plot_script(), {opt->out});
  });
}

}  // namespace vitrum::cli
