// `vitrum epm RECIPE.toml [--out DIR]`: runs a mesoscale elastoplastic model recipe and plots its outputs.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "vitrum/meso/epm_run.hpp"

namespace vitrum::cli {

namespace {

// The text summary: the fitted exponents, stresses (in units of the threshold scale) and band, then the folder.
void print_text(const nlohmann::json& summary, const std::string& out) {
  for (const char* key : {"tau", "theta", "yield_stress", "largest_drop", "band_detected", "localization_index"})
    if (summary.contains(key)) fmt::print("{:<20} {}\n", key, brief(summary[key]));
  if (summary.contains("herschel_bulkley")) fmt::print("herschel_bulkley     {}\n", summary["herschel_bulkley"].dump());
  if (summary.contains("arrested")) fmt::print("creep arrested       {}\n", summary["arrested"].dump());
  if (summary.contains("levels"))
    for (const auto& l : summary["levels"])
      fmt::print("stability {:<8} yield_stress {:.4f} largest_drop {:.4f} band_detected {} localization_index {:.3f}\n",
                 l["stability"].get<double>(), l.value("yield_stress", 0.0), l.value("largest_drop", 0.0),
                 l.value("band_detected", false), l.value("localization_index", 0.0));
  fmt::print("outputs in {}/ (summary.json, {:.1f} s)\n", out, summary["wall_seconds"].get<double>());
}

}  // namespace

void add_epm(CLI::App& app) {
  auto* cmd = app.add_subcommand("epm", "Mesoscale elastoplastic model (Eshelby propagator by FFT): see docs/epm.md");
  struct Options {
    std::string recipe, out = "out/epm";
    bool no_plots = false;
    CommonFlags flags;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "EPM recipe (.toml)")->required();
  cmd->add_option("--out,-o", opt->out, "output folder");
  cmd->add_flag("--no-plots", opt->no_plots, "skip the matplotlib plots");
  add_format_flag(cmd, opt->flags);
  add_threads_flag(cmd, opt->flags, "FFTW and OpenMP threads (default: the recipe's `threads`)");
  add_seed_flag(cmd, opt->flags);
  cmd->callback([opt] {
    auto recipe = meso::read_epm_recipe(opt->recipe);
    if (opt->flags.threads > 0) recipe.threads = opt->flags.threads;
    if (opt->flags.seed >= 0) recipe.model.seed = static_cast<std::uint32_t>(opt->flags.seed);
    meso::EpmRunOptions run{opt->out, VITRUM_VERSION, ::isatty(2) != 0};
    const auto summary = meso::run_epm(recipe, run);
    if (opt->flags.json())
      fmt::print("{}\n", summary.dump(2));
    else
      print_text(summary, opt->out);
    std::fflush(stdout);
    if (opt->no_plots) return;
    run_plot_script(meso::epm_plot_script(), {opt->out});
  });
}

}  // namespace vitrum::cli
