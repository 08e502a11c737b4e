// Run-time location of the shared files (install_paths.hpp).
#include "vitrum/core/install_paths.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <system_error>

#ifndef VITRUM_SOURCE_SHARE_DIR
#error "VITRUM_SOURCE_SHARE_DIR must be defined by the build"
#endif

namespace vitrum {

namespace {

// The file this code was loaded from: the executable, or the Python module that links it.
std::filesystem::path loaded_object() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&share_dir), &info) == 0 || info.dli_fname == nullptr) return {};
  std::error_code ec;
  const auto p = std::filesystem::canonical(info.dli_fname, ec);
  return ec ? std::filesystem::path{} : p;
}

}  // namespace

std::filesystem::path share_dir() {
  if (const char* env = std::getenv("VITRUM_SHARE_DIR"); env && *env) return env;
  static const std::filesystem::path found = [] {
    std::error_code ec;
    for (auto dir = loaded_object().parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (std::filesystem::is_directory(dir / "share" / "vitrum" / "scripts", ec)) return dir / "share" / "vitrum";
      if (dir == dir.root_path()) break;
    }
    return std::filesystem::path(VITRUM_SOURCE_SHARE_DIR);
  }();
  return found;
}

std::filesystem::path script_path(const std::string& name) { return share_dir() / "scripts" / name; }

}  // namespace vitrum
