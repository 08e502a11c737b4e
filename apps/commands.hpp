// The `vitrum` subcommands: each registers its options on the CLI11 app and runs when chosen.
#pragma once
#include <CLI/CLI.hpp>

namespace vitrum::cli {

void add_inspect(CLI::App& app);
void add_generate(CLI::App& app);
void add_epm(CLI::App& app);
void add_run(CLI::App& app);
void add_gfa(CLI::App& app);
void add_analyze(CLI::App& app);
void add_stz(CLI::App& app);
void add_coarse_grain(CLI::App& app);
void add_lpbf(CLI::App& app);

}  // namespace vitrum::cli
