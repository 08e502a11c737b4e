// Random forest and fold assignment on synthetic data: learning, determinism across threads, save/load, metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"
#include "vitrum/gfa/cross_validation.hpp"
#include "vitrum/gfa/random_forest.hpp"

using namespace vitrum;
using namespace vitrum::gfa;

namespace {
// y = 1 when x0 + x1 > 1 (x uniform in the unit square), plus three noise columns.
FeatureMatrix forest_synthetic(std::size_t n, std::vector<double>& y, bool regression = false) {
  FeatureMatrix x;
  x.rows = n;
  x.cols = 5;
  x.v.resize(n * 5);
  y.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Rng r(Stream::GfaFolds, 99, 5, i);
    for (int j = 0; j < 5; ++j) x.row(i)[j] = r.uniform();
    y[i] = regression ? std::sin(3 * x.row(i)[0]) + x.row(i)[1] : (x.row(i)[0] + x.row(i)[1] > 1 ? 1.0 : 0.0);
  }
  return x;
}
}  // namespace

TEST(GfaForest, LearnsASeparableRuleAndRanksTheRightFeatures) {
  std::vector<double> y, yt;
  const auto x = forest_synthetic(1500, y);
  const auto xt = forest_synthetic(3000, yt);  // rows 1500.. differ from the training rows
  ForestParams p;
  p.trees = 40;
  const auto f = RandomForest::train(x, y, p);
  std::size_t correct = 0;
  for (std::size_t i = 1500; i < 3000; ++i) correct += (f.predict(xt.row(i)) >= 0.5) == (yt[i] > 0.5);
  EXPECT_GT(correct / 1500.0, 0.95);
  EXPECT_GT(f.importance()[0] + f.importance()[1], 0.7);  // the two informative columns dominate
}

TEST(GfaForest, RegressionFitsASmoothFunction) {
  std::vector<double> y;
  const auto x = forest_synthetic(2000, y, true);
  std::vector<int> folds(2000);
  for (std::size_t i = 0; i < 2000; ++i) folds[i] = static_cast<int>(i % 5);
  ForestParams p;
  p.trees = 30;
  p.classification = false;
  const auto s = score_regression(y, out_of_fold(x, y, folds, p));
  EXPECT_GT(s.r2, 0.9);
}

TEST(GfaForest, IdenticalForAnyThreadCountAndAfterSaveLoad) {
  std::vector<double> y;
  const auto x = forest_synthetic(600, y);
  ForestParams p;
  p.trees = 12;
  p.threads = 1;
  const auto a = RandomForest::train(x, y, p);
  p.threads = 2;
  const auto b = RandomForest::train(x, y, p);
  std::stringstream io;
  a.write(io);
  const auto c = RandomForest::read(io, "memory");
  p.seed = 2;
  const auto d = RandomForest::train(x, y, p);
  std::vector<double> batch(x.rows);
  a.predict_batch(x.v.data(), x.rows, batch.data());
  bool differs = false;
  for (std::size_t i = 0; i < x.rows; ++i) {
    EXPECT_EQ(a.predict(x.row(i)), b.predict(x.row(i)));
    EXPECT_EQ(a.predict(x.row(i)), c.predict(x.row(i)));
    EXPECT_EQ(a.predict(x.row(i)), batch[i]);
    differs |= a.predict(x.row(i)) != d.predict(x.row(i));
  }
  EXPECT_TRUE(differs);  // the seed matters
}

TEST(GfaForest, MalformedModelTextIsAnError) {
  std::stringstream bad("forest classification 5 1 3\n0.2 0.2 0.2 0.2 0.2\n0\n0 1 7 0.5 0\n");
  EXPECT_THROW(RandomForest::read(bad, "bad"), Error);
  std::stringstream cyc("forest classification 1 1 2\n1\n0\n0 0 1 0.5 0\n-1 0 0 0 1\n");
  EXPECT_THROW(RandomForest::read(cyc, "cycle"), Error);
  std::stringstream tag("woods 1 1 1\n");
  EXPECT_THROW(RandomForest::read(tag, "tag"), Error);
}

TEST(GfaFolds, StratifiedKeepsBalanceAndGroupedKeepsSystemsTogether) {
  std::vector<double> y(1000);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = i % 4 == 0 ? 1.0 : 0.0;  // 25 % positives
  const auto f = stratified_folds(y, 10, 3);
  for (int k = 0; k < 10; ++k) {
    int n = 0, pos = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
      if (f[i] == k) { ++n; pos += y[i] > 0.5; }
    EXPECT_EQ(n, 100);
    EXPECT_EQ(pos, 25);
  }
  std::vector<std::string> groups;
  for (int i = 0; i < 500; ++i) groups.push_back("sys" + std::to_string(i % 37));
  const auto g = grouped_folds(groups, 5, 3);
  std::set<int> used;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    used.insert(g[i]);
    for (std::size_t j = 0; j < groups.size(); ++j)
      if (groups[i] == groups[j]) {
        ASSERT_EQ(g[i], g[j]);
      }
  }
  EXPECT_EQ(used.size(), 5u);
  EXPECT_THROW(grouped_folds(groups, 40, 3), Error);  // more folds than systems
}

TEST(GfaScores, AucAccuracyPrecisionRecallByHand) {
  // p: 0.9(1) 0.8(0) 0.7(1) 0.3(0) 0.2(1) 0.1(0): positive-above-negative pairs 3 + 2 + 1 = 6 of 9.
  const std::vector<double> y{1, 0, 1, 0, 1, 0}, p{0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
  const auto s = score_classification(y, p);
  EXPECT_NEAR(s.roc_auc, 6.0 / 9.0, 1e-12);
  EXPECT_NEAR(s.accuracy, 4.0 / 6.0, 1e-12);
  EXPECT_NEAR(s.precision, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.recall, 2.0 / 3.0, 1e-12);
  const auto r = score_regression({1, 2, 3}, {1, 2, 4});
  EXPECT_NEAR(r.mae, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(r.r2, 1 - 1.0 / 2.0, 1e-12);
}
