#include "vitrum/gfa/nucleation.hpp"

#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::gfa {
namespace {
constexpr double kBoltzmann = 1.380649e-23;   // J/K
constexpr double kAvogadro = 6.02214076e23;   // 1/mol
constexpr double kGas = kBoltzmann * kAvogadro;
}  // namespace

DrivingForce parse_driving_force(const std::string& name) {
  if (name == "turnbull") return DrivingForce::Turnbull;
  if (name == "thompson-spaepen") return DrivingForce::ThompsonSpaepen;
  throw Error(fmt::format("driving_force '{}' is not 'turnbull' or 'thompson-spaepen'", name));
}

double vft_t0_from_tg(double tg_k, double eta0_pa_s, double d_star) {
  const double l = std::log(1e12 / eta0_pa_s);
  return tg_k * l / (d_star + l);
}

double turnbull_interfacial_energy(double alpha, double dh, double vm) {
  return alpha * dh / (std::cbrt(kAvogadro) * std::pow(vm, 2.0 / 3.0));
}

void MeltKinetics::validate() const {
  auto need = [](bool ok, const char* what, double v) {
    if (!ok) throw Error(fmt::format("melt kinetics: {} (got {})", what, v));
  };
  need(liquidus_k > 0, "liquidus_K must be > 0", liquidus_k);
  need(glass_transition_k > 0 && glass_transition_k < liquidus_k, "glass_transition_K must lie in (0, liquidus_K)", glass_transition_k);
  need(fusion_enthalpy_j_per_mol > 0, "fusion_enthalpy_J_per_mol must be > 0", fusion_enthalpy_j_per_mol);
  need(molar_volume_m3_per_mol > 0 && molar_volume_m3_per_mol < 1e-3, "molar_volume_m3_per_mol must be in (0, 1e-3)", molar_volume_m3_per_mol);
  need(eta0_pa_s > 0, "eta0_Pa_s must be > 0", eta0_pa_s);
  need(d_star > 0, "D_star must be > 0", d_star);
  need(t0_k >= 0 && t0_k < glass_transition_k, "VFT T0_K must lie in [0, glass_transition_K)", t0_k);
  need(interfacial_energy_j_per_m2 > 0, "interfacial energy must be > 0", interfacial_energy_j_per_m2);
}

double MeltKinetics::viscosity(double t) const { return eta0_pa_s * std::exp(d_star * t0_k / (t - t0_k)); }

double MeltKinetics::atomic_spacing() const { return std::cbrt(molar_volume_m3_per_mol / kAvogadro); }

double MeltKinetics::diffusivity(double t) const {
  return kBoltzmann * t / (3.0 * M_PI * viscosity(t) * atomic_spacing());
}

double MeltKinetics::driving_force_per_mol(double t) const {
  const double base = fusion_enthalpy_j_per_mol * (liquidus_k - t) / liquidus_k;
  return driving_force == DrivingForce::Turnbull ? base : base * 2.0 * t / (liquidus_k + t);
}

double MeltKinetics::nucleation_rate(double t) const {
  const double dg = driving_force_per_mol(t);
  if (dg <= 0) return 0.0;
  const double dgv = dg / molar_volume_m3_per_mol;
  const double a0 = atomic_spacing();
  const double nv = kAvogadro / molar_volume_m3_per_mol;
  const double s = interfacial_energy_j_per_m2;
  const double barrier = 16.0 * M_PI * s * s * s / (3.0 * dgv * dgv);
  return nv * diffusivity(t) / (a0 * a0) * std::exp(-barrier / (kBoltzmann * t));
}

double MeltKinetics::growth_rate(double t) const {
  const double dg = driving_force_per_mol(t);
  if (dg <= 0) return 0.0;
  return diffusivity(t) / atomic_spacing() * (1.0 - std::exp(-dg / (kGas * t)));
}

}  // namespace vitrum::gfa
