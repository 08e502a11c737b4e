// Softness (Cubuk et al., PRL 114, 108001 (2015)): a linear SVM on structure functions that separates particles about
// to rearrange from those that do not; softness is the signed distance to its hyperplane. Training, model file, predict.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vitrum/analysis/structure_functions.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::analysis {

// A hyperplane in standardised feature space, z = (x − mean)/sd: S = (w·z + b)/|w|, > 0 on the rearranging side.
struct LinearClassifier {
  std::vector<double> mean, sd;  // the scaler (sd of a constant feature is stored as 1: that feature is then 0)
  std::vector<double> w;
  double b = 0;
  double C = 0;                  // the penalty chosen by cross-validation
  double cv_accuracy = 0;        // its mean accuracy over the folds (balanced training set)
  std::size_t positives = 0, negatives = 0;  // training samples used after balancing

  [[nodiscard]] double distance(const double* x) const;  // S of one feature row
};

struct SvmOptions {
  std::vector<double> c_grid{1e-3, 1e-2, 1e-1, 1.0, 10.0};  // penalties tried by cross-validation
  int folds = 5;
  bool balance = true;           // subsample the larger class to the size of the smaller (Cubuk et al.)
  std::uint64_t seed = 1;        // the subsample and the fold assignment
  double tolerance = 1e-3;       // liblinear's stopping criterion eps
};

// Linear soft-margin SVM (hinge loss, L2 penalty: liblinear's L2R_L1LOSS_SVC_DUAL with a bias feature of 1) on the
// row-major n × features matrix x, labels y = +1 / −1. Standardises the features, balances the classes, picks C by
// stratified k-fold cross-validation (highest mean accuracy; the smaller C on a tie) and trains on the whole balanced
// set with it. Throws vitrum::Error when a class has fewer than `folds` samples.
LinearClassifier train_linear_svm(const std::vector<double>& x, std::size_t features, const std::vector<int>& y,
                                  const SvmOptions& options);

// What a model's features are and where its hyperplanes apply.
struct SoftnessModel {
  static constexpr int kFormatVersion = 1;
  std::string units = "lj";       // the unit system of the configurations it was trained on (lj or metal)
  double length_scale = 1.0;      // grid lengths are multiples of this (σ = 1 in lj; a stated length in Å in metal)
  RadialGrid grid;                // in multiples of length_scale
  bool use_angular = false;       // angular functions after the radial ones (xi and cutoff in multiples of length_scale)
  AngularSet angular;
  int type_count = 0;
  int dimension = 3;
  nlohmann::json labels;          // how the training labels were made (thresholds, inputs): for the record
  // One hyperplane per central particle type (index t − 1); a type without one (too few samples) has none and gets NaN.
  std::vector<bool> has_classifier;
  std::vector<LinearClassifier> classifiers;

  [[nodiscard]] RadialGrid grid_in_length_units() const;  // grid × length_scale
  [[nodiscard]] AngularSet angular_in_length_units() const;
  [[nodiscard]] std::size_t feature_count() const {
    return grid.count() * static_cast<std::size_t>(type_count) + (use_angular ? angular.count() : 0);
  }
};

// The features of the particles `which` of c: radial structure functions, then the angular ones when `angular` is
// given (lengths in the system's units), row-major.
std::vector<double> softness_features(const Configuration& c, const RadialGrid& grid, const AngularSet* angular,
                                      const std::vector<std::size_t>& which);

nlohmann::json to_json(const SoftnessModel& m);
// Throws vitrum::Error "FILE: ..." on a missing key, a wrong format name or version, or inconsistent lengths.
SoftnessModel softness_model_from_json(const nlohmann::json& j, const std::string& file);
void write_softness_model(const std::filesystem::path& path, const SoftnessModel& m);
SoftnessModel read_softness_model(const std::filesystem::path& path);

// Refuses (vitrum::Error, one line naming both files) a configuration the model does not fit: other units, other
// type count, other dimension.
void check_model_fits(const SoftnessModel& m, const std::string& model_file, const Configuration& cfg,
                      const std::string& units, const std::string& config_file);

// Softness of every particle of cfg (NaN for types without a hyperplane).
std::vector<double> predict_softness(const SoftnessModel& m, const Configuration& cfg);

}  // namespace vitrum::analysis
