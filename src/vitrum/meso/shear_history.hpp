// AQS shear histories (an aqs stage's CSV) as the database of the data-driven SEEP map (docs/seep.md).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace vitrum::meso {

// One history: the shear stress and the potential energy per particle after each of a run of equal strain steps
// (an `aqs` stage with refine = false). Units are the run's: reduced, or bar and eV in metal units.
struct ShearHistory {
  std::filesystem::path file;
  double dgamma = 0;            // the strain step
  std::vector<double> stress;   // stress_xy at gamma = k dgamma, k = 0 .. steps
  std::vector<double> energy;   // pe_per_particle at the same strains
};

// Reads the columns gamma, stress_xy and pe_per_particle; every error names the file and line (a missing column,
// a value that is not a finite number, a strain step that differs from the first one, fewer than 3 rows).
ShearHistory read_shear_history(const std::filesystem::path& file);

// The history files an entry of a recipe names: a CSV file, or a folder whose *.csv files are all taken (sorted by
// name). Relative entries are taken from `base_dir`. Throws, naming the entry, for a missing path or an empty folder.
std::vector<std::filesystem::path> history_files(const std::vector<std::string>& entries,
                                                 const std::filesystem::path& base_dir);

}  // namespace vitrum::meso
