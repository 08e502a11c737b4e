// Lowest vibrational modes of an inherent structure (Spectra shift-invert), participation ratios, soft-spot field.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "vitrum/analysis/hessian.hpp"
#include "vitrum/analysis/sparse_cholesky.hpp"

namespace vitrum::analysis {

// Eigenpairs of the dynamical matrix D = M^{-1/2} H M^{-1/2} nearest zero, by Spectra's
// shift-invert Lanczos on a supernodal sparse Cholesky (CHOLMOD) of D − σ I with σ slightly below zero.
// The three lowest eigenvalues of a periodic system are the uniform translations (ω² = 0);
// they are reported in zero_modes() and left out of everything else.
//   participation ratio  PR = 1 / (N Σ_i |e_i|⁴)  (|e| normalised; 1 = all atoms, ~1/N = one atom)
//   soft-spot field      φ_i = Σ_{lowest soft_modes modes} |e_i|²   (Widmer-Cooper et al., Nat. Phys. 4, 711 (2008))
// The configuration must be an inherent structure (minimised): elsewhere H has negative modes.
class HessianModes {
 public:
  explicit HessianModes(int modes = 20, int soft_modes = 20, bool mass_weighted = true);

  void compute(const Potential& potential, const Particles& particles, const Box& box);

  [[nodiscard]] const std::vector<double>& eigenvalues() const { return eigenvalues_; }  // ω², ascending
  [[nodiscard]] const Eigen::MatrixXd& eigenvectors() const { return vectors_; }      // 3N × modes
  [[nodiscard]] const std::vector<double>& zero_modes() const { return zero_; }        // the 3 translations
  [[nodiscard]] const std::vector<double>& participation_ratios() const { return pr_; }
  [[nodiscard]] const std::vector<double>& soft_spot_field() const { return soft_; }
  [[nodiscard]] const HessianSolveTiming& timing() const { return timing_; }  // of the last compute()

 private:
  int modes_, soft_modes_;
  bool mass_weighted_;
  std::vector<double> eigenvalues_, zero_, pr_, soft_;
  Eigen::MatrixXd vectors_;
  HessianSolveTiming timing_;
};

}  // namespace vitrum::analysis
