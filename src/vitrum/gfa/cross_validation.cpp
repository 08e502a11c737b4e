#include "vitrum/gfa/cross_validation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <exception>
#include <numeric>
#include <thread>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum::gfa {
namespace {

// Deterministic shuffle keyed by (seed, salt): sort by one uniform draw per item.
template <class T>
void shuffle(std::vector<T>& v, std::uint32_t seed, std::uint64_t salt) {
  std::vector<std::pair<double, std::size_t>> keyed(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) keyed[i] = {Rng(Stream::GfaFolds, seed, salt, i).uniform(), i};
  std::sort(keyed.begin(), keyed.end());
  std::vector<T> out;
  out.reserve(v.size());
  for (const auto& [u, i] : keyed) out.push_back(v[i]);
  v = std::move(out);
}

void check_k(int k, std::size_t n) {
  if (k < 2 || static_cast<std::size_t>(k) > n) throw Error(fmt::format("cross-validation: k = {} folds for {} rows", k, n));
}

}  // namespace

std::vector<int> stratified_folds(const std::vector<double>& y, int k, std::uint32_t seed) {
  check_k(k, y.size());
  std::map<double, std::vector<std::size_t>> by_class;
  for (std::size_t i = 0; i < y.size(); ++i) by_class[y[i]].push_back(i);
  std::vector<int> fold(y.size());
  int next = 0;
  std::uint64_t salt = 0;
  for (auto& [label, rows] : by_class) {
    shuffle(rows, seed, salt++);
    for (auto r : rows) { fold[r] = next; next = (next + 1) % k; }
  }
  return fold;
}

std::vector<int> grouped_folds(const std::vector<std::string>& groups, int k, std::uint32_t seed) {
  std::map<std::string, std::vector<std::size_t>> by_group;
  for (std::size_t i = 0; i < groups.size(); ++i) by_group[groups[i]].push_back(i);
  check_k(k, by_group.size());
  std::vector<const std::vector<std::size_t>*> g;
  for (const auto& [name, rows] : by_group) g.push_back(&rows);
  shuffle(g, seed, 1000);
  std::vector<std::size_t> load(static_cast<std::size_t>(k), 0);
  std::vector<int> fold(groups.size());
  for (const auto* rows : g) {
    const auto f = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    load[f] += rows->size();
    for (auto r : *rows) fold[r] = static_cast<int>(f);
  }
  return fold;
}

std::vector<double> out_of_fold(const FeatureMatrix& x, const std::vector<double>& y, const std::vector<int>& folds,
                                const LearnerParams& params) {
  const int k = folds.empty() ? 0 : *std::max_element(folds.begin(), folds.end()) + 1;
  std::vector<double> pred(y.size(), 0.0);
  auto run_fold = [&](int f) {
    std::vector<std::size_t> train, test;
    for (std::size_t i = 0; i < folds.size(); ++i) (folds[i] == f ? test : train).push_back(i);
    if (test.empty() || train.size() < 2) return;
    const auto model = train_learner(x, y, params.with_seed(params.forest.seed + static_cast<std::uint32_t>(f) * 7919u), train);
    // One batch per fold (the forest's batch equals its row-by-row prediction bit for bit).
    std::vector<double> held(test.size() * x.cols), out(test.size());
    for (std::size_t q = 0; q < test.size(); ++q) std::copy(x.row(test[q]), x.row(test[q]) + x.cols, held.begin() + static_cast<std::ptrdiff_t>(q * x.cols));
    model->predict_batch(held.data(), test.size(), out.data());
    for (std::size_t q = 0; q < test.size(); ++q) pred[test[q]] = out[q];  // folds write disjoint rows
  };
  // The forest threads its trees; XGBoost boosters run on one thread each, so their folds go side by side.
  const int workers = params.kind == LearnerKind::XGBoost ? std::clamp(params.boost.threads, 1, std::max(1, k)) : 1;
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        for (int f = w; f < k; f += workers) run_fold(f);
      } catch (...) {
        errors[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return pred;
}

std::vector<double> out_of_fold(const FeatureMatrix& x, const std::vector<double>& y, const std::vector<int>& folds,
                                const ForestParams& params) {
  LearnerParams p;
  p.forest = params;
  return out_of_fold(x, y, folds, p);
}

ClassificationScores score_classification(const std::vector<double>& y, const std::vector<double>& p) {
  ClassificationScores s;
  s.n = y.size();
  std::size_t tp = 0, fp = 0, fn = 0, correct = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const bool yes = p[i] >= 0.5, truth = y[i] > 0.5;
    correct += yes == truth;
    tp += yes && truth;
    fp += yes && !truth;
    fn += !yes && truth;
  }
  s.accuracy = static_cast<double>(correct) / static_cast<double>(s.n);
  s.precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
  s.recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0;
  // Mann–Whitney: AUC = (sum of positive ranks - n+(n+ + 1)/2) / (n+ n-), average ranks for ties.
  std::vector<std::size_t> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  double rank_sum = 0, npos = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && p[order[j]] == p[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);
    for (std::size_t q = i; q < j; ++q)
      if (y[order[q]] > 0.5) { rank_sum += rank; npos += 1; }
    i = j;
  }
  const double nneg = static_cast<double>(y.size()) - npos;
  s.roc_auc = (npos > 0 && nneg > 0) ? (rank_sum - npos * (npos + 1) / 2) / (npos * nneg) : 0.0;
  return s;
}

RegressionScores score_regression(const std::vector<double>& y, const std::vector<double>& pred) {
  RegressionScores s;
  s.n = y.size();
  if (s.n == 0) return s;
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(s.n);
  double ss_res = 0, ss_tot = 0, abs = 0;
  for (std::size_t i = 0; i < s.n; ++i) {
    ss_res += (y[i] - pred[i]) * (y[i] - pred[i]);
    ss_tot += (y[i] - mean) * (y[i] - mean);
    abs += std::abs(y[i] - pred[i]);
  }
  s.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : 0.0;
  s.mae = abs / static_cast<double>(s.n);
  s.rmse = std::sqrt(ss_res / static_cast<double>(s.n));
  return s;
}

}  // namespace vitrum::gfa
