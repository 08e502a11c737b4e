// Gradient-boosted trees through the XGBoost C API (Debian libxgboost-dev), behind the same Learner interface as the forest.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

// Owns one XGBoost booster. Features are passed to XGBoost as float (its internal precision) in
// training and prediction alike. Prediction runs on one XGBoost thread per call, so callers may
// predict from several threads at once (each call's output lives in XGBoost's per-thread buffer).
class XGBoostModel final : public Learner {
 public:
  static XGBoostModel train(const FeatureMatrix& x, const std::vector<double>& y, const BoostParams& params,
                            const std::vector<std::size_t>& rows = {});
  XGBoostModel(XGBoostModel&& o) noexcept;
  XGBoostModel& operator=(XGBoostModel&& o) noexcept;
  XGBoostModel(const XGBoostModel&) = delete;
  XGBoostModel& operator=(const XGBoostModel&) = delete;
  ~XGBoostModel() override;

  [[nodiscard]] double predict(const double* row) const override;
  void predict_batch(const double* x, std::size_t rows, double* out) const override;
  [[nodiscard]] const std::vector<double>& importance() const override { return importance_; }
  [[nodiscard]] std::size_t cols() const override { return cols_; }
  [[nodiscard]] bool classification() const override { return classification_; }
  [[nodiscard]] LearnerKind kind() const override { return LearnerKind::XGBoost; }
  [[nodiscard]] int rounds() const { return rounds_; }

  // "xgboost classification|regression COLS ROUNDS BYTES", a newline, then XGBoost's own JSON model.
  void write(std::ostream& out) const override;
  static XGBoostModel read(std::istream& in, const std::string& where);

 private:
  XGBoostModel() = default;
  void finish(const std::string& where);  // one prediction thread, importance from the booster
  void* booster_ = nullptr;               // BoosterHandle
  std::vector<double> importance_;
  std::size_t cols_ = 0;
  int rounds_ = 0;
  bool classification_ = true;
};

}  // namespace vitrum::gfa
