// The `fatigue` recipe stage: cyclic AQS at one amplitude until failure by a shear band (or a limit cycle, or max_cycles).
#pragma once
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/fatigue.hpp"

namespace vitrum {

class FatigueStage final : public Stage {
 public:
  FatigueOptions fatigue;  // amplitude, dgamma, max_cycles, failure rule, minimiser keys; internal units

  // Writes stage<N>-fatigue.csv (per cycle), -fatigue-curve.csv (the loops) and -fatigue-d2min.csv (D²min over the last
  // cycle: the band map). Summary: outcome, failed, cycles_to_failure, band_cycle, limit_cycle_at,
  // dissipated_work_per_cycle[], strobe_pe_per_particle[], ... Restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_fatigue_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
