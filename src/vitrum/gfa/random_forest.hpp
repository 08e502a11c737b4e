// A random forest of CART trees (variance / Gini splits) for glass classification and D_max, T_g, T_x, T_l regression.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <vector>

namespace vitrum::gfa {

// Row-major feature matrix.
struct FeatureMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> v;
  [[nodiscard]] const double* row(std::size_t i) const { return v.data() + i * cols; }
  double* row(std::size_t i) { return v.data() + i * cols; }
};

struct ForestParams {
  int trees = 100;
  int mtry = 0;          // features tried per split; 0: sqrt(cols) for classification, cols/3 for regression
  int min_leaf = 1;      // smallest leaf (samples, counting bootstrap repeats)
  int max_depth = 0;     // 0: grow until pure or min_leaf
  bool classification = true;
  std::uint32_t seed = 1;
  int threads = 1;       // trees are independent: the forest is identical for any thread count
};

// For 0/1 targets the variance criterion n·p(1-p) is half the weighted Gini impurity, so one split
// rule serves both tasks; a classification leaf stores the fraction of 1s, so predict() is p(y=1).
class RandomForest {
 public:
  static RandomForest train(const FeatureMatrix& x, const std::vector<double>& y, const ForestParams& params,
                            const std::vector<std::size_t>& rows = {});
  [[nodiscard]] double predict(const double* row) const;
  // predict() for `rows` rows of x (row-major, cols() columns) into out; tree by tree, so each tree
  // stays in cache while the batch runs through it. Same values as predict(), bit for bit.
  void predict_batch(const double* x, std::size_t rows, double* out) const;
  // Mean decrease in impurity per feature, normalised to sum 1.
  [[nodiscard]] const std::vector<double>& importance() const { return importance_; }
  [[nodiscard]] std::size_t cols() const { return cols_; }
  [[nodiscard]] std::size_t tree_count() const { return roots_.size(); }
  [[nodiscard]] bool classification() const { return classification_; }

  void write(std::ostream& out) const;
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
