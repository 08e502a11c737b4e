// A random forest of CART trees (variance / Gini splits) for glass classification and D_max, T_g, T_x, T_l regression.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

// For 0/1 targets the variance criterion n·p(1-p) is half the weighted Gini impurity, so one split
// rule serves both tasks; a classification leaf stores the fraction of 1s, so predict() is p(y=1).
class RandomForest final : public Learner {
 public:
  static RandomForest train(const FeatureMatrix& x, const std::vector<double>& y, const ForestParams& params,
                            const std::vector<std::size_t>& rows = {});
  [[nodiscard]] double predict(const double* row) const override;
  // predict() for `rows` rows of x (row-major, cols() columns) into out; tree by tree, so each tree
  // stays in cache while the batch runs through it. Same values as predict(), bit for bit.
  void predict_batch(const double* x, std::size_t rows, double* out) const override;
  // Mean decrease in impurity per feature, normalised to sum 1.
  [[nodiscard]] const std::vector<double>& importance() const override { return importance_; }
  [[nodiscard]] std::size_t cols() const override { return cols_; }
  [[nodiscard]] std::size_t tree_count() const { return roots_.size(); }
  [[nodiscard]] bool classification() const override { return classification_; }
  [[nodiscard]] LearnerKind kind() const override { return LearnerKind::Forest; }

  void write(std::ostream& out) const override;
  static RandomForest read(std::istream& in, const std::string& where);

  struct Node {
    std::int32_t feature = -1;  // -1: leaf
    std::int32_t left = 0, right = 0;
    double threshold = 0;       // x[feature] <= threshold goes left
    double value = 0;           // leaf mean (or p(1))
  };

 private:
  std::vector<Node> nodes_;
  std::vector<std::int32_t> roots_;
  std::vector<double> importance_;
  std::size_t cols_ = 0;
  bool classification_ = true;
};

}  // namespace vitrum::gfa
