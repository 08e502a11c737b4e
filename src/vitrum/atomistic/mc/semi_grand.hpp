// Settings of the variance-constrained semi-grand-canonical ensemble (VC-SGC) for alloy Monte Carlo.
#pragma once
#include <vector>

namespace vitrum {

// The variance-constrained semi-grand-canonical ensemble (VC-SGC; Sadigh et al., PRB 85, 184203
// (2012)): the species of one atom changes at a time, and states are weighted by
//   exp(−[U + N Σ_{t≥2} (φ_t c_t + κ k_BT (c_t − c̄_t)²)] / k_BT),   c_t = N_t / N,
// type 1 the reference species. κ = 0 is the plain semi-grand-canonical ensemble with φ_t = μ_1 − μ_t
// (LAMMPS fix sgcmc's deltamu); κ > 0 holds the concentrations near c̄ even inside a miscibility gap,
// where ⟨c_t⟩ then measures the free-energy slope: ∂(F/N)/∂c_t = −φ_t − 2κ k_BT (⟨c_t⟩ − c̄_t).
// (Sadigh's own parameters are φ_t − 2κk_BT c̄_t and κk_BT.)
struct VcSgcSettings {
  std::vector<double> phi;            // φ_t for types 2..n [internal energy]
  std::vector<double> concentration;  // c̄_t for types 2..n
  double kappa = 0;                   // dimensionless (in units of k_BT)
  std::vector<double> type_masses;    // internal masses, index t−1: an atom's mass follows its species
};

}  // namespace vitrum
