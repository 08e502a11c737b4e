// Athermal elastic constants of an inherent structure: Born term minus the non-affine relaxation through the Hessian.
#pragma once
#include <array>

#include "vitrum/analysis/sparse_cholesky.hpp"
#include "vitrum/atomistic/potential/potential.hpp"

namespace vitrum::analysis {

using Voigt6 = std::array<std::array<double, 6>, 6>;

// With Lagrangian strain η and the Voigt order of vitrum's Sym6 (xx yy zz xy xz yz):
//   C_αβγδ = C^Born − (1/V) Ξᵀ H⁺ Ξ        (Lutsko, J. Appl. Phys. 65, 2991 (1989); Lemaître & Maloney 2006)
//   C^Born_αβγδ = (1/V) Σ_pairs (v'' − v'/r) R_α R_β R_γ R_δ / r²
//   Ξ_{iμ,αβ}   = ∂²U/∂x_iμ ∂η_αβ = −Σ_j (v'' − v'/r) R_α R_β R_μ / r²   (R = x_j − x_i; valid where F_i = 0)
// H⁺ Ξ is solved by a supernodal sparse Cholesky (CHOLMOD) with one particle pinned (Ξ has no translation part, so pinning
// leaves Ξᵀ H⁺ Ξ unchanged). These are energy second derivatives per volume at fixed reference;
// the modulus an AQS simple shear (x += γ y) measures is dσ_xy/dγ = C_xyxy + σ_yy, where
// σ_αβ = (1/V) ∂U/∂η_αβ = −W_αβ / V (virial W, no kinetic part): shear_modulus_xy().
class ElasticConstants {
 public:
  ElasticConstants() = default;

  // Needs an inherent structure (max |F| small): the non-affine formula assumes force balance.
  void compute(const Potential& potential, const Particles& particles, const Box& box);

  [[nodiscard]] const Voigt6& born() const { return born_; }
  [[nodiscard]] const Voigt6& relaxation() const { return relax_; }  // (1/V) Ξᵀ H⁺ Ξ
  [[nodiscard]] Voigt6 constants() const;                            // born − relaxation
  [[nodiscard]] const std::array<double, 6>& stress() const { return stress_; }  // σ (Sym6 order)
  [[nodiscard]] double shear_modulus_xy() const;                     // C_xyxy + σ_yy
  [[nodiscard]] double affine_shear_modulus_xy() const;              // C^Born_xyxy + σ_yy
  // Isotropic averages: bulk K = (C11+C22+C33 + 2(C12+C13+C23))/9, shear G = Voigt average
  // ((C11+C22+C33) − (C12+C13+C23) + 3(C44+C55+C66))/15 (from constants()).
  [[nodiscard]] double bulk_modulus() const;
  [[nodiscard]] double shear_modulus() const;
  [[nodiscard]] const HessianSolveTiming& timing() const { return timing_; }  // of the last compute()

 private:
  Voigt6 born_{}, relax_{};
  std::array<double, 6> stress_{};
  HessianSolveTiming timing_;
};

}  // namespace vitrum::analysis
