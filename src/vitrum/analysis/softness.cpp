// Softness: liblinear's linear SVM on standardised structure functions, the model file, and prediction.
#include "vitrum/analysis/softness.hpp"

#include <fmt/format.h>
#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace {

void quiet(const char*) {}

// Fisher–Yates with mt19937_64's standardised output (std::shuffle's algorithm is the library's choice).
void permute(std::vector<std::size_t>& v, std::mt19937_64& rng) {
  for (std::size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[rng() % k]);
}

// liblinear's problem over a set of standardised rows: each row its features 1..F, the bias feature F+1 (value 1)
// and the terminator.
struct Problem {
  std::vector<feature_node> nodes;
  std::vector<feature_node*> rows;
  std::vector<double> labels;
  problem p{};

  Problem(const std::vector<double>& z, std::size_t f, const std::vector<int>& y, const std::vector<std::size_t>& which) {
    nodes.reserve(which.size() * (f + 2));
    for (std::size_t i : which) {
      for (std::size_t k = 0; k < f; ++k) nodes.push_back({static_cast<int>(k + 1), z[i * f + k]});
      nodes.push_back({static_cast<int>(f + 1), 1.0});
      nodes.push_back({-1, 0.0});
      labels.push_back(y[i]);
    }
    for (std::size_t r = 0; r < which.size(); ++r) rows.push_back(nodes.data() + r * (f + 2));
    p.l = static_cast<int>(which.size());
    p.n = static_cast<int>(f + 1);
    p.y = labels.data();
    p.x = rows.data();
    p.bias = 1.0;
  }
};

parameter svm_parameter(double C, double eps) {
  parameter par{};
  par.solver_type = L2R_L1LOSS_SVC_DUAL;
  par.eps = eps;
  par.C = C;
  par.p = 0.1;  // unused by classification; check_parameter wants it >= 0
  return par;
}

// Trains on `which` and returns w (F entries) and b with decision > 0 for the +1 class.
void fit(const std::vector<double>& z, std::size_t f, const std::vector<int>& y, const std::vector<std::size_t>& which,
         double C, double eps, std::vector<double>& w, double& b) {
  Problem prob(z, f, y, which);
  parameter par = svm_parameter(C, eps);
  if (const char* bad = check_parameter(&prob.p, &par)) throw Error(fmt::format("liblinear: {}", bad));
  set_print_string_function(quiet);
  std::srand(1);  // the dual coordinate descent visits samples in rand() order: the same result on every run
  model* m = train(&prob.p, &par);
  const double sign = m->label[0] == 1 ? 1.0 : -1.0;  // liblinear's decision is positive for label[0]
  w.assign(f, 0.0);
  for (std::size_t k = 0; k < f; ++k) w[k] = sign * m->w[k];
  b = sign * m->w[f] * m->bias;
  free_and_destroy_model(&m);
}

}  // namespace

double LinearClassifier::distance(const double* x) const {
  double s = b, ww = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    s += w[k] * (x[k] - mean[k]) / sd[k];
    ww += w[k] * w[k];
  }
  return s / std::sqrt(ww);
}

