// Local yield stresses measured on an atomistic glass (a local_yield stage's CSV) read as EPM thresholds.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace vitrum::meso {

// The values of one column of a `local_yield` CSV (docs/stages.md), times `scale`, sorted; values below `minimum`
// (a site unstable at once, or a negative absolute stress) are raised to it and counted. Sites that did not yield
// by the stage's gamma_max keep their value there (a lower bound) and are counted too.
struct MeasuredThresholds {
  std::filesystem::path file;
  std::string column = "delta_tau";
  double scale = 1.0;
  double minimum = 0.0;
  std::vector<double> values;   // sorted, ascending
  std::size_t raised = 0;       // values raised to `minimum`
  std::size_t unyielded = 0;    // sites with yielded = 0 (their value is a lower bound)
};

// Reads `file`; every error names the file and line (missing column, a value that is not a finite number, fewer
// than 8 sites).
MeasuredThresholds read_measured_thresholds(const std::filesystem::path& file, const std::string& column, double scale,
                                            double minimum);

}  // namespace vitrum::meso
