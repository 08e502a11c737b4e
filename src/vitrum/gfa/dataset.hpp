// Training sets read in place from the shared GFA data: Ward 2016 melt-spinning labels, Xiong 2020 D_max and
// T_g/T_x/T_l, the Fe-based D_max set of Bashualdo Bobadilla 2025.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "vitrum/gfa/composition.hpp"

namespace vitrum::gfa {

// One target per composition; duplicates already merged. Rows whose composition does not parse are
// counted in `skipped` (with the first few messages), never dropped silently.
struct LabelledSet {
  std::string source;  // file it came from
  std::vector<Composition> comps;
  std::vector<double> y;
  std::size_t raw_rows = 0, skipped = 0;
  std::vector<std::string> skipped_examples;
  // Per row, 1 for sputtered films and 0 for melt-spun ribbons; empty when the set has no processing column.
  std::vector<double> sputtered;
  [[nodiscard]] std::size_t size() const { return comps.size(); }
  // The alloy system (element set) of every row, for leave-system-out folds.
  [[nodiscard]] std::vector<std::string> systems() const;
};

// datasets/ward2016_npj/glass.data: y = 1 for AM, 0 for AC or CR (Ward et al. 2016's convention: AC is
// not glass). Repeated compositions keep the most glass-forming label (AM > AC > CR), as Ward did.
LabelledSet load_ward2016_glass(const std::filesystem::path& data_dir);

// datasets/ren2018_hitp/landolt-combined.txt: the same Landolt–Börnstein labels with the processing route
// (meltspin | sputtering), y = 1 for AM as above; repeats merged per (composition, route), so a composition
// made both ways stays two rows, and `sputtered` says which.
LabelledSet load_landolt_processing(const std::filesystem::path& data_dir);

// datasets/xiong2020/Dmax Dataset.csv: y = D_max in mm (zeros included: crystalline alloys); repeats averaged.
LabelledSet load_xiong2020_dmax(const std::filesystem::path& data_dir);

// datasets/fe_bmg_dmax/DS1_DS2.csv (Bashualdo Bobadilla et al., Metals 15, 763 (2025)): 495 Fe-based bulk
// glasses, column `Alloy` and y = `Dmax` in mm (all > 0); repeats averaged. The CALPHAD columns are not read.
LabelledSet load_fe2025_dmax(const std::filesystem::path& data_dir);

// datasets/xiong2020/CTT.csv: column 1 = Tg, 2 = Tx, 3 = Tl (K); repeats averaged.
LabelledSet load_xiong2020_temperature(const std::filesystem::path& data_dir, int column);

// The rows i of `s` with keep(i), in order, with their processing flags; source and counts are kept.
LabelledSet keep_rows(const LabelledSet& s, const std::function<bool(std::size_t)>& keep);

// The rows of `s` whose target is at least `min_y` (after merging), e.g. D_max >= 1 mm: bulk glasses only,
// without the crystalline (0 mm) and ribbon (0.1 mm in Xiong's table) rows. Source and counts are kept.
LabelledSet keep_target_at_least(const LabelledSet& s, double min_y);

}  // namespace vitrum::gfa
