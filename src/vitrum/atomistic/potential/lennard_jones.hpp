// Evaluators for Lennard-Jones mixtures with per-type-pair ε, σ, cut-off: energy-shifted, or energy- and force-shifted.
#pragma once
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/atomistic/potential/model.hpp"
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

// The same mixture with the force shifted as well (LAMMPS lj/smooth/linear, Toxvaerd & Dyre, J. Chem. Phys. 134,
// 081102 (2011)): v_sf(r) = v(r) − v(r_c) − (r − r_c) v'(r_c). Force and energy both vanish at r_c, so velocity
// Verlet conserves energy without the slow heating that the force jump of the energy-shifted form causes.
class ForceShiftedLennardJones {
 public:
  static constexpr bool kNeedsDiameter = false;
  struct Coeffs : LennardJones::Coeffs {
    double rcut = 0, force_cut = 0;  // r_c and |v'(r_c)| (positive when repulsive at r_c)
  };

  explicit ForceShiftedLennardJones(LennardJones mixture);

  [[nodiscard]] Coeffs coeffs(int a, int b, double, double) const { return table_[(a - 1) * ntypes_ + (b - 1)]; }
  [[nodiscard]] double cutoff() const { return max_cutoff_; }
  [[nodiscard]] int type_count() const { return ntypes_; }

  static PairTerm eval(double rsq, const Coeffs& c) {
    const double r2inv = 1.0 / rsq;
    const double r6inv = r2inv * r2inv * r2inv;
    const double rinv = std::sqrt(r2inv);
    const double r = rsq * rinv;
    return {(r6inv * (c.lj1 * r6inv - c.lj2) * rinv - c.force_cut) * rinv,
            r6inv * (c.lj3 * r6inv - c.lj4) - c.shift + (r - c.rcut) * c.force_cut};
  }
  // The linear term has no curvature: d²v_sf/dr² = d²v/dr².
  static double d2v_dr2(double rsq, const Coeffs& c) { return LennardJones::d2v_dr2(rsq, c); }

 private:
  int ntypes_;
  std::vector<Coeffs> table_;
  double max_cutoff_ = 0;
};

// The registry entry of a Lennard-Jones mixture under either truncation (name, summary suffix, potential).
ModelSpec lennard_jones_model(ModelSpec spec, LennardJones mixture, Truncation truncation);

}  // namespace vitrum
