// XGBoost gradient boosting behind the Learner interface: learning, save/load, seeds, threads, and a small GFA model.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"
#include "vitrum/gfa/cross_validation.hpp"
#include "vitrum/gfa/cv_report.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/model.hpp"
#include "vitrum/gfa/xgboost_model.hpp"

#include "gfa_test_data.hpp"

using namespace vitrum;
using namespace vitrum::gfa;

namespace {
// y = 1 when x0 + x1 > 1 (x uniform in the unit square; regression: sin 3x0 + x1), plus three noise columns.
FeatureMatrix boost_synthetic(std::size_t n, std::vector<double>& y, bool regression = false) {
  FeatureMatrix x;
  x.rows = n;
  x.cols = 5;
  x.v.resize(n * 5);
  y.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Rng r(Stream::GfaFolds, 41, 6, i);
    for (int j = 0; j < 5; ++j) x.row(i)[j] = r.uniform();
    y[i] = regression ? std::sin(3 * x.row(i)[0]) + x.row(i)[1] : (x.row(i)[0] + x.row(i)[1] > 1 ? 1.0 : 0.0);
  }
  return x;
}

BoostParams small(bool classification = true) {
  BoostParams p;
  p.rounds = 60;
  p.eta = 0.2;
  p.max_depth = 4;
  p.classification = classification;
  return p;
}

using test::dir;
}  // namespace

