// The finite-rate shear stages `shear_rate` (constant γ̇) and `creep` (constant σ_xy): SLLOD runs, CSV, summary entry.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// What the runner lends the stage. The stage keeps its resumable state (cursor, thermostat chain, creep
// integral, the sampled time series) in `saved_state`, written into every checkpoint; empty at a fresh start.
struct FlowStageHooks {
  System& sys;
  std::filesystem::path out_dir;
  int stage_number = 1;                  // 1-based, for file names
  std::string label;                     // for the progress line
  std::int64_t sample_every = 10;        // [output] sample_every: rows of the CSV and samples of the averages
  std::int64_t checkpoint_every = 0;     // [output] checkpoint_every, in steps; 0 = only on signals
  int blocks = 20;                       // [output] blocks for the standard errors
  std::string& saved_state;
  std::function<void()> write_checkpoint;
  std::function<int()> take_signal;      // a pending SIGINT/SIGTERM (then cleared), else 0
};

// Writes stage<k>-<kind>.csv (time, strain, strain_rate, stress_xy, temperature, pe_per_particle, pressure)
// and returns the summary entry: shear_rate → steady-state σ_xy ± block standard error after
// transient_strain, viscosity = σ_xy/γ̇; creep → final strain, mean σ_xy and γ̇ over the last
// steady_fraction, flowed/arrested. Throws Interrupted (after a checkpoint) on a signal; resumes bit for bit.
nlohmann::json run_flow_stage(const StageSpec& st, FlowStageHooks& h);

}  // namespace vitrum
