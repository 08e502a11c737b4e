// Where vitrum's shared files (plot scripts, reference data) are at run time: installed or in the source tree.
#pragma once
#include <filesystem>
#include <string>

namespace vitrum {

// The folder holding scripts/ (and, installed, data/): $VITRUM_SHARE_DIR if set; else share/vitrum in the nearest
// ancestor of the running binary or Python module that has one (an installed <prefix>/bin/vitrum or
// <prefix>/lib/python3/dist-packages/vitrum/_vitrum*.so: <prefix>/share/vitrum); else the source tree the build came
// from (a build-tree binary). Never only a compiled absolute path: an install works with the sources moved away.
std::filesystem::path share_dir();

// share_dir()/scripts/name: the matplotlib scripts the commands run after writing their data.
std::filesystem::path script_path(const std::string& name);

}  // namespace vitrum
