#include "vitrum/gfa/data_dir.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/install_paths.hpp"

#ifndef VITRUM_GFA_DATA_DEFAULT
#error "VITRUM_GFA_DATA_DEFAULT must be defined by the build"
#endif

namespace vitrum::gfa {

std::filesystem::path resolve_data_dir(const std::string& cli) {
  std::string dir = cli, origin = "--data";
  if (dir.empty()) {
    if (const char* env = std::getenv("VITRUM_GFA_DATA"); env && *env) {
      dir = env;
      origin = "environment variable VITRUM_GFA_DATA";
    } else if (const auto installed = share_dir() / "data" / "gfa"; std::filesystem::is_directory(installed)) {
      dir = installed.string();
      origin = "the installed share/vitrum/data/gfa";
    } else {
      dir = VITRUM_GFA_DATA_DEFAULT;
      origin = "build default (CMake VITRUM_GFA_DATA)";
    }
  }
  const std::filesystem::path p(dir);
  if (!std::filesystem::is_directory(p))
    throw Error(fmt::format("GFA data directory '{}' (from {}) does not exist; point --data or VITRUM_GFA_DATA at "
                            "the shared data/gfa directory",
                            p.string(), origin));
  if (!std::filesystem::is_directory(p / "magpie"))
    throw Error(fmt::format("GFA data directory '{}' (from {}) has no magpie/ subdirectory", p.string(), origin));
  return p;
}

std::filesystem::path plot_script(const std::string& name) { return script_path(name); }

}  // namespace vitrum::gfa
