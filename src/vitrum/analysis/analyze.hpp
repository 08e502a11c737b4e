// One structure analysis of a state (g(r), S(q), Voronoi, Steinhardt, modes, elastic constants): what
// `vitrum analyze` and the recipe's `analyze` stage both run, so that the two give the same numbers.
#pragma once
#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/system.hpp"

namespace vitrum::analysis {

// The analyses by name, in the order they run and appear in the summary.
inline const std::vector<std::string> kAnalyses{"gr", "sq", "voronoi", "q6", "modes", "elastic", "softness"};

struct AnalyzeOptions {
  std::set<std::string> compute{"gr", "sq", "voronoi", "q6"};  // names from kAnalyses
  bool minimize = false;                 // CG to max|F| < 1e-10 first (the inherent state); an error if it fails
  double ftol = 1e-6;                    // largest max|F| accepted as an inherent structure for modes/elastic
  double r_max = 0;                      // g(r) range; 0: min(5, 0.49 x narrowest width)
  std::size_t bins = 250;                // g(r) bins
  double q_max = 12;                     // S(q) range
  std::size_t q_bins = 120;              // S(q) bins
  std::string sq_method = "direct";      // direct | fft
  int fft_grid = 128;                    // FFT points per side (fft)
  std::string q_neighbors = "cutoff";    // Steinhardt neighbours: cutoff | voronoi
  double q_cutoff = 0;                   // 0: the first minimum of g(r)
  double face_threshold = 0;             // Voronoi: faces below this fraction of the cell area are dropped
  int modes = 20, soft_modes = 20;       // lowest non-zero modes; modes summed in the soft-spot field
  std::string softness_model;            // softness: the model file of `vitrum softness train` (docs/softness.md)
};

struct AnalyzeReport {
  nlohmann::json summary;                                   // max_force, pe_per_particle, and one entry per analysis
  std::vector<std::pair<std::string, std::string>> files;   // (name, CSV text): gr.csv, sq.csv, modes.csv, particles.csv
};

// "gr,sq" -> {"gr", "sq"}; an unknown or empty list is an error that starts with `what` (e.g. "--compute").
std::set<std::string> parse_analyses(const std::vector<std::string>& names, const std::string& what);

// Analyses `s` (minimised in place first with options.minimize); `label` (a file name, a recipe stage) starts every
// error. Nothing is written: the caller writes the files, all or none.
AnalyzeReport analyze(System& s, const AnalyzeOptions& options, const std::string& label);

// The text summary `vitrum analyze` prints (one line per analysis).
std::string analyze_text(const nlohmann::json& summary);

}  // namespace vitrum::analysis
