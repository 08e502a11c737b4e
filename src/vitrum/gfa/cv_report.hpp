// `vitrum gfa cv`: stratified and leave-alloy-system-out cross-validation of every GFA target, with the feature ablation.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/features.hpp"
#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

struct CvOptions {
  int folds = 10;
  int trees = 100;  // forest trees or boosting rounds
  LearnerKind model = LearnerKind::Forest;
  BoostParams boost;  // XGBoost settings other than rounds, task, seed and threads
  std::uint32_t seed = 1;
  int threads = 1;
  std::vector<std::string> targets = {"p_glass", "dmax_mm", "tg_k", "tx_k", "tl_k"};
  std::vector<FeatureSet> sets = {FeatureSet::All};  // more than one: the ablation table
  std::size_t max_rows = 0;  // 0: all rows; otherwise a deterministic subset (tests)
  std::string dmax_set = "xiong2020";  // dmax_mm data: "xiong2020" (zeros included) or "fe2025" (Fe-based bulk glasses)
  double min_dmax_mm = 0.0;  // dmax_mm keeps rows with D_max >= this; 0: all rows, crystals (0 mm) included
};

// JSON: {"<target>": {"<feature set>": {"stratified": {...}, "system_out": {...}, "n": ..}}, "importance": [...]}
// Classification scores: accuracy, roc_auc, precision, recall; regression: r2, mae, rmse.
// With min_dmax_mm > 0, "dmax_mm" also carries "min_dmax_mm" and "below_min_dmax" (merged rows left out).
// "importance" lists the 15 most important features of the p_glass model trained on all rows.
nlohmann::json cross_validate(const std::filesystem::path& data_dir, const ElementData& data, const CvOptions& o);

}  // namespace vitrum::gfa