LinearClassifier train_linear_svm(const std::vector<double>& x, std::size_t f, const std::vector<int>& y,
                                  const SvmOptions& o) {
  if (f == 0 || x.size() != y.size() * f) throw Error("linear SVM: the feature matrix is not labels x features");
  if (o.c_grid.empty() || o.folds < 2) throw Error("linear SVM: give at least one C and two folds");
  std::vector<std::size_t> pos, neg;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (y[i] == 1) pos.push_back(i);
    else if (y[i] == -1) neg.push_back(i);
    else throw Error(fmt::format("linear SVM: label {} (expected +1 or -1)", y[i]));
  }
  const auto folds = static_cast<std::size_t>(o.folds);
  if (pos.size() < folds || neg.size() < folds)
    throw Error(fmt::format("linear SVM: {} positive and {} negative samples: need at least {} of each ({}-fold "
                            "cross-validation)", pos.size(), neg.size(), folds, folds));
  std::mt19937_64 rng(o.seed);
  permute(pos, rng);
  permute(neg, rng);
  if (o.balance) {
    const std::size_t m = std::min(pos.size(), neg.size());
    pos.resize(m);
    neg.resize(m);
  }
  std::vector<std::size_t> used(pos);
  used.insert(used.end(), neg.begin(), neg.end());

  LinearClassifier c;
  c.positives = pos.size();
  c.negatives = neg.size();
  c.mean.assign(f, 0.0);
  c.sd.assign(f, 0.0);
  for (std::size_t i : used)
    for (std::size_t k = 0; k < f; ++k) c.mean[k] += x[i * f + k];
  for (double& m : c.mean) m /= static_cast<double>(used.size());
  for (std::size_t i : used)
    for (std::size_t k = 0; k < f; ++k) c.sd[k] += (x[i * f + k] - c.mean[k]) * (x[i * f + k] - c.mean[k]);
  for (double& s : c.sd) {
    s = std::sqrt(s / static_cast<double>(used.size()));
    if (!(s > 1e-12)) s = 1.0;  // a constant feature: standardised to 0, it carries no weight
  }
  std::vector<double> z(x.size(), 0.0);
  for (std::size_t i : used)
    for (std::size_t k = 0; k < f; ++k) z[i * f + k] = (x[i * f + k] - c.mean[k]) / c.sd[k];

  // Stratified folds: the k-th of each (shuffled) class goes to fold k mod folds.
  std::vector<std::vector<std::size_t>> fold(folds);
  for (std::size_t k = 0; k < pos.size(); ++k) fold[k % folds].push_back(pos[k]);
  for (std::size_t k = 0; k < neg.size(); ++k) fold[k % folds].push_back(neg[k]);
  double best = -1;
  for (double C : o.c_grid) {
    if (!(C > 0)) throw Error(fmt::format("linear SVM: C must be positive, got {}", C));
    double accuracy = 0;
    for (std::size_t test = 0; test < folds; ++test) {
      std::vector<std::size_t> train_rows;
      for (std::size_t k = 0; k < folds; ++k)
        if (k != test) train_rows.insert(train_rows.end(), fold[k].begin(), fold[k].end());
      std::vector<double> w;
      double b = 0;
      fit(z, f, y, train_rows, C, o.tolerance, w, b);
      std::size_t right = 0;
      for (std::size_t i : fold[test]) {
        double s = b;
        for (std::size_t k = 0; k < f; ++k) s += w[k] * z[i * f + k];
        right += (s > 0) == (y[i] == 1);
      }
      accuracy += static_cast<double>(right) / static_cast<double>(fold[test].size());
    }
    accuracy /= static_cast<double>(folds);
    if (accuracy > best + 1e-12) {
      best = accuracy;
      c.C = C;
    }
  }
  c.cv_accuracy = best;
  fit(z, f, y, used, c.C, o.tolerance, c.w, c.b);
  double ww = 0;
  for (double v : c.w) ww += v * v;
  if (!(ww > 0)) throw Error("linear SVM: the trained hyperplane has zero weights (the classes are indistinguishable)");
  return c;
}

RadialGrid SoftnessModel::grid_in_length_units() const {
  RadialGrid g = grid;
  g.r_min *= length_scale;
  g.r_max *= length_scale;
  g.r_step *= length_scale;
  g.width *= length_scale;
  return g;
}

AngularSet SoftnessModel::angular_in_length_units() const {
  AngularSet a = angular;
  for (double& x : a.xi) x *= length_scale;
  a.cutoff *= length_scale;
  return a;
}

std::vector<double> softness_features(const Configuration& c, const RadialGrid& grid, const AngularSet* angular,
                                      const std::vector<std::size_t>& which) {
  const auto& p = c.particles;
  std::vector<double> radial = radial_structure_functions(c.box, p.position, p.type, c.type_count, grid, which, c.dimension);
  if (!angular) return radial;
  const std::vector<double> ang = angular_structure_functions(c.box, p.position, *angular, which, c.dimension);
  const std::size_t rows = which.empty() ? p.size() : which.size();
  const std::size_t fr = radial.size() / rows, fa = angular->count();
  std::vector<double> out;
  out.reserve(rows * (fr + fa));
  for (std::size_t r = 0; r < rows; ++r) {
    out.insert(out.end(), radial.begin() + static_cast<std::ptrdiff_t>(r * fr), radial.begin() + static_cast<std::ptrdiff_t>((r + 1) * fr));
    out.insert(out.end(), ang.begin() + static_cast<std::ptrdiff_t>(r * fa), ang.begin() + static_cast<std::ptrdiff_t>((r + 1) * fa));
  }
  return out;
}

