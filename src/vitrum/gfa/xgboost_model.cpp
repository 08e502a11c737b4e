#include "vitrum/gfa/xgboost_model.hpp"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cstdint>
#include <istream>
#include <limits>
#include <mutex>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::gfa {
namespace {

// Every C API call returns 0 or -1; on -1 XGBGetLastError() says why.
void check(int rc, const std::string& what) {
  if (rc != 0) throw Error(fmt::format("XGBoost: {}: {}", what, XGBGetLastError()));
}

void quiet_once() {
  static std::once_flag once;
  std::call_once(once, [] { check(XGBSetGlobalConfig(R"({"verbosity": 0})"), "set verbosity"); });
}

struct DMatrix {
  DMatrixHandle h = nullptr;
  ~DMatrix() { if (h) XGDMatrixFree(h); }
};

}  // namespace

XGBoostModel::XGBoostModel(XGBoostModel&& o) noexcept
    : booster_(o.booster_), importance_(std::move(o.importance_)), cols_(o.cols_), rounds_(o.rounds_),
      classification_(o.classification_) {
  o.booster_ = nullptr;
}

XGBoostModel& XGBoostModel::operator=(XGBoostModel&& o) noexcept {
  if (this != &o) {
    if (booster_) XGBoosterFree(booster_);
    booster_ = o.booster_;
    o.booster_ = nullptr;
    importance_ = std::move(o.importance_);
    cols_ = o.cols_;
    rounds_ = o.rounds_;
    classification_ = o.classification_;
  }
  return *this;
}

XGBoostModel::~XGBoostModel() {
  if (booster_) XGBoosterFree(booster_);
}

XGBoostModel XGBoostModel::train(const FeatureMatrix& x, const std::vector<double>& y, const BoostParams& p,
                                 const std::vector<std::size_t>& rows_in) {
  if (y.size() != x.rows) throw Error(fmt::format("xgboost: {} targets for {} rows", y.size(), x.rows));
  std::vector<std::size_t> rows = rows_in;
  if (rows.empty())
    for (std::size_t i = 0; i < x.rows; ++i) rows.push_back(i);
  if (rows.size() < 2 || x.cols == 0) throw Error("xgboost: need at least two rows and one feature to train");
  if (p.rounds < 1 || p.max_depth < 1 || p.eta <= 0) throw Error("xgboost: rounds, max_depth and eta must be positive");
  quiet_once();
  std::vector<float> xf(rows.size() * x.cols), yf(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::transform(x.row(rows[k]), x.row(rows[k]) + x.cols, xf.begin() + static_cast<std::ptrdiff_t>(k * x.cols),
                   [](double v) { return static_cast<float>(v); });
    yf[k] = static_cast<float>(y[rows[k]]);
  }
  DMatrix d;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  check(XGDMatrixCreateFromMat_omp(xf.data(), rows.size(), x.cols, nan, &d.h, 1), "create the training matrix");
  check(XGDMatrixSetFloatInfo(d.h, "label", yf.data(), yf.size()), "set labels");

  XGBoostModel m;
  m.cols_ = x.cols;
  m.rounds_ = p.rounds;
  m.classification_ = p.classification;
  check(XGBoosterCreate(&d.h, 1, &m.booster_), "create the booster");
  const auto set = [&](const char* key, const std::string& value) {
    check(XGBoosterSetParam(m.booster_, key, value.c_str()), fmt::format("set {} = {}", key, value));
  };
  set("objective", p.classification ? "binary:logistic" : "reg:squarederror");
  set("tree_method", "hist");
  set("max_depth", std::to_string(p.max_depth));
  set("eta", fmt::format("{:.17g}", p.eta));
  set("subsample", fmt::format("{:.17g}", p.subsample));
  set("colsample_bytree", fmt::format("{:.17g}", p.colsample_bytree));
  set("min_child_weight", fmt::format("{:.17g}", p.min_child_weight));
  set("lambda", fmt::format("{:.17g}", p.lambda));
  set("seed", std::to_string(p.seed));
  set("nthread", "1");  // see BoostParams::threads
  for (int it = 0; it < p.rounds; ++it) check(XGBoosterUpdateOneIter(m.booster_, it, d.h), fmt::format("boosting round {}", it));
  m.finish("xgboost training");
  return m;
}

