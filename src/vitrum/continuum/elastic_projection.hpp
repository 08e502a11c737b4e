// The elliptic half of the projection method: the velocity that keeps the stress in quasi-static equilibrium.
#pragma once
#include <Eigen/Sparse>
#include <Eigen/SparseCholesky>

#include "vitrum/continuum/staggered_grid.hpp"

namespace vitrum::continuum {

// Plane-strain isotropic elasticity written for the in-plane fields: with p = −(σxx+σyy)/2, s = (σxx−σyy)/2,
// ṗ = −K₂ tr D, ṡ = 2μ (Dxx − Dyy)/2, τ̇ = 2μ Dxy, where K₂ = λ + μ is the plane-strain (2D) bulk modulus.
struct Moduli {
  double shear = 0;   // μ [Pa]
  double bulk2d = 0;  // K₂ = λ + μ [Pa]
  static Moduli from_young(double youngs_modulus, double poisson_ratio);
};

// Rycroft, Sui & Bouchbinder (J. Comput. Phys. 300, 136, 2015): in the quasi-static limit the velocity is the
// solution of an elliptic problem. With the strain rate D = G w + b U of the velocity unknowns w (walls moving at
// ±U), the stress rate r + C D (r: every non-elastic rate) must have zero discrete divergence, −Gᵀ W (r + C D) = 0
// (W: the area of each stress point, so that −GᵀW is the discrete divergence), hence
//     (Gᵀ W C G) w = −Gᵀ W (r + C b U).
// The operator is the discrete Navier–Lamé operator: constant in time (homogeneous moduli), sparse (≤ 13 entries a
// row) and symmetric positive definite. It is factorised once by Eigen's SimplicialLDLT with AMD ordering; each
// solve is then two sparse triangular sweeps. On an n×n grid the factor holds O(n² log n) entries, and a solve
// costs about as much as a few conjugate-gradient iterations, while CG needs O(n) iterations for this operator
// (condition number ∝ n²), so the direct factorisation wins at every size we run (up to 512² here); a multigrid
// would only pay off on much larger grids.
class ElasticProjection {
 public:
  using Vector = Eigen::VectorXd;
  ElasticProjection(const Grid& grid, const Moduli& moduli);

  // d = G w + b U (layout of Grid::stress_size()).
  void strain_rate(const Vector& w, double wall_speed, Vector& d) const;
  // out = C d.
  void stiffness(const Vector& d, Vector& out) const;
  // Given the non-elastic stress rate r, solves for the velocity unknowns w and turns r into the full stress
  // rate r + C (G w + b U), which has zero discrete divergence.
  void project(Vector& rate, double wall_speed, Vector& w) const;
  // max over velocity points of |div σ| [Pa/m] (on the u and v points of the staggered grid).
  [[nodiscard]] double max_divergence(const Vector& sigma) const;
  // Velocity components at the velocity points (u at x-faces, v at interior y-faces).
  [[nodiscard]] const Grid& grid() const { return g_; }
  [[nodiscard]] const Moduli& moduli() const { return m_; }
  [[nodiscard]] std::size_t factor_nonzeros() const { return factor_nnz_; }

 private:
  Grid g_;
  Moduli m_;
  Eigen::SparseMatrix<double> G_;      // strain rate of the unknowns
  Vector b_;                            // strain rate of the walls per unit wall speed
  Eigen::SparseMatrix<double> GtW_;    // minus h² × discrete divergence
  Vector GtWCb_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver_;
  std::size_t factor_nnz_ = 0;
};

}  // namespace vitrum::continuum
