// An EPM recipe (TOML, strict keys): the model, the loading protocol and the statistics to measure.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "vitrum/meso/epm_model.hpp"
#include "vitrum/meso/measured_thresholds.hpp"
#include "vitrum/meso/quasistatic_driver.hpp"
#include "vitrum/meso/rate_driver.hpp"

namespace vitrum {
class RecipeTable;
}

namespace vitrum::meso {

enum class Protocol { Quasistatic, Cyclic, FiniteRate, Creep };

struct EpmRecipe {
  std::filesystem::path file;
  EpmParameters model;
  // Where measured thresholds came from (file, column, counts), for the summary: renewed and initial.
  std::optional<MeasuredThresholds> measured, measured_initial;
  std::vector<double> stability_levels;  // one run per level (the recipe's `stability`, a number or an array)
  UpdateRule update = UpdateRule::Sequential;
  Protocol protocol = Protocol::Quasistatic;
  int threads = 1;  // FFTW threads, and OpenMP threads of the real-space event update (model.threads)
  // quasistatic / cyclic
  double max_strain = 1.0;
  double stationary_strain = 0.5;   // statistics start here
  std::uint64_t avalanches = 0;     // stop after this many stationary avalanches (0: run to max_strain)
  double amplitude = 0.0;           // cyclic
  int cycles = 0;                   // cyclic
  // finite rate / creep
  RateParameters rate;
  std::vector<double> rates;        // finite rate
  double strain_per_rate = 1.0;     // finite rate: applied strain per rate (the first half is discarded)
  double creep_stress = 0.0;
  double creep_duration = 0.0;
  // statistics
  std::uint64_t s_min = 2, s_max = 200;
  std::uint64_t pseudogap_every = 100;  // one P(x) snapshot per this many stationary avalanches
  double pseudogap_c_lo = 1e-4, pseudogap_c_hi = 0.03;
  int band_width = 4;
  double band_threshold = 0.5;   // on the localisation index 1 − PR/n (core/localization.hpp, docs/analysis.md)
  std::uint64_t max_curve_points = 400000;  // stress-strain rows written (decimated beyond)

  [[nodiscard]] nlohmann::json to_json() const;
};

// Reads and validates a recipe; every error names the file, line, table and key.
// Reads threads and the tables lattice, elasticity, thresholds, events, annealing, protocol and statistics from `top`
// into `r` (r.file set): the body of an EPM recipe, or of a recipe's `kind = "epm"` stage.
void parse_epm_tables(RecipeTable& top, EpmRecipe& r);
EpmRecipe read_epm_recipe(const std::filesystem::path& file);
EpmRecipe parse_epm_recipe(const std::string& text, const std::filesystem::path& name);

std::string protocol_name(Protocol p);

}  // namespace vitrum::meso
