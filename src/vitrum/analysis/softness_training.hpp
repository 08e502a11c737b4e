// Softness training and held-out evaluation on labelled AQS events: features of the labelled particles of each event's
// start state, one hyperplane per particle type, and the accuracy of a model on other runs' events.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vitrum/analysis/softness.hpp"
#include "vitrum/analysis/softness_events.hpp"

namespace vitrum::analysis {

// The labelled particles of a set of runs, one row each: features (row-major), label ±1 and where it came from.
struct LabelledSet {
  std::size_t features = 0;
  int type_count = 0;
  std::vector<double> x;
  std::vector<int> y, type;
  std::vector<std::size_t> run, event;
  std::vector<std::int64_t> id;
  std::vector<double> d2min, strain;
};

// Labels every event of every run (label_events) and computes the structure functions (grid in the system's length
// units) of the labelled particles on each event's start state. Every run must have the same type count.
LabelledSet collect_labelled(const std::vector<std::vector<AqsEventRecord>>& runs, const EventLabelOptions& labels,
                             const RadialGrid& grid, const AngularSet* angular = nullptr);

// One hyperplane per particle type with at least `folds` samples of each class (train_linear_svm); a type with fewer
// gets none. The model's grid is `grid` divided by length_scale; its labels record the options. Throws when no type
// has enough samples.
SoftnessModel train_softness(const LabelledSet& set, const RadialGrid& grid, double length_scale, const std::string& units,
                             const EventLabelOptions& labels, const SvmOptions& svm, const AngularSet* angular = nullptr);

// Held-out accuracy: per type, how many rearranging particles got S > 0 and how many non-rearranging S < 0.
struct SoftnessScore {
  std::size_t rearranging = 0, rearranging_right = 0, quiet = 0, quiet_right = 0;
  [[nodiscard]] double rearranging_accuracy() const;
  [[nodiscard]] double quiet_accuracy() const;
  [[nodiscard]] double balanced_accuracy() const;  // their mean (the accuracy on a balanced test set)
};
// softness[k] of set row k; index 0 is all types together, t the type t. Rows with NaN softness are skipped.
std::vector<SoftnessScore> score_softness(const LabelledSet& set, const std::vector<double>& softness);

// Softness of every row of the set under the model (NaN for a type without a hyperplane).
std::vector<double> softness_of_rows(const SoftnessModel& m, const LabelledSet& set);

}  // namespace vitrum::analysis
