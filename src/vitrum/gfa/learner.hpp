// One interface for the GFA tree ensembles: the random forest written here or XGBoost gradient boosting.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace vitrum::gfa {

// Row-major feature matrix.
struct FeatureMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> v;
  [[nodiscard]] const double* row(std::size_t i) const { return v.data() + i * cols; }
  double* row(std::size_t i) { return v.data() + i * cols; }
};

enum class LearnerKind { Forest, XGBoost };
LearnerKind parse_learner_kind(const std::string& name);  // "forest", "xgboost"
std::string to_string(LearnerKind k);

// A trained model of one target: p(y = 1) for classification, the value for regression.
class Learner {
 public:
  virtual ~Learner() = default;
  [[nodiscard]] virtual double predict(const double* row) const = 0;
  // predict() for `rows` rows of x (row-major, cols() columns) into out; the same values as predict().
  virtual void predict_batch(const double* x, std::size_t rows, double* out) const = 0;
  // Per-feature importance normalised to sum 1 (forest: mean decrease in impurity; XGBoost: total gain).
  [[nodiscard]] virtual const std::vector<double>& importance() const = 0;
  [[nodiscard]] virtual std::size_t cols() const = 0;
  [[nodiscard]] virtual bool classification() const = 0;
  [[nodiscard]] virtual LearnerKind kind() const = 0;
  // A text block that read_learner() reads back; it starts with the kind ("forest" or "xgboost").
  virtual void write(std::ostream& out) const = 0;
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

// XGBoost "hist" trees; binary:logistic for classification, reg:squarederror for regression.
struct BoostParams {
  int rounds = 300;
  int max_depth = 6;
  double eta = 0.05;
  double subsample = 0.8;         // rows per tree
  double colsample_bytree = 0.5;  // features per tree
  double min_child_weight = 1;
  double lambda = 1;              // L2 on leaf weights
  bool classification = true;
  std::uint32_t seed = 1;
  // Each booster trains and predicts on ONE XGBoost (OpenMP) thread: on this shared 2-core machine two
  // OpenMP threads took 115 s where one took 1.7 s (Ward set, 300 rounds). `threads` instead trains the
  // folds of out_of_fold() side by side; results do not depend on it.
  int threads = 1;
};

// Which model and its parameters; the shared knobs (trees/rounds, task, seed, threads) set both.
struct LearnerParams {
  LearnerKind kind = LearnerKind::Forest;
  ForestParams forest;
  BoostParams boost;
  static LearnerParams make(LearnerKind kind, int trees, bool classification, std::uint32_t seed, int threads);
  LearnerParams with_seed(std::uint32_t seed) const;
};

std::unique_ptr<Learner> train_learner(const FeatureMatrix& x, const std::vector<double>& y, const LearnerParams& p,
                                       const std::vector<std::size_t>& rows = {});
// Reads what Learner::write wrote, dispatching on its first word; errors name `where`.
std::unique_ptr<Learner> read_learner(std::istream& in, const std::string& where);

}  // namespace vitrum::gfa
