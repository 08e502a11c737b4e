// Composition features for the GFA models: Magpie statistics over elemental properties plus the physical criteria.
#pragma once
#include <string>
#include <vector>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/element_data.hpp"

namespace vitrum::gfa {

// Which feature groups a model uses; the ablation table compares them.
enum class FeatureSet { Magpie, Physical, All };
FeatureSet parse_feature_set(const std::string& name);  // "magpie", "physical", "all"
std::string to_string(FeatureSet s);

// Names (documented in docs/gfa.md):
//   Magpie group: norm_p (p = 0, 2, 3, 5, 7, 10; ||x||_p, p = 0 is the element count), then for every
//   property P of magpie_property_names(): mean_P, avgdev_P (Σ x_i |P_i - mean|), min_P, max_P,
//   range_P, mode_P (P of the most abundant element; the lower Z on ties).
//   Physical group: delta, dH_mix, dS_mix, omega (capped at 100, 100 when ΔH_mix = 0), dchi, vec, tm_mix,
//   inoue_count (how many of Inoue's three rules hold).
class Featurizer {
 public:
  Featurizer(const ElementData& data, FeatureSet set = FeatureSet::All);
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  [[nodiscard]] FeatureSet set() const { return set_; }
  // Writes size() values to out.
  void compute(const Composition& c, double* out) const;
  [[nodiscard]] std::vector<double> compute(const Composition& c) const;

 private:
  void compute_all(const Composition& c, double* out) const;
  const ElementData* data_;
  FeatureSet set_;
  std::vector<std::string> names_;
  std::size_t n_magpie_ = 0, n_physical_ = 0;
};

}  // namespace vitrum::gfa
