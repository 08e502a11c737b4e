#include "vitrum/gfa/learner.hpp"

#include <istream>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/random_forest.hpp"
#include "vitrum/gfa/xgboost_model.hpp"

namespace vitrum::gfa {

LearnerKind parse_learner_kind(const std::string& name) {
  if (name == "forest") return LearnerKind::Forest;
  if (name == "xgboost") return LearnerKind::XGBoost;
  throw Error(fmt::format("unknown model '{}' (expected forest or xgboost)", name));
}

std::string to_string(LearnerKind k) { return k == LearnerKind::Forest ? "forest" : "xgboost"; }

LearnerParams LearnerParams::make(LearnerKind kind, int trees, bool classification, std::uint32_t seed, int threads) {
  LearnerParams p;
  p.kind = kind;
  p.forest.trees = p.boost.rounds = trees;
  p.forest.classification = p.boost.classification = classification;
  p.forest.seed = p.boost.seed = seed;
  p.forest.threads = p.boost.threads = threads;
  return p;
}

LearnerParams LearnerParams::with_seed(std::uint32_t seed) const {
  LearnerParams p = *this;
  p.forest.seed = p.boost.seed = seed;
  return p;
}

std::unique_ptr<Learner> train_learner(const FeatureMatrix& x, const std::vector<double>& y, const LearnerParams& p,
                                       const std::vector<std::size_t>& rows) {
  if (p.kind == LearnerKind::XGBoost) return std::make_unique<XGBoostModel>(XGBoostModel::train(x, y, p.boost, rows));
  return std::make_unique<RandomForest>(RandomForest::train(x, y, p.forest, rows));
}

std::unique_ptr<Learner> read_learner(std::istream& in, const std::string& where) {
  in >> std::ws;
  if (in.peek() == 'x') return std::make_unique<XGBoostModel>(XGBoostModel::read(in, where));
  return std::make_unique<RandomForest>(RandomForest::read(in, where));
}

}  // namespace vitrum::gfa
