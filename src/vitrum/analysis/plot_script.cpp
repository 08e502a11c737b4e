#include "vitrum/analysis/plot_script.hpp"

namespace vitrum::analysis {

std::filesystem::path plot_script() { return VITRUM_ANALYSIS_PLOT_SCRIPT; }

}  // namespace vitrum::analysis
