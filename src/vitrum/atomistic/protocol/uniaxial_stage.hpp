// The `uniaxial` recipe stage: athermal quasistatic tension or compression along one axis of a periodic box, the
// lateral sides free (Young's modulus, Poisson's ratio) or fixed; stress-strain curve and peak stress.
#pragma once
#include <cstdint>
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/uniaxial.hpp"

namespace vitrum {

class UniaxialStage final : public Stage {
 public:
  UniaxialOptions uniaxial;          // axis, strain_step, max_strain, lateral, stress_tolerance, minimiser keys
  std::int64_t modulus_points = 10;  // steps fitted (through the start) for Young's modulus and Poisson's ratio

  // Writes stage<N>-uniaxial.csv; summary: youngs_modulus, poisson_ratio, peak_stress, ... Restarts on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_uniaxial_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
