// The `indent` recipe stage: athermal quasistatic nanoindentation of a slab by a spherical indenter; load–displacement
// curve, Hertz reduced modulus, pop-in, and hardness and reduced modulus by Oliver–Pharr on unloading.
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/indent.hpp"

namespace vitrum {

class IndentStage final : public Stage {
 public:
  IndentOptions indent;              // axis, radius, stiffness, max_depth, depth_step, unload_steps, center, ...
  double vacuum = 0;                 // gap opened above the slab along the axis before indenting [length]
  double drop_threshold = 1e-3;      // a load falling by more than this between two loading steps is an event [force]
  double hertz_max_depth = INFINITY; // the Hertz fit stops here (and always before the first event) [length]
  std::int64_t unload_fit_points = 5;  // unloading steps fitted for the Oliver–Pharr stiffness S

  // Writes stage<N>-indent.csv; summary: hertz_reduced_modulus, first_event, hardness, op_reduced_modulus, ...
  // Restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_indent_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