TEST(GfaXGBoost, LearnsASeparableRuleAndRanksTheRightFeatures) {
  std::vector<double> y, yt;
  const auto x = boost_synthetic(1500, y);
  const auto xt = boost_synthetic(3000, yt);  // rows 1500.. are not training rows
  std::vector<std::size_t> train(1500);
  for (std::size_t i = 0; i < 1500; ++i) train[i] = i;
  const auto m = XGBoostModel::train(xt, yt, small(), train);
  std::size_t correct = 0;
  for (std::size_t i = 1500; i < 3000; ++i) {
    const double p = m.predict(xt.row(i));
    ASSERT_GE(p, 0.0);
    ASSERT_LE(p, 1.0);
    correct += (p >= 0.5) == (yt[i] > 0.5);
  }
  EXPECT_GT(correct / 1500.0, 0.95);
  EXPECT_GT(m.importance()[0] + m.importance()[1], 0.8);
  double total = 0;
  for (double v : m.importance()) total += v;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(GfaXGBoost, RegressionFitsASmoothFunctionOutOfFold) {
  std::vector<double> y;
  const auto x = boost_synthetic(2000, y, true);
  std::vector<int> folds(2000);
  for (std::size_t i = 0; i < 2000; ++i) folds[i] = static_cast<int>(i % 5);
  LearnerParams p;
  p.kind = LearnerKind::XGBoost;
  p.boost = small(false);
  const auto s = score_regression(y, out_of_fold(x, y, folds, p));
  EXPECT_GT(s.r2, 0.95);
}

TEST(GfaXGBoost, SaveLoadPredictsIdenticallyAndTheSeedMatters) {
  std::vector<double> y;
  const auto x = boost_synthetic(600, y);
  LearnerParams p;
  p.kind = LearnerKind::XGBoost;
  p.boost = small();
  const auto a = train_learner(x, y, p);
  std::stringstream io;
  a->write(io);
  io << "after\n";  // read_learner must stop at the end of its block
  const auto b = read_learner(io, "memory");
  std::string next;
  io >> next;
  EXPECT_EQ(next, "after");
  EXPECT_EQ(b->kind(), LearnerKind::XGBoost);
  EXPECT_EQ(b->cols(), 5u);
  EXPECT_TRUE(b->classification());
  const auto d = train_learner(x, y, p.with_seed(2));  // subsample = 0.8: another seed, other rows
  std::vector<double> batch(x.rows), back(x.rows);
  a->predict_batch(x.v.data(), x.rows, batch.data());
  b->predict_batch(x.v.data(), x.rows, back.data());
  bool differs = false;
  for (std::size_t i = 0; i < x.rows; ++i) {
    EXPECT_EQ(a->predict(x.row(i)), batch[i]);
    EXPECT_EQ(batch[i], back[i]);
    differs |= batch[i] != d->predict(x.row(i));
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(a->importance(), b->importance());
}

TEST(GfaXGBoost, FoldThreadsAndConcurrentPredictionChangeNothing) {
  std::vector<double> y;
  const auto x = boost_synthetic(3000, y, true);
  std::vector<int> folds(x.rows);
  for (std::size_t i = 0; i < x.rows; ++i) folds[i] = static_cast<int>(i % 4);
  LearnerParams p;
  p.kind = LearnerKind::XGBoost;
  p.boost = small(false);
  p.boost.threads = 1;
  const auto one = out_of_fold(x, y, folds, p);
  p.boost.threads = 2;  // two folds trained side by side
  const auto two = out_of_fold(x, y, folds, p);
  EXPECT_EQ(one, two);
  // Two threads predicting halves of the rows with one booster at once, repeatedly.
  const auto m = XGBoostModel::train(x, y, p.boost);
  std::vector<double> a(x.rows), c(x.rows);
  m.predict_batch(x.v.data(), x.rows, a.data());
  const std::size_t half = x.rows / 2;
  std::thread t1([&] { for (int r = 0; r < 20; ++r) m.predict_batch(x.v.data(), half, c.data()); });
  std::thread t2([&] { for (int r = 0; r < 20; ++r) m.predict_batch(x.row(half), x.rows - half, c.data() + half); });
  t1.join();
  t2.join();
  EXPECT_EQ(a, c);
}

TEST(GfaXGBoost, MalformedModelTextIsAnError) {
  std::stringstream header("xgboost classification 5 10\n");
  EXPECT_THROW(read_learner(header, "header"), Error);
  std::stringstream truncated("xgboost classification 5 10 400\n{\"learner\": {}}");
  EXPECT_THROW(read_learner(truncated, "truncated"), Error);
  std::stringstream junk("xgboost regression 5 10 9\nnot json!\n");
  EXPECT_THROW(read_learner(junk, "junk"), Error);
  EXPECT_THROW(parse_learner_kind("boosted"), Error);
}

TEST(GfaXGBoost, SmallGlassModelOnWardTrainsSavesAndLoads) {
  const ElementData data = ElementData::load(dir());
  TrainOptions o;
  o.model = LearnerKind::XGBoost;
  o.trees = 40;
  o.boost.eta = 0.2;
  o.regressions = false;
  const auto m = GfaModel::train(dir(), data, o);
  EXPECT_EQ(m.learner("p_glass").kind(), LearnerKind::XGBoost);
  const auto file = std::filesystem::temp_directory_path() / "vitrum_gfa_test_xgboost_model.txt";
  m.save(file);
  const auto back = GfaModel::load(file, data);
  std::filesystem::remove(file);
  const Featurizer f(data, back.set());
  // Ward 2016 rows (training points): Cu40Zr60 and Cu56Zr44 are AM; Mg95Y5 and Ni95B5 are CR.
  std::map<std::string, double> p;
  for (const char* s : {"Cu40Zr60", "Cu56Zr44", "Mg95Y5", "Ni95B5"}) {
    const auto x = f.compute(parse_composition(s));
    p[s] = m.learner("p_glass").predict(x.data());
    EXPECT_EQ(p[s], back.learner("p_glass").predict(x.data())) << s;
  }
  EXPECT_GT(p["Cu40Zr60"], 0.5);
  EXPECT_GT(p["Cu56Zr44"], 0.5);
  EXPECT_LT(p["Mg95Y5"], 0.5);
  EXPECT_LT(p["Ni95B5"], 0.5);
}
