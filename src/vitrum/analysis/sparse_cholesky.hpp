// Supernodal sparse Cholesky (CHOLMOD, SuiteSparse) of a symmetric matrix given by its lower triangle.
#pragma once
#include <Eigen/Dense>
#include <memory>
#include <string>

#include "vitrum/analysis/hessian.hpp"

namespace vitrum::analysis {

// Where the time of a Hessian analysis went (wall seconds) and how large the factor was: for reports and benchmarks.
struct HessianSolveTiming {
  double assembly = 0;       // the Hessian (elastic: also the Born term and Ξ)
  double factorization = 0;  // ordering, symbolic analysis and numeric factorisation
  double solves = 0;         // triangular solves
  double other = 0;          // modes: the Lanczos work outside the solves, and the participation ratios
  long solve_calls = 0;      // calls to solve (elastic: one call with six right-hand sides)
  double factor_entries = 0;
};

// A + shift·I = L Lᵀ by CHOLMOD's supernodal factorisation (fill-reducing ordering: AMD, or METIS where AMD fills
// in badly; dense blocks through BLAS). At N = 4000 Kob–Andersen atoms (12000 × 12000, ~80 neighbours each) it is
// ~30× faster than Eigen's SimplicialLDLT, whose column-by-column updates cannot use BLAS, when libblas.so.3 is
// OpenBLAS (3× with the reference BLAS). The solves reuse CHOLMOD's workspace (cholmod_solve2).
// Errors are vitrum::Error prefixed by `what`; CHOLMOD itself prints nothing.
class SparseCholesky {
 public:
  explicit SparseCholesky(std::string what);
  ~SparseCholesky();
  SparseCholesky(const SparseCholesky&) = delete;
  SparseCholesky& operator=(const SparseCholesky&) = delete;

  // Factorises A + shift·I, A square with its lower triangle in `lower` (entries above the diagonal are ignored).
  // Returns false when A + shift·I is not positive definite (a pivot ≤ 0: the caller words the error);
  // throws vitrum::Error when CHOLMOD fails otherwise (out of memory, a factor too large for 32-bit indices),
  // or when the factor would not fit in this machine's memory (checked after the symbolic analysis).
  [[nodiscard]] bool factorize(const SparseMatrix& lower, double shift = 0.0);

  // X = (A + shift·I)⁻¹ B for `cols` right-hand sides stored column-major (leading dimension rows()).
  void solve(const double* b, double* x, int cols = 1) const;
  [[nodiscard]] Eigen::MatrixXd solve(const Eigen::MatrixXd& b) const;

  [[nodiscard]] Eigen::Index rows() const;
  [[nodiscard]] double factor_entries() const;  // stored entries of L (supernodal blocks included)
  [[nodiscard]] double flops() const;           // floating-point operations of the factorisation
  [[nodiscard]] double factorization_seconds() const { return factor_seconds_; }  // summed over factorize calls
  [[nodiscard]] double solve_seconds() const { return solve_seconds_; }          // summed over solve calls
  [[nodiscard]] long solve_calls() const { return solve_calls_; }

 private:
  struct Impl;
  std::string what_;
  std::unique_ptr<Impl> impl_;
  double factor_seconds_ = 0;
  mutable double solve_seconds_ = 0;
  mutable long solve_calls_ = 0;
};

}  // namespace vitrum::analysis
