#include "vitrum/analysis/plot_script.hpp"

#include "vitrum/core/install_paths.hpp"

namespace vitrum::analysis {

std::filesystem::path plot_script() { return script_path("plot_analysis.py"); }

}  // namespace vitrum::analysis
