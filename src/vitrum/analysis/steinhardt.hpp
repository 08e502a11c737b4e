// Steinhardt bond-orientational order q_l and normalised w_l per particle (freud's Steinhardt, in double precision).
#pragma once
#include <vector>

#include "vitrum/analysis/neighbors.hpp"

namespace vitrum::analysis {

// Steinhardt, Nelson & Ronchetti, PRB 28, 784 (1983):
//   q_lm(i) = Σ_j w_ij Y_lm(r̂_ij) / Σ_j w_ij,   q_l(i) = √(4π/(2l+1) Σ_m |q_lm(i)|²),
//   ŵ_l(i) = Σ_{m1+m2+m3=0} (l l l; m1 m2 m3) q_lm1 q_lm2 q_lm3 / (Σ_m |q_lm|²)^{3/2}.
// w_ij = 1 for a cut-off neighbour set; with `weighted`, the neighbours' weights (Voronoi face
// areas: Mickel et al., J. Chem. Phys. 138, 044501 (2013)). Perfect FCC: q4 = 0.19094, q6 = 0.57452,
// ŵ6 = −0.01316; ICO: q6 = 0.66332, ŵ6 = −0.16975. A particle without neighbours gets q = w = 0.
class Steinhardt {
 public:
  explicit Steinhardt(std::vector<int> ls = {4, 6}, bool weighted = false);

  void compute(const Neighbors& neighbors);

  [[nodiscard]] const std::vector<int>& ls() const { return ls_; }
  [[nodiscard]] const std::vector<double>& ql(int l) const { return q_[which(l)]; }
  [[nodiscard]] const std::vector<double>& wl(int l) const { return w_[which(l)]; }
  [[nodiscard]] double mean_ql(int l) const;  // over particles with at least one neighbour

 private:
  [[nodiscard]] std::size_t which(int l) const;
  std::vector<int> ls_;
  bool weighted_;
  std::vector<std::vector<double>> q_, w_;
  std::vector<char> has_neighbors_;
};

// Wigner 3j symbol (j1 j2 j3; m1 m2 m3) for integer arguments (Racah's formula, exact to round-off for j <= 20).
double wigner_3j(int j1, int j2, int j3, int m1, int m2, int m3);

}  // namespace vitrum::analysis
