#include "vitrum/gfa/cv_report.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"
#include "vitrum/gfa/cross_validation.hpp"
#include "vitrum/gfa/dataset.hpp"
#include "vitrum/gfa/model.hpp"

namespace vitrum::gfa {
namespace {

LabelledSet load_target(const std::filesystem::path& dir, const std::string& t, const std::string& dmax_set) {
  if (t == "p_glass") return load_ward2016_glass(dir);
  if (t == "p_glass_processing") return load_landolt_processing(dir);
  if (t == "dmax_mm") {
    if (dmax_set == "xiong2020") return load_xiong2020_dmax(dir);
    if (dmax_set == "fe2025") return load_fe2025_dmax(dir);
    throw Error(fmt::format("unknown D_max data set '{}' (expected xiong2020 or fe2025)", dmax_set));
  }
  if (t == "tg_k") return load_xiong2020_temperature(dir, 1);
  if (t == "tx_k") return load_xiong2020_temperature(dir, 2);
  if (t == "tl_k") return load_xiong2020_temperature(dir, 3);
  throw Error(fmt::format("unknown target '{}' (expected p_glass, p_glass_processing, dmax_mm, tg_k, tx_k or tl_k)", t));
}

// Deterministic subset: the max_rows rows with the smallest keyed uniform draw.
void subsample(LabelledSet& s, std::size_t max_rows, std::uint32_t seed) {
  if (max_rows == 0 || s.size() <= max_rows) return;
  std::vector<std::pair<double, std::size_t>> k(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) k[i] = {Rng(Stream::GfaFolds, seed, 77, i).uniform(), i};
  std::sort(k.begin(), k.end());
  k.resize(max_rows);
  std::vector<char> chosen(s.size(), 0);
  for (const auto& [u, i] : k) chosen[i] = 1;
  s = keep_rows(s, [&](std::size_t i) { return chosen[i] != 0; });
}

nlohmann::json scores(bool classification, const std::vector<double>& y, const std::vector<double>& p) {
  if (classification) {
    const auto c = score_classification(y, p);
    return {{"accuracy", c.accuracy}, {"roc_auc", c.roc_auc}, {"precision", c.precision}, {"recall", c.recall}};
  }
  const auto r = score_regression(y, p);
  return {{"r2", r.r2}, {"mae", r.mae}, {"rmse", r.rmse}};
}

// Whether the physical criteria are defined for `c`: radius, melting point, electronegativity and valence
// electrons of every element, a Miedema enthalpy for every pair (a few processing-set rows hold F or O).
bool criteria_defined(const ElementData& data, const Composition& c) {
  try {
    for (int z : c.z) {
      (void)data.miracle_radius_pm(z);
      (void)data.melting_k(z);
      (void)data.pauling_electronegativity(z);
      (void)data.valence_electrons(z);
    }
    for (std::size_t a = 0; a < c.z.size(); ++a)
      for (std::size_t b = a + 1; b < c.z.size(); ++b)
        if (!data.has_miedema(c.z[a], c.z[b])) return false;
    return true;
  } catch (const Error&) {
    return false;
  }
}

// The rows of `s` whose elements all have the data the features need; returns how many were left out.
std::size_t keep_featurizable(LabelledSet& s, const ElementData& data) {
  const std::size_t before = s.size();
  s = keep_rows(s, [&](std::size_t i) { return criteria_defined(data, s.comps[i]); });
  return before - s.size();
}

// The composition features, plus the processing route as one more column when the set has one.
FeatureMatrix features_of(const Featurizer& f, const LabelledSet& s, int threads, std::vector<std::string>& names) {
  FeatureMatrix x = featurize(f, s.comps, threads);
  names = f.names();
  if (s.sputtered.empty()) return x;
  FeatureMatrix w{x.rows, x.cols + 1, std::vector<double>(x.rows * (x.cols + 1))};
  for (std::size_t i = 0; i < x.rows; ++i) {
    std::copy(x.row(i), x.row(i) + x.cols, w.row(i));
    w.row(i)[x.cols] = s.sputtered[i];
  }
  names.push_back("processing_sputtering");
  return w;
}

}  // namespace

nlohmann::json cross_validate(const std::filesystem::path& data_dir, const ElementData& data, const CvOptions& o) {
  nlohmann::json out;
  for (const auto& target : o.targets) {
    LabelledSet s = load_target(data_dir, target, o.dmax_set);
    const bool min_dmax = target == "dmax_mm" && o.min_dmax_mm > 0;
    std::size_t below_min = 0;
    if (min_dmax) {
      const std::size_t before = s.size();
      s = keep_target_at_least(s, o.min_dmax_mm);
      below_min = before - s.size();
      if (s.size() < static_cast<std::size_t>(o.folds))
        throw Error(fmt::format("--min-dmax {} mm leaves {} D_max rows, fewer than {} folds", o.min_dmax_mm, s.size(), o.folds));
    }
    const std::size_t no_data = target == "p_glass_processing" ? keep_featurizable(s, data) : 0;
    subsample(s, o.max_rows, o.seed);
    const bool cls = target == "p_glass" || target == "p_glass_processing";
    const auto systems = s.systems();
    // Classification: stratified k-fold; regression: plain shuffled k-fold (one class for all rows).
    const std::vector<int> random_folds =
        stratified_folds(cls ? s.y : std::vector<double>(s.size(), 0.0), o.folds, o.seed);
    const auto grouped = grouped_folds(systems, o.folds, o.seed);
    std::size_t nsys = std::set<std::string>(systems.begin(), systems.end()).size();
    for (FeatureSet fs : o.sets) {
      const Featurizer f(data, fs);
      std::vector<std::string> names;
      const auto x = features_of(f, s, o.threads, names);
      auto p = LearnerParams::make(o.model, o.trees, cls, o.seed, o.threads);
      p.boost = o.boost;
      p.boost.rounds = o.trees;
      p.boost.classification = cls;
      p.boost.seed = o.seed;
      p.boost.threads = o.threads;
      nlohmann::json j;
      j["n"] = s.size();
      j["systems"] = nsys;
      j["features"] = names.size();
      j[cls ? "stratified" : "kfold"] = scores(cls, s.y, out_of_fold(x, s.y, random_folds, p));
      j["system_out"] = scores(cls, s.y, out_of_fold(x, s.y, grouped, p));
      if (cls) j["glass_fraction"] = std::accumulate(s.y.begin(), s.y.end(), 0.0) / static_cast<double>(s.size());
      out[target][to_string(fs)] = j;
      if (target == "p_glass" && fs == o.sets.front()) {
        const auto model = train_learner(x, s.y, p);
        const auto& importance = model->importance();
        std::vector<std::size_t> order(f.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return importance[a] > importance[b]; });
        nlohmann::json imp = nlohmann::json::array();
        for (std::size_t k = 0; k < std::min<std::size_t>(15, order.size()); ++k)
          imp.push_back({{"feature", f.names()[order[k]]}, {"importance", importance[order[k]]}});
        out["importance"] = imp;
        out["importance_feature_set"] = to_string(fs);
      }
    }
    out[target]["source"] = s.source;
    if (!s.sputtered.empty()) {
      out[target]["sputtered_rows"] = std::accumulate(s.sputtered.begin(), s.sputtered.end(), 0.0);
      out[target]["rows_without_element_data"] = no_data;
    }
    out[target]["skipped_rows"] = s.skipped;
    if (min_dmax) {
      out[target]["min_dmax_mm"] = o.min_dmax_mm;
      out[target]["below_min_dmax"] = below_min;
    }
  }
  out["folds"] = o.folds;
  out["trees"] = o.trees;
  out["model"] = to_string(o.model);
  if (o.model == LearnerKind::XGBoost)
    out["xgboost"] = {{"rounds", o.trees}, {"max_depth", o.boost.max_depth}, {"eta", o.boost.eta}, {"subsample", o.boost.subsample},
                      {"colsample_bytree", o.boost.colsample_bytree}, {"min_child_weight", o.boost.min_child_weight},
                      {"lambda", o.boost.lambda}};
  out["seed"] = o.seed;
  return out;
}

}  // namespace vitrum::gfa
