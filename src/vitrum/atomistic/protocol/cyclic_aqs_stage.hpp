// The `cyclic_aqs` recipe stage: AQS cycles 0 → γ_max → −γ_max → 0; stroboscopic energy, events, MSD, absorbing state.
#pragma once
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"

namespace vitrum {

class CyclicAqsStage final : public Stage {
 public:
  CyclicAqsOptions cyclic;            // dgamma, amplitude, cycles, ftol, method, ...

  // Writes stageN-cyclic_aqs.csv and -curve.csv. Summary entry: strobe_pe_per_particle[], events_per_cycle[],
  // strobe_msd[], period[], absorbing, absorbed_at_cycle, ... Restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_cyclic_aqs_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