nlohmann::json to_json(const SoftnessModel& m) {
  nlohmann::json cls = nlohmann::json::array();
  for (std::size_t t = 0; t < m.classifiers.size(); ++t) {
    if (!m.has_classifier[t]) {
      cls.push_back(nullptr);
      continue;
    }
    const LinearClassifier& c = m.classifiers[t];
    cls.push_back({{"type", t + 1}, {"mean", c.mean}, {"sd", c.sd}, {"weights", c.w}, {"bias", c.b}, {"C", c.C},
                   {"cv_accuracy", c.cv_accuracy}, {"rearranging", c.positives}, {"non_rearranging", c.negatives}});
  }
  return {{"format", "vitrum-softness"},
          {"version", SoftnessModel::kFormatVersion},
          {"units", m.units},
          {"length_scale", m.length_scale},
          {"type_count", m.type_count},
          {"dimension", m.dimension},
          {"features",
           {{"kind", "radial structure functions G_X(i; r) = sum_j exp(-(r_ij - r)^2 / (2 width^2)), Cubuk et al. 2015"},
            {"r_min", m.grid.r_min},
            {"r_max", m.grid.r_max},
            {"r_step", m.grid.r_step},
            {"width", m.grid.width},
            {"per_species", m.grid.count()},
            {"count", m.feature_count()},
            {"angular", m.use_angular ? nlohmann::json{{"xi", m.angular.xi}, {"lambda", m.angular.lambda},
                                                        {"zeta", m.angular.zeta}, {"cutoff", m.angular.cutoff},
                                                        {"count", m.angular.count()}}
                                      : nlohmann::json(nullptr)},
            {"order", "radial: neighbour type major, then r; then angular: xi major, then lambda, then zeta"},
            {"lengths", "multiples of length_scale"}}},
          {"scaler", "z = (x - mean) / sd per feature, from the balanced training set"},
          {"softness", "S = (w . z + bias) / |w|, > 0 on the rearranging side"},
          {"labels", m.labels},
          {"classifiers", cls}};
}

