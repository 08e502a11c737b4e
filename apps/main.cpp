// `vitrum`: the command-line entry point; one subcommand per job.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "vitrum/atomistic/potential/kim_potential.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"vitrum: an in-silico metallic-glass laboratory"};
  app.set_version_flag("--version", std::string("vitrum ") + VITRUM_VERSION);
  app.require_subcommand(1);
  vitrum::cli::add_inspect(app);
  vitrum::cli::add_generate(app);
  vitrum::cli::add_epm(app);
  vitrum::cli::add_seep(app);
  vitrum::cli::add_run(app);
  vitrum::cli::add_gfa(app);
  vitrum::cli::add_analyze(app);
  vitrum::cli::add_stz(app);
  vitrum::cli::add_coarse_grain(app);
  vitrum::cli::add_lpbf(app);
  vitrum::cli::add_info(app);
  vitrum::cli::add_engines(app);
  vitrum::cli::add_softness(app);
  auto* potentials = app.add_subcommand("potentials", "List the potentials (models) and their sources");
  auto list_kim = std::make_shared<bool>(false);
  potentials->add_flag("--kim", *list_kim, "list the installed OpenKIM portable models (style kim) instead");
  potentials->callback([list_kim] {
    if (*list_kim) {
      // One model a line: name, then the KIM collection it comes from (system, user, environmentVariable, ...).
      const auto kim = vitrum::installed_kim_models();
      for (const auto& m : kim) fmt::print("{}  {}\n", m.name, m.collection);
      fmt::print(stderr, "{} KIM portable models; use: potential = {{ style = \"kim\", model = \"NAME\", elements = [...] }} "
                         "or --potential kim --kim-model NAME --elements A,B\n", kim.size());
      return;
    }
    for (const auto& m : vitrum::models())
      fmt::print("{:<16} {}\n{:<16} {}\n", m.name, m.summary, "", m.reference);
  });
  // An unknown command word gets its own message (CLI11 says "A subcommand is required").
  if (argc > 1 && argv[1][0] != '-') {
    std::string known;
    bool found = false;
    const CLI::App& commands = app;
    for (const auto* sub : commands.get_subcommands([](const CLI::App*) { return true; })) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
      found = found || sub->get_name() == argv[1];
    }
    if (!found) {
      fmt::print(stderr, "vitrum: error: unknown command '{}' (known: {})\n", argv[1], known);
      return 1;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and succeed; a bad option is one line like every other error.
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "vitrum: error: {} (see --help)\n", e.what());
    return e.get_exit_code();
  } catch (const vitrum::Error& e) {
    fmt::print(stderr, "vitrum: error: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vitrum: internal error: {}\n", e.what());
    return 2;
  }
  return 0;
}
