#include "vitrum/analysis/hessian_modes.hpp"

#include <Spectra/SymEigsShiftSolver.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <numeric>

#include "vitrum/analysis/sparse_cholesky.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace {
// Spectra's shift-solve operator y = (A − σI)⁻¹ x on a supernodal Cholesky of the lower triangle.
class CholeskyShiftSolve {
 public:
  using Scalar = double;
  explicit CholeskyShiftSolve(const SparseMatrix& lower) : a_(lower) {}
  [[nodiscard]] Eigen::Index rows() const { return a_.rows(); }
  [[nodiscard]] Eigen::Index cols() const { return a_.cols(); }
  void set_shift(double sigma) {
    if (!solver_.factorize(a_, -sigma))
      throw Error(fmt::format("modes: D − σI (σ = {:g}) is not positive definite: the configuration has a mode with "
                              "ω² < σ (is it an inherent structure?)", sigma));
  }
  void perform_op(const double* x_in, double* y_out) const { solver_.solve(x_in, y_out); }
  [[nodiscard]] const SparseCholesky& cholesky() const { return solver_; }

 private:
  const SparseMatrix& a_;
  SparseCholesky solver_{"modes"};
};
}  // namespace

HessianModes::HessianModes(int modes, int soft_modes, bool mass_weighted)
    : modes_(modes), soft_modes_(soft_modes), mass_weighted_(mass_weighted) {
  if (modes < 1 || soft_modes < 0 || soft_modes > modes)
    throw Error(fmt::format("modes: need modes >= 1 and 0 <= soft modes <= modes (got {}, {})", modes, soft_modes));
}

void HessianModes::compute(const Potential& potential, const Particles& particles, const Box& box) {
  const std::size_t n = particles.size();
  const int dof = static_cast<int>(3 * n);
  const int nev = modes_ + 3;
  if (nev >= dof) throw Error(fmt::format("modes: {} modes asked of a system with {} degrees of freedom", modes_, dof));
  using clock = std::chrono::steady_clock;
  const auto seconds = [](clock::time_point a, clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const auto t0 = clock::now();
  const SparseMatrix d = hessian(potential, particles, box, mass_weighted_);
  const auto t1 = clock::now();
  // σ below zero keeps D − σI positive definite at an inherent structure; its size sets the scale
  // "near zero" (typical ω² of a dense LJ glass are O(1..100)).
  const double sigma = -1e-3;
  CholeskyShiftSolve op(d);
  Spectra::SymEigsShiftSolver<CholeskyShiftSolve> eigs(op, nev, std::min(dof, std::max(2 * nev + 1, nev + 20)), sigma);
  eigs.init();
  eigs.compute(Spectra::SortRule::LargestMagn, 1000, 1e-12);
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw Error("modes: the eigensolver did not converge (is the configuration minimised?)");
  const Eigen::VectorXd values = eigs.eigenvalues();
  const Eigen::MatrixXd vectors = eigs.eigenvectors();
  std::vector<int> order(static_cast<std::size_t>(values.size()));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return values[a] < values[b]; });
  zero_.clear();
  eigenvalues_.clear();
  vectors_.resize(dof, modes_);
  for (int k = 0; k < nev; ++k) {
    if (k < 3) {
      zero_.push_back(values[order[k]]);
      continue;
    }
    eigenvalues_.push_back(values[order[k]]);
    vectors_.col(k - 3) = vectors.col(order[k]);
  }
  pr_.assign(static_cast<std::size_t>(modes_), 0.0);
  soft_.assign(n, 0.0);
  for (int m = 0; m < modes_; ++m) {
    double sum2 = 0, sum4 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double e2 = vectors_.block<3, 1>(static_cast<Eigen::Index>(3 * i), m).squaredNorm();
      sum2 += e2;
      sum4 += e2 * e2;
      if (m < soft_modes_) soft_[i] += e2;
    }
    pr_[static_cast<std::size_t>(m)] = sum2 * sum2 / (static_cast<double>(n) * sum4);
  }
  const SparseCholesky& chol = op.cholesky();
  timing_ = {seconds(t0, t1), chol.factorization_seconds(), chol.solve_seconds(), 0.0, chol.solve_calls(),
             chol.factor_entries()};
  timing_.other = seconds(t1, clock::now()) - timing_.factorization - timing_.solves;
}

}  // namespace vitrum::analysis
