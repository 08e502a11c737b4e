// Finite-rate simple shear in xy: SLLOD equations of motion in the deforming (Lees–Edwards) box, thermostatted on
// the peculiar velocities, and the stress-controlled (creep) law that drives the box tilt.
#pragma once
#include <cstdint>
#include <string>

#include "vitrum/atomistic/integrate/thermostat_chain.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

// Velocities are *peculiar* (thermal) velocities c_i = v_i − γ̇ (y_i − ylo) x̂ throughout: the streaming
// profile is carried by the box, as in LAMMPS `fix deform ... remap v` + `compute temp/deform`. A peculiar
// velocity is the same for a particle and all its periodic images, so nothing is remapped when a particle
// crosses the y faces, and measure() (temperature, pressure tensor) reads the thermal kinetic part directly.
struct SllodOptions {
  double dt = 0.005;
  std::string thermostat = "nose-hoover";  // nose-hoover (chain, as LAMMPS fix nvt/sllod) | bussi
  double tdamp = 0.5;
  int chain = 1;                           // 1 as LAMMPS nvt/sllod: a chain biases T under steady heating
  std::uint32_t seed = 1;                  // bussi
};

// SLLOD (Evans & Morriss, "Statistical Mechanics of Nonequilibrium Liquids", 2nd ed., ch. 6):
//   dr/dt = c + γ̇ (y − ylo) x̂,   m dc/dt = F − m γ̇ c_y x̂ − (thermostat) m c.
// One step, symmetric (time-reversible) splitting: thermostat dt/2 · [kick dt/2, c_x −= γ̇ c_y dt/2] ·
// [affine shear γ̇ dt/2, drift c dt, affine shear γ̇ dt/2] · forces · [c_x −= γ̇ c_y dt/2, kick dt/2] ·
// thermostat dt/2 (Bussi: one stochastic rescaling at the end instead). The affine half-steps are the AQS
// stage's affine_shear: the tilt grows by γ̇ Ly dt per step and flips by Lx when |xy| > Lx/2. With γ̇ = 0
// the step is exactly the NVT integrator of the same thermostat.
class Sllod {
 public:
  explicit Sllod(const SllodOptions& o);
  // On entry the forces belong to the current positions; γ̇ is held constant over the step.
  void step(System& s, std::int64_t step, double temperature, double gamma_dot);
  void checkpoint(Archive& ar);

 private:
  void thermostat_half(System& s, double temperature);
  SllodOptions o_;
  ThermostatChain chain_;
};

// σ_xy = −P_xy = −(Σ m c_x c_y + W_xy)/V with peculiar velocities: the same sign as the AQS stage's
// shear_stress() (which has no kinetic part), so that σ_xy > 0 under positive strain rate, η = σ_xy/γ̇ > 0.
[[nodiscard]] double sheared_stress_xy(const System& s);

// Stress control of the tilt for creep: a proportional–integral law on the error e = σ_target − σ_xy,
//   γ̇(t) = [e(t) + (1/τ_I) ∫_0^t e dt'] / η_box.
// Why PI and not the proportional law γ̇ = e/η_box alone: in steady flow that law leaves the offset
// σ_target − σ_xy = η_box γ̇ (the box viscosity acts as a dashpot in series with the sample), so a liquid
// would never carry the target stress; the integral term removes the offset in any steady state, flowing
// or arrested. For an elastic solid (σ = G γ) the loop is a damped oscillator with damping ratio
// ζ = ½ √(G τ_I / η_box); for a Newtonian liquid of viscosity η the stress approaches its target with the
// time τ_I (η_box + η)/η. integral_time = 0 switches the integral term off (proportional law).
struct CreepController {
  double target = 0;        // σ_xy to hold
  double box_viscosity = 10;
  double integral_time = 3;  // ζ ≈ 1 for G = 15 with η_box = 10: settles in a few time units
  double integral = 0;      // ∫ e dt so far (checkpointed)

  // Advances the integral by dt with the current stress and returns the strain rate for the next step.
  double rate(double stress_xy, double dt);
  void checkpoint(Archive& ar) { ar(integral); }
};

}  // namespace vitrum
