#include "vitrum/gfa/random_forest.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <istream>
#include <ostream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum::gfa {
namespace {

using Node = RandomForest::Node;

struct TreeBuilder {
  const FeatureMatrix& x;
  const std::vector<double>& y;
  const ForestParams& p;
  int mtry;
  std::uint64_t tree;
  std::vector<Node> nodes;
  std::vector<double> importance;
  std::vector<std::pair<double, double>> buf;
  std::vector<int> features;

  // Grows the subtree over idx[begin, end) and returns its node index.
  std::int32_t grow(std::vector<std::size_t>& idx, std::size_t begin, std::size_t end, int depth) {
    const auto me = static_cast<std::int32_t>(nodes.size());
    nodes.emplace_back();
    const double n = static_cast<double>(end - begin);
    double sum = 0, sum2 = 0;
    for (std::size_t k = begin; k < end; ++k) { sum += y[idx[k]]; sum2 += y[idx[k]] * y[idx[k]]; }
    nodes[me].value = sum / n;
    const double sse = sum2 - sum * sum / n;
    if (end - begin < static_cast<std::size_t>(2 * p.min_leaf) || sse <= 1e-12 * std::max(1.0, sum2) ||
        (p.max_depth > 0 && depth >= p.max_depth))
      return me;

    // Partial Fisher–Yates: the first mtry entries of `features` are this node's candidates.
    Rng rng(Stream::GfaForest, p.seed, tree, static_cast<std::uint64_t>(me), 1);
    for (int f = 0; f < static_cast<int>(features.size()); ++f) features[f] = f;
    double best_gain = 0, best_thr = 0;
    int best_f = -1;
    for (int k = 0; k < mtry; ++k) {
      const int j = k + static_cast<int>(rng.uniform() * static_cast<double>(features.size() - k));
      std::swap(features[k], features[std::min<int>(j, static_cast<int>(features.size()) - 1)]);
      const int f = features[k];
      buf.clear();
      for (std::size_t q = begin; q < end; ++q) buf.emplace_back(x.row(idx[q])[f], y[idx[q]]);
      std::sort(buf.begin(), buf.end());
      if (buf.front().first == buf.back().first) continue;
      double ls = 0, ls2 = 0;
      const std::size_t m = buf.size();
      for (std::size_t q = 0; q + 1 < m; ++q) {
        ls += buf[q].second;
        ls2 += buf[q].second * buf[q].second;
        if (buf[q].first == buf[q + 1].first) continue;
        const double nl = static_cast<double>(q + 1), nr = n - nl;
        if (nl < p.min_leaf || nr < p.min_leaf) continue;
        const double rs = sum - ls, rs2 = sum2 - ls2;
        const double child = (ls2 - ls * ls / nl) + (rs2 - rs * rs / nr);
        const double gain = sse - child;
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best_f = f;
          best_thr = 0.5 * (buf[q].first + buf[q + 1].first);
          if (best_thr == buf[q + 1].first) best_thr = buf[q].first;  // midpoint rounded up: keep left side <=
        }
      }
    }
    if (best_f < 0) return me;
    importance[static_cast<std::size_t>(best_f)] += best_gain;
    const auto mid = std::partition(idx.begin() + static_cast<std::ptrdiff_t>(begin), idx.begin() + static_cast<std::ptrdiff_t>(end),
                                    [&](std::size_t r) { return x.row(r)[best_f] <= best_thr; });
    const auto split = static_cast<std::size_t>(mid - idx.begin());
    nodes[me].feature = best_f;
    nodes[me].threshold = best_thr;
    const auto l = grow(idx, begin, split, depth + 1);
    nodes[me].left = l;
    const auto r = grow(idx, split, end, depth + 1);
    nodes[me].right = r;
    return me;
  }
};

}  // namespace

