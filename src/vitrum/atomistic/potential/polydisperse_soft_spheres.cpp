// Model entry for the Ninarello–Berthier–Coslovich polydisperse soft spheres.
#include "vitrum/atomistic/potential/polydisperse_soft_spheres.hpp"

#include "vitrum/atomistic/potential/model.hpp"

namespace vitrum {

// Diameters from P(σ) ∝ σ^-3 on [σ_min, σ_max] by inverting the CDF:
// F(σ) = (σ_min^-2 − σ^-2)/(σ_min^-2 − σ_max^-2)  ⇒  σ = (σ_min^-2 − u (σ_min^-2 − σ_max^-2))^-1/2.
// Mean ≈ 1, polydispersity ≈ 0.23; number density ρ = 1.0; unit mass (PRX 7, 021039 (2017)).
ModelSpec polydisperse_soft_spheres_model() {
  using P = PolydisperseSoftSpheres;
  return {
      "polydisperse-ss",
      "polydisperse soft spheres, per-atom diameters, non-additive sigma_ij (one type)",
      "A. Ninarello, L. Berthier and D. Coslovich, Phys. Rev. X 7, 021039 (2017)",
      {1.0},
      {1.0},
      1.0,
      [] { return std::make_unique<PairPotential<P>>("polydisperse-ss", P{}); },
      [](double u) {
        const double a = 1.0 / (P::kSigmaMin * P::kSigmaMin), b = 1.0 / (P::kSigmaMax * P::kSigmaMax);
        return 1.0 / std::sqrt(a - u * (a - b));
      },
  };
}

}  // namespace vitrum