SoftnessModel softness_model_from_json(const nlohmann::json& j, const std::string& file) {
  auto fail = [&](const std::string& what) { throw Error(fmt::format("{}: {}", file, what)); };
  auto need = [&](const nlohmann::json& o, const char* key) -> const nlohmann::json& {
    if (!o.is_object() || !o.contains(key)) fail(fmt::format("missing key '{}'", key));
    return o.at(key);
  };
  SoftnessModel m;
  try {
    if (!j.is_object() || !j.contains("format") || j.at("format") != "vitrum-softness")
      fail("not a vitrum softness model (no \"format\": \"vitrum-softness\")");
    const int version = need(j, "version").get<int>();
    if (version != SoftnessModel::kFormatVersion)
      fail(fmt::format("model format version {} (this vitrum reads version {})", version, SoftnessModel::kFormatVersion));
    m.units = need(j, "units").get<std::string>();
    if (m.units != "lj" && m.units != "metal") fail(fmt::format("units '{}' (expected lj or metal)", m.units));
    m.length_scale = need(j, "length_scale").get<double>();
    if (!(m.length_scale > 0) || !std::isfinite(m.length_scale)) fail("length_scale must be positive");
    m.type_count = need(j, "type_count").get<int>();
    if (m.type_count < 1) fail("type_count must be >= 1");
    m.dimension = need(j, "dimension").get<int>();
    if (m.dimension != 2 && m.dimension != 3) fail("dimension must be 2 or 3");
    const auto& f = need(j, "features");
    m.grid.r_min = need(f, "r_min").get<double>();
    m.grid.r_max = need(f, "r_max").get<double>();
    m.grid.r_step = need(f, "r_step").get<double>();
    m.grid.width = need(f, "width").get<double>();
    if (f.contains("angular") && !f.at("angular").is_null()) {
      const auto& a = f.at("angular");
      m.use_angular = true;
      m.angular.xi = need(a, "xi").get<std::vector<double>>();
      m.angular.lambda = need(a, "lambda").get<std::vector<double>>();
      m.angular.zeta = need(a, "zeta").get<std::vector<int>>();
      m.angular.cutoff = need(a, "cutoff").get<double>();
    }
    try {
      m.grid.check("features");
      if (m.use_angular) m.angular.check("features");
    } catch (const Error& e) {
      fail(e.what());
    }
    if (need(f, "count").get<std::size_t>() != m.feature_count())
      fail(fmt::format("features.count {} differs from the grid's {}", f.at("count").get<std::size_t>(), m.feature_count()));
    m.labels = j.value("labels", nlohmann::json::object());
    const auto& cls = need(j, "classifiers");
    if (!cls.is_array() || cls.size() != static_cast<std::size_t>(m.type_count))
      fail(fmt::format("classifiers must be an array of type_count ({}) entries", m.type_count));
    const std::size_t nf = m.feature_count();
    bool any = false;
    for (std::size_t t = 0; t < cls.size(); ++t) {
      m.has_classifier.push_back(!cls[t].is_null());
      m.classifiers.emplace_back();
      if (cls[t].is_null()) continue;
      any = true;
      LinearClassifier& c = m.classifiers.back();
      c.mean = need(cls[t], "mean").get<std::vector<double>>();
      c.sd = need(cls[t], "sd").get<std::vector<double>>();
      c.w = need(cls[t], "weights").get<std::vector<double>>();
      c.b = need(cls[t], "bias").get<double>();
      c.C = cls[t].value("C", 0.0);
      c.cv_accuracy = cls[t].value("cv_accuracy", 0.0);
      c.positives = cls[t].value("rearranging", std::size_t{0});
      c.negatives = cls[t].value("non_rearranging", std::size_t{0});
      if (c.mean.size() != nf || c.sd.size() != nf || c.w.size() != nf)
        fail(fmt::format("classifier of type {}: mean, sd and weights need {} entries each", t + 1, nf));
      double ww = 0;
      for (std::size_t k = 0; k < nf; ++k) {
        if (!(c.sd[k] > 0) || !std::isfinite(c.mean[k]) || !std::isfinite(c.w[k]))
          fail(fmt::format("classifier of type {}: feature {} has a non-finite mean or weight or sd <= 0", t + 1, k));
        ww += c.w[k] * c.w[k];
      }
      if (!(ww > 0) || !std::isfinite(c.b)) fail(fmt::format("classifier of type {}: zero weights or bad bias", t + 1));
    }
    if (!any) fail("no classifier for any type");
  } catch (const nlohmann::json::exception& e) {
    fail(fmt::format("malformed model ({})", e.what()));
  }
  return m;
}

void write_softness_model(const std::filesystem::path& path, const SoftnessModel& m) {
  write_file_atomically(path, to_json(m).dump(1) + "\n");
}

SoftnessModel read_softness_model(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in || std::filesystem::is_directory(path)) throw Error(fmt::format("{}: cannot read the model file", path.string()));
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("{}: not JSON ({})", path.string(), e.what()));
  }
  return softness_model_from_json(j, path.string());
}

void check_model_fits(const SoftnessModel& m, const std::string& model_file, const Configuration& cfg,
                      const std::string& units, const std::string& config_file) {
  if (units != m.units)
    throw Error(fmt::format("{}: model trained in {} units, but {} is in {} units", model_file, m.units, config_file, units));
  if (cfg.type_count != m.type_count)
    throw Error(fmt::format("{}: model has {} particle types, but {} has {}", model_file, m.type_count, config_file,
                            cfg.type_count));
  if (cfg.dimension != m.dimension)
    throw Error(fmt::format("{}: model is for dimension {}, but {} is dimension {}", model_file, m.dimension, config_file,
                            cfg.dimension));
}

std::vector<double> predict_softness(const SoftnessModel& m, const Configuration& cfg) {
  const auto& p = cfg.particles;
  std::vector<std::size_t> which;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (m.has_classifier[static_cast<std::size_t>(p.type[i] - 1)]) which.push_back(i);
  std::vector<double> s(p.size(), std::numeric_limits<double>::quiet_NaN());
  if (which.empty()) return s;
  const AngularSet angular = m.angular_in_length_units();
  const std::vector<double> x = softness_features(cfg, m.grid_in_length_units(), m.use_angular ? &angular : nullptr, which);
  const std::size_t f = m.feature_count();
  for (std::size_t r = 0; r < which.size(); ++r)
    s[which[r]] = m.classifiers[static_cast<std::size_t>(p.type[which[r]] - 1)].distance(x.data() + r * f);
  return s;
}

}  // namespace vitrum::analysis
