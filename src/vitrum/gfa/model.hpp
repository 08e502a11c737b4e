// The trained GFA model file: the feature set and names, and one forest per target (p_glass, dmax_mm, tg_k, tx_k, tl_k).
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/features.hpp"
#include "vitrum/gfa/random_forest.hpp"

namespace vitrum::gfa {

// Featurises many compositions (threads split the rows; the result does not depend on their number).
FeatureMatrix featurize(const Featurizer& f, const std::vector<Composition>& comps, int threads = 1);

struct TrainOptions {
  FeatureSet set = FeatureSet::All;
  int trees = 100;
  std::uint32_t seed = 1;
  int threads = 1;
  bool regressions = true;  // also D_max, T_g, T_x, T_l
};

class GfaModel {
 public:
  // Trains p_glass on Ward 2016 (AM vs AC+CR) and, when asked, dmax_mm and tg_k/tx_k/tl_k on Xiong 2020.
  static GfaModel train(const std::filesystem::path& data_dir, const ElementData& data, const TrainOptions& o);
  void save(const std::filesystem::path& file) const;
  // Throws Error naming the file when it is not a model, or when its feature names differ from
  // what this build computes (a model from another version).
  static GfaModel load(const std::filesystem::path& file, const ElementData& data);

  [[nodiscard]] FeatureSet set() const { return set_; }
  [[nodiscard]] const std::vector<std::string>& feature_names() const { return names_; }
  [[nodiscard]] bool has(const std::string& target) const { return forests_.count(target) > 0; }
  [[nodiscard]] const RandomForest& forest(const std::string& target) const;
  [[nodiscard]] const std::map<std::string, RandomForest>& forests() const { return forests_; }

 private:
  FeatureSet set_ = FeatureSet::All;
  std::vector<std::string> names_;
  std::map<std::string, RandomForest> forests_;
};

}  // namespace vitrum::gfa
