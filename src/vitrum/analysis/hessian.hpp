// Sparse Hessian of the potential energy of a pair potential, from its analytic first and second derivatives.
#pragma once
#include <Eigen/SparseCore>

#include "vitrum/atomistic/potential/potential.hpp"

namespace vitrum::analysis {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

// H_{iα,jβ} = ∂²U/∂x_iα ∂x_jβ (3N × 3N, particle-major: row 3i+α). For a pair at R = x_j − x_i,
// K = (v'' − v'/r) R̂R̂ + (v'/r) I enters H_ii and H_jj with +, H_ij and H_ji with −.
// Only the lower triangle is stored (use selfadjointView<Eigen::Lower>()). With `mass_weighted`,
// entries are divided by √(m_i m_j): the dynamical matrix, whose eigenvalues are ω².
SparseMatrix hessian(const Potential& potential, const Particles& particles, const Box& box, bool mass_weighted = false);

// The pair stiffness pieces for R (squared distance rsq): κ = v'' − v'/r and v'/r.
struct PairStiffness {
  double kappa;     // v'' − v'/r
  double dv_dr_r;   // v'/r
};
inline PairStiffness pair_stiffness(const Potential& u, const Particles& p, std::size_t i, std::size_t j, double rsq) {
  const double dv_dr_r = -u.pair_term(p, i, j, rsq).force_divr;
  return {u.pair_d2v_dr2(p, i, j, rsq) - dv_dr_r, dv_dr_r};
}

}  // namespace vitrum::analysis
