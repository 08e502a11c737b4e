// The `parallel_tempering` stage: swap Monte Carlo replicas over a temperature ladder with replica exchange.
#pragma once
#include <memory>

#include "vitrum/atomistic/protocol/swap_stages.hpp"

namespace vitrum {

class ParallelTemperingStage final : public Stage {
 public:
  SwapSpec swap;
  // Runs on copies of the system's configuration and returns the summary entry (per temperature: energies, move
  // and exchange acceptance, e_IS, the state file). The system continues from the replica at the lowest
  // temperature. Checkpoints hold every replica; a resume is bit-identical.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_parallel_tempering_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
