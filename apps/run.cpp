// `vitrum run RECIPE.toml [--out DIR] [--resume]` and `vitrum recipe --default`: the MD engine's entry points.
#include <algorithm>
#include <fmt/format.h>
#include <omp.h>

#include "commands.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/install_paths.hpp"

namespace vitrum::cli {

namespace {

void print_stage_table(const nlohmann::json& summary) {
  std::size_t kind_width = 9;  // the longest kind in this run (parallel_tempering, coarse_grain, ...)
  for (const auto& st : summary["stages"]) kind_width = std::max(kind_width, st["kind"].get<std::string>().size());
  fmt::print("{:>3}  {:<10} {:<{}} {:>10} {:>14} {:>12} {:>12}\n", "#", "name", "kind", kind_width, "T", "E/N", "P", "e_IS");
  for (const auto& st : summary["stages"]) {
    const auto& f = st["final"];
    const std::string name = st.contains("name") ? st["name"].get<std::string>() : "";
    const std::string e_is = st["kind"] == "minimize" ? fmt::format("{:.6f}", st["e_is"].get<double>()) : "";
    fmt::print("{:>3}  {:<10} {:<{}} {:>10.4f} {:>14.6f} {:>12.5f} {:>12}\n", st["index"].get<int>(), name,
               st["kind"].get<std::string>(), kind_width, f["temperature"].get<double>(), f["pe_per_particle"].get<double>(),
               f["pressure"].get<double>(), e_is);
  }
}

}  // namespace

void add_run(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run a TOML recipe: a [system] and an ordered list of [[stage]]s");
  cmd->footer("Stage kinds (kind = \"...\" in a [[stage]]; docs/stages.md shows an example of each):\n" +
              stage_kinds_help());
  struct Options {
    std::string recipe, out = "out";
    bool resume = false, use_default = false, no_plots = false;
    CommonFlags flags;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("recipe", opt->recipe, "recipe file (.toml)");
  cmd->add_flag("--default", opt->use_default, "run the built-in default recipe (`vitrum recipe --default`)");
  cmd->add_option("--out,-o", opt->out, "output folder (summary.json, thermo.csv, final.data, checkpoint.bin)");
  cmd->add_flag("--resume", opt->resume, "continue from OUT/checkpoint.bin (same recipe, same thread count)");
  add_format_flag(cmd, opt->flags);
  add_threads_flag(cmd, opt->flags, "OpenMP threads (default OMP_NUM_THREADS, else all cores; --resume needs the same count)");
  add_seed_flag(cmd, opt->flags);
  cmd->add_flag("--no-plots", opt->no_plots,
                "skip the plots and tables of scripts/plot_run.py (thermo.png; aqs.png, flow.png where such stages ran)");
  cmd->callback([opt] {
    if (opt->recipe.empty() == !opt->use_default) throw Error("run: give a recipe file or --default (not both)");
    // The seed replaces the recipe's before parsing: stage seeds and generated configurations derive from it.
    std::optional<std::uint32_t> seed;
    if (opt->flags.seed >= 0) seed = static_cast<std::uint32_t>(opt->flags.seed);
    Recipe recipe = opt->use_default
                        ? parse_recipe(default_recipe_text(), "<default recipe>", std::filesystem::current_path(), seed)
                        : read_recipe(opt->recipe, seed);
    if (opt->flags.threads > 0) omp_set_num_threads(opt->flags.threads);
    try {
      const auto summary = run_recipe(recipe, {opt->out, opt->resume});
      if (opt->flags.json()) {
        fmt::print("{}\n", summary.dump(2));
        return;
      }
      print_stage_table(summary);
      std::string trajectories;
      for (const auto& st : summary["stages"])
        if (st.contains("trajectory")) trajectories += " " + st["trajectory"].get<std::string>();
      fmt::print("outputs in {}/: summary.json thermo.csv final.data stage*.data{} checkpoint.bin\n", opt->out, trajectories);
      if (!opt->no_plots) run_plot_script(script_path("plot_run.py"), {opt->out});
    } catch (const Interrupted& i) {
      fmt::print(stderr, "vitrum: interrupted by signal {}; checkpoint written to {}/checkpoint.bin, continue with "
                         "`vitrum run {} --out {} --resume`\n",
                 i.signal, opt->out, opt->use_default ? "--default" : opt->recipe, opt->out);
      std::exit(128 + i.signal);
    }
  });

  auto* rec = app.add_subcommand("recipe", "Print recipes");
  auto show_default = std::make_shared<bool>(false);
  rec->add_flag("--default", *show_default, "print the built-in default recipe")->required();
  // The flag's storage must outlive add_run: the callback owns it (a dangling bool crashed `vitrum recipe --default`).
  rec->callback([show_default] { fmt::print("{}", default_recipe_text()); });
}

}  // namespace vitrum::cli
