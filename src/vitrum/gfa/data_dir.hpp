// Where the GFA reference data (../shared/data/gfa) live: CLI flag, then $VITRUM_GFA_DATA, then the compiled-in default.
#pragma once
#include <filesystem>
#include <string>

namespace vitrum::gfa {

// `cli` wins when non-empty, then the environment variable VITRUM_GFA_DATA, then an installed
// <share_dir>/data/gfa (core/install_paths.hpp), then the CMake cache variable VITRUM_GFA_DATA compiled in. Throws Error naming the path (and where it came from) when
// the directory or its magpie/ tables are missing.
std::filesystem::path resolve_data_dir(const std::string& cli = "");

// scripts/<name> of this source tree (the plot scripts, run with /usr/bin/python3).
std::filesystem::path plot_script(const std::string& name);

}  // namespace vitrum::gfa
