// Softness training and held-out scoring over labelled AQS events.
#include "vitrum/analysis/softness_training.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

LabelledSet collect_labelled(const std::vector<std::vector<AqsEventRecord>>& runs, const EventLabelOptions& labels,
                             const RadialGrid& grid, const AngularSet* angular) {
  LabelledSet s;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::vector<LabelledEvent> events = label_events(runs[r], labels);
    for (std::size_t k = 0; k < events.size(); ++k) {
      const LabelledEvent& e = events[k];
      const Configuration& c = e.before;
      if (s.type_count == 0) {
        s.type_count = c.type_count;
        s.features = grid.count() * static_cast<std::size_t>(c.type_count) + (angular ? angular->count() : 0);
      } else if (c.type_count != s.type_count) {
        throw Error(fmt::format("{}: {} particle types, but the first run has {}", runs[r][k].before.string(),
                                c.type_count, s.type_count));
      }
      std::vector<std::size_t> which;
      for (std::size_t i = 0; i < e.label.size(); ++i)
        if (e.label[i] != 0) which.push_back(i);
      if (which.empty()) continue;
      const std::vector<double> x = softness_features(c, grid, angular, which);
      s.x.insert(s.x.end(), x.begin(), x.end());
      for (std::size_t i : which) {
        s.y.push_back(e.label[i]);
        s.type.push_back(c.particles.type[i]);
        s.run.push_back(r);
        s.event.push_back(k);
        s.id.push_back(c.particles.id[i]);
        s.d2min.push_back(e.d2min[i]);
        s.strain.push_back(e.strain);
      }
    }
  }
  return s;
}

SoftnessModel train_softness(const LabelledSet& set, const RadialGrid& grid, double length_scale, const std::string& units,
                             const EventLabelOptions& labels, const SvmOptions& svm, const AngularSet* angular) {
  SoftnessModel m;
  m.units = units;
  m.length_scale = length_scale;
  m.grid = grid;
  m.grid.r_min /= length_scale;
  m.grid.r_max /= length_scale;
  m.grid.r_step /= length_scale;
  m.grid.width /= length_scale;
  m.type_count = set.type_count;
  if (angular) {
    m.use_angular = true;
    m.angular = *angular;
    for (double& x : m.angular.xi) x /= length_scale;
    m.angular.cutoff /= length_scale;
  }
  m.dimension = 3;
  const std::size_t f = set.features;
  nlohmann::json per_type = nlohmann::json::array();
  bool any = false;
  for (int t = 1; t <= set.type_count; ++t) {
    std::vector<double> x;
    std::vector<int> y;
    std::size_t pos = 0, neg = 0;
    for (std::size_t k = 0; k < set.y.size(); ++k) {
      if (set.type[k] != t) continue;
      x.insert(x.end(), set.x.begin() + static_cast<std::ptrdiff_t>(k * f), set.x.begin() + static_cast<std::ptrdiff_t>((k + 1) * f));
      y.push_back(set.y[k]);
      (set.y[k] == 1 ? pos : neg)++;
    }
    per_type.push_back({{"type", t}, {"rearranging", pos}, {"non_rearranging", neg}});
    const bool enough = pos >= static_cast<std::size_t>(svm.folds) && neg >= static_cast<std::size_t>(svm.folds);
    m.has_classifier.push_back(enough);
    m.classifiers.push_back(enough ? train_linear_svm(x, f, y, svm) : LinearClassifier{});
    any = any || enough;
  }
  if (!any)
    throw Error(fmt::format("softness: no particle type has {} rearranging and {} non-rearranging samples (lower the "
                            "thresholds or give more runs)", svm.folds, svm.folds));
  m.labels = {{"source", "AQS events (aqs stage, event_configurations): start state of each event"},
              {"d2min_cutoff", labels.d2min_cutoff / length_scale},
              {"rearranging", labels.rearranging / (length_scale * length_scale)},
              {"quiet", labels.quiet / (length_scale * length_scale)},
              {"window", labels.window},
              {"max_fraction", labels.max_fraction},
              {"lengths", "d2min_cutoff in multiples of length_scale, D2min thresholds of length_scale^2; window a strain"},
              {"rule", "+1: D2min across the event > rearranging; -1: D2min < quiet across every event in the next "
                       "`window` of strain and over the window as a whole; events where more than max_fraction of the particles "
                       "rearrange are left out"},
              {"samples_before_balancing", per_type},
              {"c_grid", svm.c_grid},
              {"folds", svm.folds},
              {"seed", svm.seed}};
  return m;
}

double SoftnessScore::rearranging_accuracy() const {
  return rearranging ? static_cast<double>(rearranging_right) / static_cast<double>(rearranging)
                     : std::numeric_limits<double>::quiet_NaN();
}
double SoftnessScore::quiet_accuracy() const {
  return quiet ? static_cast<double>(quiet_right) / static_cast<double>(quiet) : std::numeric_limits<double>::quiet_NaN();
}
double SoftnessScore::balanced_accuracy() const { return 0.5 * (rearranging_accuracy() + quiet_accuracy()); }

std::vector<SoftnessScore> score_softness(const LabelledSet& set, const std::vector<double>& softness) {
  std::vector<SoftnessScore> s(static_cast<std::size_t>(set.type_count) + 1);
  for (std::size_t k = 0; k < set.y.size(); ++k) {
    if (std::isnan(softness[k])) continue;
    for (SoftnessScore* sc : {&s[0], &s[static_cast<std::size_t>(set.type[k])]}) {
      if (set.y[k] == 1) {
        ++sc->rearranging;
        sc->rearranging_right += softness[k] > 0;
      } else {
        ++sc->quiet;
        sc->quiet_right += softness[k] < 0;
      }
    }
  }
  return s;
}

std::vector<double> softness_of_rows(const SoftnessModel& m, const LabelledSet& set) {
  if (set.features != m.feature_count() || set.type_count != m.type_count)
    throw Error("softness: the labelled set's features differ from the model's");
  std::vector<double> s(set.y.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < set.y.size(); ++k) {
    const auto t = static_cast<std::size_t>(set.type[k] - 1);
    if (m.has_classifier[t]) s[k] = m.classifiers[t].distance(set.x.data() + k * set.features);
  }
  return s;
}

}  // namespace vitrum::analysis
