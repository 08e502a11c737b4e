// Where the matplotlib script that plots `vitrum analyze` outputs lives (run with /usr/bin/python3).
#pragma once
#include <filesystem>

namespace vitrum::analysis {

std::filesystem::path plot_script();

}  // namespace vitrum::analysis