RandomForest RandomForest::train(const FeatureMatrix& x, const std::vector<double>& y, const ForestParams& params,
                                 const std::vector<std::size_t>& rows_in) {
  if (y.size() != x.rows) throw Error(fmt::format("random forest: {} targets for {} rows", y.size(), x.rows));
  std::vector<std::size_t> rows = rows_in;
  if (rows.empty())
    for (std::size_t i = 0; i < x.rows; ++i) rows.push_back(i);
  if (rows.size() < 2 || x.cols == 0) throw Error("random forest: need at least two rows and one feature to train");
  if (params.trees < 1 || params.min_leaf < 1) throw Error("random forest: trees and min_leaf must be >= 1");
  int mtry = params.mtry;
  if (mtry <= 0)
    mtry = params.classification ? static_cast<int>(std::lround(std::sqrt(static_cast<double>(x.cols))))
                                 : static_cast<int>(x.cols / 3);
  mtry = std::clamp(mtry, 1, static_cast<int>(x.cols));

  std::vector<std::vector<Node>> trees(static_cast<std::size_t>(params.trees));
  std::vector<std::vector<double>> imps(trees.size());
  auto build = [&](std::size_t t) {
    TreeBuilder b{x, y, params, mtry, t, {}, std::vector<double>(x.cols, 0.0), {}, std::vector<int>(x.cols)};
    std::vector<std::size_t> idx(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {  // bootstrap sample of the training rows
      Rng rng(Stream::GfaForest, params.seed, t, k, 0);
      idx[k] = rows[std::min(rows.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(rows.size())))];
    }
    b.grow(idx, 0, idx.size(), 0);
    trees[t] = std::move(b.nodes);
    imps[t] = std::move(b.importance);
  };
  const int nthreads = std::max(1, std::min(params.threads, params.trees));
  std::vector<std::thread> pool;
  // An error in a worker (e.g. std::bad_alloc on a huge forest) is rethrown here, not left to std::terminate().
  std::vector<std::exception_ptr> failure(static_cast<std::size_t>(nthreads));
  for (int w = 0; w < nthreads; ++w)
    pool.emplace_back([&, w] {
      try {
        for (std::size_t t = static_cast<std::size_t>(w); t < trees.size(); t += static_cast<std::size_t>(nthreads)) build(t);
      } catch (...) {
        failure[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  for (auto& th : pool) th.join();
  for (const auto& e : failure)
    if (e) std::rethrow_exception(e);

  RandomForest f;
  f.cols_ = x.cols;
  f.classification_ = params.classification;
  f.importance_.assign(x.cols, 0.0);
  for (std::size_t t = 0; t < trees.size(); ++t) {
    const auto offset = static_cast<std::int32_t>(f.nodes_.size());
    f.roots_.push_back(offset);
    for (Node nd : trees[t]) {
      if (nd.feature >= 0) { nd.left += offset; nd.right += offset; }
      f.nodes_.push_back(nd);
    }
    for (std::size_t j = 0; j < x.cols; ++j) f.importance_[j] += imps[t][j];
  }
  double total = 0;
  for (double v : f.importance_) total += v;
  if (total > 0)
    for (double& v : f.importance_) v /= total;
  return f;
}

double RandomForest::predict(const double* row) const {
  double s = 0;
  for (const auto root : roots_) {
    const Node* nd = &nodes_[static_cast<std::size_t>(root)];
    while (nd->feature >= 0) nd = &nodes_[static_cast<std::size_t>(row[nd->feature] <= nd->threshold ? nd->left : nd->right)];
    s += nd->value;
  }
  return s / static_cast<double>(roots_.size());
}

void RandomForest::predict_batch(const double* x, std::size_t rows, double* out) const {
  std::fill(out, out + rows, 0.0);
  for (const auto root : roots_) {
    for (std::size_t i = 0; i < rows; ++i) {
      const double* row = x + i * cols_;
      const Node* nd = &nodes_[static_cast<std::size_t>(root)];
      while (nd->feature >= 0) nd = &nodes_[static_cast<std::size_t>(row[nd->feature] <= nd->threshold ? nd->left : nd->right)];
      out[i] += nd->value;
    }
  }
  for (std::size_t i = 0; i < rows; ++i) out[i] /= static_cast<double>(roots_.size());
}

void RandomForest::write(std::ostream& out) const {
  out << fmt::format("forest {} {} {} {}\n", classification_ ? "classification" : "regression", cols_, roots_.size(),
                     nodes_.size());
  for (double v : importance_) out << fmt::format("{:.17g}\n", v);
  for (auto r : roots_) out << r << '\n';
  for (const auto& n : nodes_) out << fmt::format("{} {} {} {:.17g} {:.17g}\n", n.feature, n.left, n.right, n.threshold, n.value);
}

RandomForest RandomForest::read(std::istream& in, const std::string& where) {
  std::string tag, kind;
  std::size_t cols = 0, ntrees = 0, nnodes = 0;
  if (!(in >> tag >> kind >> cols >> ntrees >> nnodes) || tag != "forest" || (kind != "classification" && kind != "regression"))
    throw Error(fmt::format("{}: expected 'forest classification|regression COLS TREES NODES'", where));
  RandomForest f;
  f.classification_ = kind == "classification";
  f.cols_ = cols;
  f.importance_.resize(cols);
  f.roots_.resize(ntrees);
  f.nodes_.resize(nnodes);
  for (auto& v : f.importance_) in >> v;
  for (auto& r : f.roots_) in >> r;
  for (auto& n : f.nodes_) in >> n.feature >> n.left >> n.right >> n.threshold >> n.value;
  if (!in) throw Error(fmt::format("{}: truncated or malformed forest ({} trees, {} nodes announced)", where, ntrees, nnodes));
  const auto bad = [&](std::int32_t i) { return i < 0 || static_cast<std::size_t>(i) >= nnodes; };
  for (auto r : f.roots_)
    if (bad(r)) throw Error(fmt::format("{}: tree root {} out of range", where, r));
  for (std::size_t i = 0; i < nnodes; ++i) {
    const auto& n = f.nodes_[i];
    const auto self = static_cast<std::int32_t>(i);  // children follow their parent, so no cycles
    if (n.feature >= static_cast<std::int32_t>(cols) ||
        (n.feature >= 0 && (bad(n.left) || bad(n.right) || n.left <= self || n.right <= self)))
      throw Error(fmt::format("{}: node {} refers to a feature or child out of range", where, i));
  }
  return f;
}

}  // namespace vitrum::gfa
