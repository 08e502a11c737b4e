// Evaluator for Ninarello–Berthier–Coslovich polydisperse soft spheres: per-particle diameters, non-additive σ_ij.
#pragma once
#include <string_view>

#include "vitrum/atomistic/potential/pair_potential.hpp"

namespace vitrum {

// Ninarello, Berthier & Coslovich, PRX 7, 021039 (2017), Eq. (1)–(2):
//   v(r) = ε (σ_ij/r)^12 + ε [c0 + c2 (r/σ_ij)^2 + c4 (r/σ_ij)^4]  for r < 1.25 σ_ij, 0 beyond,
//   σ_ij = ½(σ_i + σ_j)(1 − 0.2 |σ_i − σ_j|),
// with c0, c2, c4 making v, v' and v'' vanish at the cut-off x_c = 1.25 (no shift needed). ε = 1 is the
// model's unit of energy. The three conditions give c0 = −28/x_c^12, c2 = 48/x_c^14, c4 = −21/x_c^16
// (−1.92415, 2.11106, −0.591097 to the paper's printed digits); we use these exact values: the printed
// ones leave a force step of 5e-5 at the cut-off, enough to stall a minimisation to max |F| < 1e-10
// whenever a pair sits at r_c (AQS of a sheared polydisperse glass).
class PolydisperseSoftSpheres {
 public:
  static constexpr bool kNeedsDiameter = true;
  // 1.25^k = 5^k / 4^k is exact in double for these k.
  static constexpr double kXc12 = 14.551915228366851806640625, kXc14 = 22.737367544323205947875977,
                          kXc16 = 35.527136788005009293556213;
  static constexpr double kC0 = -28.0 / kXc12, kC2 = 48.0 / kXc14, kC4 = -21.0 / kXc16;
  static constexpr double kCutoffRatio = 1.25;
  static constexpr double kNonAdditivity = 0.2;
  static constexpr double kSigmaMin = 0.7253, kSigmaMax = 1.6095;  // support of P(σ) ∝ σ^-3
  struct Coeffs {
    double sigma_sq = 1, inv_sigma_sq = 1, rcut_sq = 0, sigma = 1;
  };

  [[nodiscard]] Coeffs coeffs(int, int, double di, double dj) const {
    const double s = 0.5 * (di + dj) * (1.0 - kNonAdditivity * (di > dj ? di - dj : dj - di));
    const double s2 = s * s;
    return {s2, 1.0 / s2, kCutoffRatio * kCutoffRatio * s2, s};
  }
  // The largest σ_ij is reached by two particles of the largest diameter.
  [[nodiscard]] double cutoff() const { return kCutoffRatio * kSigmaMax; }
  [[nodiscard]] int type_count() const { return 1; }

  static PairTerm eval(double rsq, const Coeffs& c) {
    const double x = c.sigma_sq / rsq;  // (σ/r)^2
    const double x6 = x * x * x * x * x * x;
    const double y = rsq * c.inv_sigma_sq;  // (r/σ)^2
    const double energy = x6 + kC0 + kC2 * y + kC4 * y * y;
    const double force_divr = 12.0 * x6 / rsq - (2.0 * kC2 + 4.0 * kC4 * y) * c.inv_sigma_sq;
    return {force_divr, energy};
  }
  // d²v/dr² = 156 (σ/r)^12 / r² + (2 c2 + 12 c4 (r/σ)²) / σ²: for Hessians.
  static double d2v_dr2(double rsq, const Coeffs& c) {
    const double x = c.sigma_sq / rsq;
    const double x6 = x * x * x * x * x * x;
    const double y = rsq * c.inv_sigma_sq;
    return 156.0 * x6 / rsq + (2.0 * kC2 + 12.0 * kC4 * y) * c.inv_sigma_sq;
  }
};

}  // namespace vitrum
