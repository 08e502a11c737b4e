// The finite-rate shear stages `shear_rate` (constant γ̇) and `creep` (constant σ_xy): SLLOD runs, CSV, summary entry.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/sllod.hpp"

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

class FlowStage final : public Stage {
 public:
  FlowSpec flow;
  bool creep = false;               // the `creep` kind (else `shear_rate`)

  // Writes stage<k>-<kind>.csv (time, strain, strain_rate, stress_xy, temperature, pe_per_particle, pressure)
  // and returns the summary entry: shear_rate → steady-state σ_xy ± block standard error after
  // transient_strain, viscosity = σ_xy/γ̇; creep → final strain, mean σ_xy and γ̇ over the last
  // steady_fraction, flowed/arrested. Resumes bit for bit (cursor, thermostat chain, creep integral, samples).
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_shear_rate_stage(RecipeTable& t, const StageParseContext& c);
std::unique_ptr<Stage> parse_creep_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
