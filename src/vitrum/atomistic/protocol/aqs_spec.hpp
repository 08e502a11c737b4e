// Recipe settings of the shear stages: `aqs` (athermal quasistatic simple shear), `cyclic_aqs`, and the finite-rate
// `shear_rate` and stress-controlled `creep` stages (SLLOD in the deforming box).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/band.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"
#include "vitrum/atomistic/shear/sllod.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum {

// kind = "shear_rate" (constant γ̇) or "creep" (constant target σ_xy through the PI law of sllod.hpp).
struct FlowSpec {
  SllodOptions sllod;               // dt, thermostat, tdamp (default 100 dt), chain (1 shear_rate, 3 creep), seed
  double temperature = 0;           // thermostat target on the peculiar velocities
  std::int64_t steps = 0;
  std::string velocities = "auto";  // auto (create if the system has none) | create | keep
  double rate = 0;                  // shear_rate: γ̇ > 0
  double transient_strain = 0.5;    // shear_rate: strain left out of the steady-state averages
  CreepController creep;            // creep: stress (target), box_viscosity, integral_time
  double steady_fraction = 0.5;     // creep: last fraction of the steps averaged
  double arrest_rate = 1e-4;        // creep: |mean γ̇| at or below this counts as arrested
};

struct AqsSpec {
  AqsOptions aqs;                     // dgamma (alias strain_step), gamma_max (alias max_strain), ftol, method, ...
  std::int64_t modulus_points = 10;   // steps (before the first event) fitted for the shear modulus
  double d2min_cutoff = 2.5;          // D²min from the stage's first to last state (Falk & Langer's 2.5 σ)
  BandOptions band;                   // band_slab_width, band_threshold
  CyclicAqsOptions cyclic;            // kind = "cyclic_aqs": dgamma, amplitude, cycles, ftol, method, ...
  FlowSpec flow;                      // kind = "shear_rate" | "creep"
};

// aqs, cyclic_aqs, shear_rate, creep.
[[nodiscard]] bool is_shear_stage_kind(std::string_view kind);
// Rejects unknown keys (call before reading any other key).
void only_shear_stage_keys(const RecipeTable& t, std::string_view kind);
AqsSpec parse_aqs_stage(RecipeTable& t);
AqsSpec parse_cyclic_aqs_stage(RecipeTable& t);
// The minimiser keys of the minimize, aqs and cyclic_aqs stages: ftol (or force_tolerance, default 1e-10),
// method (fire | cg | lbfgs; default `default_method`), max_iterations, and memory (L-BFGS only).
void parse_minimizer_keys(RecipeTable& t, MinimizeOptions& m, const char* default_method);
// shear_rate and creep; `seed` is the stage's default seed (velocities, Bussi).
AqsSpec parse_flow_stage(RecipeTable& t, std::string_view kind, std::uint32_t seed);

}  // namespace vitrum
