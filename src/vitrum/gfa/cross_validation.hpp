// Fold assignment (stratified k-fold, leave-alloy-system-out) and the scores of out-of-fold predictions.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

// Fold of every row: each class shuffled (counter-based RNG) and dealt round-robin, so every fold
// keeps the class balance.
std::vector<int> stratified_folds(const std::vector<double>& y, int k, std::uint32_t seed);
// Fold of every row such that all rows of one group (alloy system = element set) share a fold:
// groups shuffled, then each given to the currently smallest fold.
std::vector<int> grouped_folds(const std::vector<std::string>& groups, int k, std::uint32_t seed);

// Trains on all folds but one and predicts the held-out one, for every fold; returns the
// out-of-fold prediction of every row. Fold f trains with seed params.seed + 7919 f.
std::vector<double> out_of_fold(const FeatureMatrix& x, const std::vector<double>& y, const std::vector<int>& folds,
                                const LearnerParams& params);
std::vector<double> out_of_fold(const FeatureMatrix& x, const std::vector<double>& y, const std::vector<int>& folds,
                                const ForestParams& params);

struct ClassificationScores {
  double accuracy = 0, roc_auc = 0, precision = 0, recall = 0;
  std::size_t n = 0;
};
// Threshold 0.5 on p; AUC by the rank (Mann–Whitney) formula with ties averaged.
ClassificationScores score_classification(const std::vector<double>& y, const std::vector<double>& p);

struct RegressionScores {
  double r2 = 0, mae = 0, rmse = 0;
  std::size_t n = 0;
};
RegressionScores score_regression(const std::vector<double>& y, const std::vector<double>& pred);

}  // namespace vitrum::gfa
