// The trained GFA model file: the feature set and names, and one model (forest or XGBoost) per target (p_glass, dmax_mm, tg_k, tx_k, tl_k).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/features.hpp"
#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

// Featurises many compositions (threads split the rows; the result does not depend on their number).
FeatureMatrix featurize(const Featurizer& f, const std::vector<Composition>& comps, int threads = 1);

struct TrainOptions {
  FeatureSet set = FeatureSet::All;
  int trees = 100;  // forest trees or boosting rounds
  LearnerKind model = LearnerKind::Forest;
  BoostParams boost;  // XGBoost settings other than rounds, task, seed and threads
  std::uint32_t seed = 1;
  int threads = 1;
  bool regressions = true;  // also D_max, T_g, T_x, T_l
  std::string version = "unknown";  // vitrum version recorded in the model file
};

class GfaModel {
 public:
  GfaModel() = default;
  GfaModel(GfaModel&&) = default;
  GfaModel& operator=(GfaModel&&) = default;
  GfaModel(const GfaModel&) = delete;  // owns its learners (XGBoost boosters are handles)
  GfaModel& operator=(const GfaModel&) = delete;
  // Trains p_glass on Ward 2016 (AM vs AC+CR) and, when asked, dmax_mm and tg_k/tx_k/tl_k on Xiong 2020.
  static GfaModel train(const std::filesystem::path& data_dir, const ElementData& data, const TrainOptions& o);
  void save(const std::filesystem::path& file) const;
  // Throws Error naming the file when it is not a model, or when its feature names differ from
  // what this build computes (a model from another version).
  static GfaModel load(const std::filesystem::path& file, const ElementData& data);

  [[nodiscard]] FeatureSet set() const { return set_; }
  [[nodiscard]] const std::vector<std::string>& feature_names() const { return names_; }
  [[nodiscard]] bool has(const std::string& target) const { return learners_.count(target) > 0; }
  // Throws Error when the model has no such target.
  [[nodiscard]] const Learner& learner(const std::string& target) const;
  [[nodiscard]] const std::map<std::string, std::unique_ptr<Learner>>& learners() const { return learners_; }
  // What the model was trained on and by which vitrum: {"vitrum_version", "learner", "trees", "seed", "features",
  // "trained_on": {target: {"file" (relative to the GFA data folder), "rows"}}}; empty for files written before
  // models recorded it (format 1).
  [[nodiscard]] const nlohmann::json& provenance() const { return provenance_; }
  // The keys of `vitrum gfa predict --format json` (less "input"): composition, one key per target,
  // glass (p_glass >= 0.5), and t_rg, gamma when T_g, T_x, T_l are predicted. f must be Featurizer(data, set()).
  [[nodiscard]] nlohmann::json predict_json(const Composition& c, const Featurizer& f) const;

 private:
  FeatureSet set_ = FeatureSet::All;
  std::vector<std::string> names_;
  std::map<std::string, std::unique_ptr<Learner>> learners_;
  nlohmann::json provenance_ = nlohmann::json::object();
};

}  // namespace vitrum::gfa
