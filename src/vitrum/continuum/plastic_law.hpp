// Local plastic flow laws of the continuum solver: the STZ effective-temperature law and the free-volume law.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace vitrum::continuum {

inline constexpr double kBoltzmann = 1.380649e-23;  // J/K (SI 2019, exact)
inline constexpr double kElectronVolt = 1.602176634e-19;  // J

// A constitutive law gives, at a point with effective shear stress s̄ = sqrt(s² + τ²) (the in-plane deviator,
// s = (σxx − σyy)/2, τ = σxy) and one scalar internal variable x (χ in K for STZ, ξ for free volume):
//   the magnitude D^pl of the plastic rate of deformation (D^pl_ij = D^pl s_ij/s̄, plastic shear rate 2 D^pl),
//   the local rate of x driven by plastic work, and the prefactor k of the transport term ẋ += k ∇·(D^pl ∇x).
class PlasticLaw {
 public:
  virtual ~PlasticLaw() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual std::string_view state_name() const = 0;  // "chi" or "xi"
  [[nodiscard]] virtual double rate(double sbar, double x) const = 0;                 // D^pl [1/s]
  [[nodiscard]] virtual double rate_slope(double sbar, double x) const = 0;           // ∂D^pl/∂s̄ [1/(Pa s)]
  [[nodiscard]] virtual double state_rate(double sbar, double x, double dpl) const = 0;  // ẋ without transport
  [[nodiscard]] virtual double diffusion_prefactor() const = 0;                       // k [m²]
};

// Vitreloy 1 STZ parameters (../shared/REFERENCES.md, "Continuum STZ", from nmboffi/stzpp); SI units, K for χ.
struct StzParameters {
  double yield_stress = 0.85e9;       // s_y [Pa]
  double tau0 = 1e-13;                // molecular vibration time [s]
  double epsilon0 = 0.3;              // STZ strain
  double c0 = 0.4;                    // effective heat capacity
  double ez_over_kb = 21000.0;        // STZ formation energy e_z/k_B [K]
  double chi_inf = 900.0;             // steady-state effective temperature χ_∞ [K]
  double delta_over_kb = 8000.0;      // activation barrier Δ/k_B [K]
  double temperature = 400.0;         // bath temperature T [K]
  double stz_volume = 300.0 * 26.0 / 17.0 * 1e-30;  // Ω [m³] (≈ 459 Å³)
  double diffusion_length = 0.0;      // l_χ [m]; the solver requires it > 0 for a shear-banding run
};

// D^pl = τ0⁻¹ e^{−e_z/(k_B χ)} C(s̄) (1 − s_y/s̄) for s̄ > s_y, else 0; C(s̄) = e^{−Δ/k_BT} cosh(Ω ε0 s̄/k_BT),
// evaluated as two exponentials so that neither overflows. c0 χ̇ = (2 D^pl s̄/s_y)(χ_∞ − χ) + l_χ² ∇·(D^pl ∇χ).
class StzLaw final : public PlasticLaw {
 public:
  explicit StzLaw(const StzParameters& p);
  [[nodiscard]] std::string_view name() const override { return "stz"; }
  [[nodiscard]] std::string_view state_name() const override { return "chi"; }
  [[nodiscard]] double rate(double sbar, double chi) const override;
  [[nodiscard]] double rate_slope(double sbar, double chi) const override;
  [[nodiscard]] double state_rate(double sbar, double chi, double dpl) const override;
  [[nodiscard]] double diffusion_prefactor() const override;
  [[nodiscard]] const StzParameters& parameters() const { return p_; }

 private:
  StzParameters p_;
  double a_;  // Ω ε0 / (k_B T) [1/Pa]
  double b_;  // Δ / (k_B T)
};

// Free-volume parameters (Spaepen 1977; the continuum form of Huang, Suo, Prevost & Nix, JMPS 50, 1011 (2002)).
// ξ = v_f/(α v*) is the normalised free volume. Defaults: docs/stz.md says where each comes from.
struct FreeVolumeParameters {
  double attempt_frequency = 1e13;    // f [1/s] (Debye frequency)
  double alpha = 0.5;                 // geometric overlap factor α
  double activation_energy = 0.75 * kElectronVolt;  // ΔG^m [J]
  double atomic_volume = 1.627e-29;   // Ω [m³] (Vitreloy 1: mean atomic mass 60.0 g/mol, ρ = 6125 kg/m³)
  double hard_sphere_volume = 1.627e-29;  // v* [m³] (taken = Ω)
  double annihilation_jumps = 3.0;    // n_D
  double temperature = 400.0;         // T [K]
  double youngs_modulus = 101e9;      // E [Pa] (for S = E/(3(1−ν)))
  double poisson_ratio = 0.35;
  double diffusion_length = 0.0;      // l [m]: ξ̇ += l² ∇·(D^pl ∇ξ)
};

// 2D deviatoric form: D^pl = f e^{−1/ξ} e^{−ΔG/k_BT} sinh(s̄Ω/2k_BT) (so the plastic shear rate 2D^pl is HSPN's γ̇^p);
// ξ̇ = (f/α) e^{−1/ξ} e^{−ΔG/k_BT} [ (2k_BT/(ξ v* S))(cosh(s̄Ω/2k_BT) − 1) − 1/n_D ], S = E/(3(1−ν)).
class FreeVolumeLaw final : public PlasticLaw {
 public:
  explicit FreeVolumeLaw(const FreeVolumeParameters& p);
  [[nodiscard]] std::string_view name() const override { return "free-volume"; }
  [[nodiscard]] std::string_view state_name() const override { return "xi"; }
  [[nodiscard]] double rate(double sbar, double xi) const override;
  [[nodiscard]] double rate_slope(double sbar, double xi) const override;
  [[nodiscard]] double state_rate(double sbar, double xi, double dpl) const override;
  [[nodiscard]] double diffusion_prefactor() const override;
  // Homogeneous steady state under the plastic shear rate γ̇ (2 D^pl = γ̇): both rates balance. Returns {s̄, ξ}.
  [[nodiscard]] std::pair<double, double> steady_state(double shear_rate) const;
  [[nodiscard]] const FreeVolumeParameters& parameters() const { return p_; }

 private:
  FreeVolumeParameters p_;
  double a_;        // Ω/(2 k_B T) [1/Pa]
  double prefac_;   // f e^{−ΔG/k_BT} [1/s]
  double create_;   // 2 k_B T/(v* S)
};

// No plastic flow: the elastic limit (Done-means point 1 of issue 10).
class ElasticLaw final : public PlasticLaw {
 public:
  [[nodiscard]] std::string_view name() const override { return "elastic"; }
  [[nodiscard]] std::string_view state_name() const override { return "chi"; }
  [[nodiscard]] double rate(double, double) const override { return 0.0; }
  [[nodiscard]] double rate_slope(double, double) const override { return 0.0; }
  [[nodiscard]] double state_rate(double, double, double) const override { return 0.0; }
  [[nodiscard]] double diffusion_prefactor() const override { return 0.0; }
};

}  // namespace vitrum::continuum
