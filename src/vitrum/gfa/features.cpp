#include "vitrum/gfa/features.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/criteria.hpp"

namespace vitrum::gfa {
namespace {
constexpr int kNorms[] = {0, 2, 3, 5, 7, 10};
constexpr const char* kStats[] = {"mean", "avgdev", "min", "max", "range", "mode"};
constexpr const char* kPhysical[] = {"delta", "dH_mix", "dS_mix", "omega", "dchi", "vec", "tm_mix", "inoue_count"};
}  // namespace

FeatureSet parse_feature_set(const std::string& name) {
  if (name == "magpie") return FeatureSet::Magpie;
  if (name == "physical") return FeatureSet::Physical;
  if (name == "all") return FeatureSet::All;
  throw Error(fmt::format("unknown feature set '{}' (expected magpie, physical or all)", name));
}

std::string to_string(FeatureSet s) {
  switch (s) {
    case FeatureSet::Magpie: return "magpie";
    case FeatureSet::Physical: return "physical";
    case FeatureSet::All: return "all";
  }
  return "?";
}

Featurizer::Featurizer(const ElementData& data, FeatureSet set) : data_(&data), set_(set) {
  std::vector<std::string> magpie, physical;
  for (int p : kNorms) magpie.push_back(fmt::format("norm_{}", p));
  for (const auto& prop : magpie_property_names())
    for (const char* s : kStats) magpie.push_back(fmt::format("{}_{}", s, prop));
  for (const char* s : kPhysical) physical.emplace_back(s);
  n_magpie_ = magpie.size();
  n_physical_ = physical.size();
  if (set != FeatureSet::Physical) names_.insert(names_.end(), magpie.begin(), magpie.end());
  if (set != FeatureSet::Magpie) names_.insert(names_.end(), physical.begin(), physical.end());
}

std::vector<double> Featurizer::compute(const Composition& c) const {
  std::vector<double> v(size());
  compute(c, v.data());
  return v;
}

void Featurizer::compute(const Composition& c, double* out) const {
  if (set_ == FeatureSet::All) return compute_all(c, out);
  double buf[512];
  if (n_magpie_ + n_physical_ > 512) throw Error("feature buffer too small");
  compute_all(c, buf);
  const std::size_t first = set_ == FeatureSet::Magpie ? 0 : n_magpie_;
  std::copy(buf + first, buf + first + size(), out);
}

void Featurizer::compute_all(const Composition& c, double* out) const {
  const std::size_t n = c.size();
  double* o = out;
  for (int p : kNorms) {
    if (p == 0) { *o++ = static_cast<double>(n); continue; }
    double s = 0;
    for (double x : c.x) s += std::pow(x, p);
    *o++ = std::pow(s, 1.0 / p);
  }
  std::size_t mode_i = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (c.x[i] > c.x[mode_i]) mode_i = i;
  for (std::size_t p = 0; p < data_->property_count(); ++p) {
    double mean = 0, lo = 1e300, hi = -1e300;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = data_->feature_value(p, c.z[i]);
      mean += c.x[i] * v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    double dev = 0;
    for (std::size_t i = 0; i < n; ++i) dev += c.x[i] * std::abs(data_->feature_value(p, c.z[i]) - mean);
    *o++ = mean;
    *o++ = dev;
    *o++ = lo;
    *o++ = hi;
    *o++ = hi - lo;
    *o++ = data_->feature_value(p, c.z[mode_i]);
  }
  const Criteria k = compute_criteria(c, *data_);
  *o++ = k.delta;
  *o++ = k.dh_mix_kj;
  *o++ = k.ds_mix_j;
  *o++ = k.omega ? std::min(*k.omega, 100.0) : 100.0;
  *o++ = k.dchi;
  *o++ = k.vec;
  *o++ = k.tm_k;
  *o++ = static_cast<double>(k.inoue.three_or_more_elements + k.inoue.size_mismatch_above_12pct +
                             k.inoue.negative_mixing_enthalpy);
}

}  // namespace vitrum::gfa