void XGBoostModel::finish(const std::string& where) {
  check(XGBoosterSetParam(booster_, "nthread", "1"), where + ": set nthread");
  importance_.assign(cols_, 0.0);
  bst_ulong nf = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  check(XGBoosterFeatureScore(booster_, R"({"importance_type": "total_gain"})", &nf, &names, &dim, &shape, &scores),
        where + ": feature scores");
  // Without feature names XGBoost calls column j "f<j>"; features never split on are absent.
  double total = 0;
  for (bst_ulong i = 0; i < nf; ++i) {
    const std::string name = names[i];
    std::size_t j = 0;
    try {
      j = std::stoul(name.substr(1));
    } catch (const std::exception&) {
      throw Error(fmt::format("{}: unexpected XGBoost feature name '{}'", where, name));
    }
    if (name[0] != 'f' || j >= cols_) throw Error(fmt::format("{}: XGBoost feature '{}' out of range", where, name));
    importance_[j] = scores[i];
    total += scores[i];
  }
  if (total > 0)
    for (double& v : importance_) v /= total;
}

void XGBoostModel::predict_batch(const double* x, std::size_t rows, double* out) const {
  if (rows == 0) return;
  // __array_interface__ of the caller's row-major doubles: no copy.
  const std::string values = fmt::format(R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f8", "version": 3}})",
                                         reinterpret_cast<std::uintptr_t>(x), rows, cols_);
  static const char* config =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false, "cache_id": 0, "missing": NaN})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  check(XGBoosterPredictFromDense(booster_, values.c_str(), config, nullptr, &shape, &dim, &result), "predict");
  std::copy(result, result + rows, out);
}

double XGBoostModel::predict(const double* row) const {
  double out = 0;
  predict_batch(row, 1, &out);
  return out;
}

void XGBoostModel::write(std::ostream& out) const {
  bst_ulong len = 0;
  const char* buf = nullptr;
  check(XGBoosterSaveModelToBuffer(booster_, R"({"format": "json"})", &len, &buf), "save the model");
  out << fmt::format("xgboost {} {} {} {}\n", classification_ ? "classification" : "regression", cols_, rounds_, len);
  out.write(buf, static_cast<std::streamsize>(len));
  out << '\n';
}

XGBoostModel XGBoostModel::read(std::istream& in, const std::string& where) {
  std::string tag, kind;
  std::size_t cols = 0, bytes = 0;
  int rounds = 0;
  if (!(in >> tag >> kind >> cols >> rounds >> bytes) || tag != "xgboost" || (kind != "classification" && kind != "regression"))
    throw Error(fmt::format("{}: expected 'xgboost classification|regression COLS ROUNDS BYTES'", where));
  if (in.get() != '\n') throw Error(fmt::format("{}: expected a newline after the xgboost header", where));
  std::string json(bytes, '\0');
  if (!in.read(json.data(), static_cast<std::streamsize>(bytes)))
    throw Error(fmt::format("{}: truncated XGBoost model ({} bytes announced)", where, bytes));
  quiet_once();
  XGBoostModel m;
  m.cols_ = cols;
  m.rounds_ = rounds;
  m.classification_ = kind == "classification";
  check(XGBoosterCreate(nullptr, 0, &m.booster_), where + ": create the booster");
  check(XGBoosterLoadModelFromBuffer(m.booster_, json.data(), json.size()), where + ": load the XGBoost model");
  bst_ulong nf = 0;
  check(XGBoosterGetNumFeature(m.booster_, &nf), where + ": feature count");
  if (nf != cols) throw Error(fmt::format("{}: the XGBoost model has {} features, the header says {}", where, nf, cols));
  m.finish(where);
  return m;
}

}  // namespace vitrum::gfa
