// The `coarse_grain` stage: the current atoms as an initial χ field for the continuum (`stz` stage or `vitrum stz`),
// per-atom potential energies averaged on an nx × ny grid and mapped by Hinkle et al. (PRE 95, 053001, 2017).
#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/continuum/coarse_grain.hpp"

namespace vitrum {

struct ChiField {
  std::vector<double> chi;          // (ny, nx), C order, row 0 at y = 0 [K]
  std::vector<double> cell_energy;  // mean per-atom energy of each cell [energy unit of the potential]
  double energy_per_atom = 0;       // U/N of the whole state
};

// Per-atom energies of `s` (their sum checked against the potential's total) averaged on the grid of `cg` over the
// box's x and y: fills cell_energy and energy_per_atom.
ChiField coarse_grain_cells(System& s, const continuum::CoarseGrainSettings& cg);
// coarse_grain_cells, then χ = β (U − U0) e_z/k_B: what `vitrum coarse-grain` and the stage both call.
ChiField coarse_grain_chi(System& s, const continuum::CoarseGrainSettings& cg);

// The χ file a coarse_grain stage writes, relative to the run folder.
std::filesystem::path chi_file_name(int stage_number);

class CoarseGrainStage final : public Stage {
 public:
  continuum::CoarseGrainSettings settings;  // nx, ny, smoothing_length, beta, u0, ez_over_kb
  std::string where_grid, where_u0;         // "file:line: [stage] nx" / "... u0": start errors found while it runs

  // Works on a copy of the state (left untouched); restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_coarse_grain_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
