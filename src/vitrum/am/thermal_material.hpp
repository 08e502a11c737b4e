// Constant thermal properties of the part for the analytic (conduction-only) LPBF thermal model, SI units.
#pragma once

namespace vitrum::am {

// The analytic kernels assume constant properties, no latent heat and no convection in the pool
// (Rosenthal; Stump & Plotkowski, Appl. Math. Model. 75, 787 (2019)).
struct ThermalMaterial {
  double conductivity_w_per_m_k = 0;
  double density_kg_per_m3 = 0;
  double specific_heat_j_per_kg_k = 0;
  double melting_k = 0;  // liquidus: the melt-pool boundary, and where crystals dissolve
  double ambient_k = 0;  // initial and far-field temperature (build-plate preheat)

  [[nodiscard]] double volumetric_heat() const { return density_kg_per_m3 * specific_heat_j_per_kg_k; }  // ρc, J/(m³ K)
  [[nodiscard]] double diffusivity() const { return conductivity_w_per_m_k / volumetric_heat(); }        // α, m²/s
  // Positive properties and T_ambient < T_melting; throws Error naming the bad one.
  void validate() const;
};

}  // namespace vitrum::am
