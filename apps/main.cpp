// `vitrum`: the command-line entry point; one subcommand per job.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"vitrum: an in-silico metallic-glass laboratory"};
  app.set_version_flag("--version", std::string("vitrum ") + VITRUM_VERSION);
  app.require_subcommand(1);
  vitrum::cli::add_inspect(app);
  vitrum::cli::add_generate(app);
  vitrum::cli::add_epm(app);
  vitrum::cli::add_run(app);
  vitrum::cli::add_gfa(app);
  vitrum::cli::add_analyze(app);
  vitrum::cli::add_stz(app);
  vitrum::cli::add_coarse_grain(app);
  vitrum::cli::add_lpbf(app);
  auto* potentials = app.add_subcommand("potentials", "List the potentials (models) and their sources");
  potentials->callback([] {
    for (const auto& m : vitrum::models())
      fmt::print("{:<16} {}\n{:<16} {}\n", m.name, m.summary, "", m.reference);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const vitrum::Error& e) {
    fmt::print(stderr, "vitrum: error: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vitrum: internal error: {}\n", e.what());
    return 2;
  }
  return 0;
}
