// The `aqs` recipe stage: runs the AQS loop on the runner's system, writes its CSVs, returns the summary entry.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

struct AqsStageHooks {
  System& sys;
  std::filesystem::path out_dir;
  int stage_number = 1;                 // 1-based, for file names
  std::string label;                    // for the progress line
  std::function<int()> take_signal;     // a pending SIGINT/SIGTERM (then cleared), else 0
};

// Summary entry: kind, strain[], stress_xy[], shear_modulus, yield_stress, flow_stress, largest_drop,
// events, ... An interrupted AQS stage restarts from its beginning on resume (throws Interrupted).
// A `cyclic_aqs` stage is passed on to run_cyclic_aqs_stage.
nlohmann::json run_aqs_stage(const StageSpec& st, AqsStageHooks& h);
// Summary entry: kind, amplitude, strobe_pe_per_particle[], events_per_cycle[], strobe_msd[], period[],
// absorbing, absorbed_at_cycle, ... (cyclic_aqs_stage.cpp). Restarts from its beginning on resume.
nlohmann::json run_cyclic_aqs_stage(const StageSpec& st, AqsStageHooks& h);

}  // namespace vitrum
