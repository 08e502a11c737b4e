// The `parallel_tempering` stage: swap Monte Carlo replicas over a temperature ladder with replica exchange.
#pragma once
#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/swap_stages.hpp"

namespace vitrum {

// Runs the stage on copies of the system's configuration and returns its summary entry (per temperature:
// energies, move and exchange acceptance, e_IS, the state file). The system continues from the
// replica at the lowest temperature. Checkpoints hold every replica; a resume is bit-identical.
nlohmann::json run_parallel_tempering_stage(const StageSpec& st, SwapStageHooks& h);

}  // namespace vitrum
