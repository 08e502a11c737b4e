// Evaluator for Lennard-Jones mixtures with per-type-pair ε, σ, cut-off, energy shifted to zero at the cut-off.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/atomistic/potential/pair_potential.hpp"

namespace vitrum {

// v(r) = 4 ε [(σ/r)^12 − (σ/r)^6] − v_c for r < r_c, 0 beyond (LAMMPS lj/cut with pair_modify
// shift yes; the same arithmetic as LAMMPS, so comparisons hold to round-off).
struct LennardJonesPair {
  double epsilon, sigma, cutoff;  // [energy], [length], [length]
};

class LennardJones {
 public:
  static constexpr bool kNeedsDiameter = false;
  struct Coeffs {
    double lj1 = 0, lj2 = 0, lj3 = 0, lj4 = 0, shift = 0, rcut_sq = 0, sigma = 1;
  };

  // `pairs[(a-1)*ntypes + (b-1)]` for types a, b in 1..ntypes; must be symmetric.
  LennardJones(int ntypes, std::vector<LennardJonesPair> pairs);

  [[nodiscard]] Coeffs coeffs(int a, int b, double, double) const { return table_[(a - 1) * ntypes_ + (b - 1)]; }
  [[nodiscard]] double cutoff() const { return max_cutoff_; }
  [[nodiscard]] int type_count() const { return ntypes_; }
  [[nodiscard]] const LennardJonesPair& pair(int a, int b) const { return pairs_[(a - 1) * ntypes_ + (b - 1)]; }

  static PairTerm eval(double rsq, const Coeffs& c) {
    const double r2inv = 1.0 / rsq;
    const double r6inv = r2inv * r2inv * r2inv;
    return {r6inv * (c.lj1 * r6inv - c.lj2) * r2inv, r6inv * (c.lj3 * r6inv - c.lj4) - c.shift};
  }
  // d²v/dr² = (13 lj1 (σ/r)^12 − 7 lj2 (σ/r)^6) / r² (lj1 = 48εσ^12, lj2 = 24εσ^6): for Hessians.
  static double d2v_dr2(double rsq, const Coeffs& c) {
    const double r2inv = 1.0 / rsq;
    const double r6inv = r2inv * r2inv * r2inv;
    return r6inv * (13.0 * c.lj1 * r6inv - 7.0 * c.lj2) * r2inv;
  }

 private:
  int ntypes_;
  std::vector<LennardJonesPair> pairs_;
  std::vector<Coeffs> table_;
  double max_cutoff_ = 0;
};

}  // namespace vitrum
