// Classical nucleation and growth in an undercooled melt: VFT viscosity, Stokes–Einstein diffusivity, steady-state I(T), u(T).
#pragma once
#include <string>

namespace vitrum::gfa {

enum class DrivingForce { Turnbull, ThompsonSpaepen };

// SI units throughout.
struct MeltKinetics {
  double liquidus_k = 0;           // T_l: ΔG = 0 here
  double glass_transition_k = 0;   // T_g: cooling integrations stop here (kinetics frozen)
  double fusion_enthalpy_j_per_mol = 0;
  double molar_volume_m3_per_mol = 0;
  double eta0_pa_s = 0, d_star = 0, t0_k = 0;  // VFT: η = η0 exp(D* T0 / (T - T0))
  double interfacial_energy_j_per_m2 = 0;      // σ of the crystal–liquid interface
  DrivingForce driving_force = DrivingForce::ThompsonSpaepen;

  // Checks signs and ordering (T0 < T_g < T_l); throws Error naming the bad parameter.
  void validate() const;

  [[nodiscard]] double viscosity(double t) const;             // Pa s
  [[nodiscard]] double atomic_spacing() const;                // a0 = (V_m / N_A)^(1/3), m
  [[nodiscard]] double diffusivity(double t) const;           // k T / (3 π η a0), m²/s
  [[nodiscard]] double driving_force_per_mol(double t) const;  // ΔG_l→x > 0 below T_l, J/mol
  // Steady-state homogeneous rate N_v (D/a0²) exp(-16π σ³ / (3 k T ΔG_v²)), per m³ per s.
  [[nodiscard]] double nucleation_rate(double t) const;
  // Interface-controlled growth (D/a0)(1 - exp(-ΔG/RT)), m/s.
  [[nodiscard]] double growth_rate(double t) const;
};

DrivingForce parse_driving_force(const std::string& name);  // "turnbull" or "thompson-spaepen"

// VFT T0 such that η(T_g) = 10^12 Pa s for given η0 and D* (when a recipe gives no T0).
double vft_t0_from_tg(double tg_k, double eta0_pa_s, double d_star);

// σ = α ΔH_f / (N_A^(1/3) V_m^(2/3)) (Turnbull's negentropic relation; α ≈ 0.4–0.5 for metals).
double turnbull_interfacial_energy(double alpha, double fusion_enthalpy_j_per_mol, double molar_volume_m3_per_mol);

}  // namespace vitrum::gfa
