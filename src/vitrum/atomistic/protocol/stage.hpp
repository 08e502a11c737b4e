// One recipe stage: its options, parsed once from its [[stage]] table, and how it runs on the shared state.
#pragma once
#include <nlohmann/json.hpp>

namespace vitrum {

class StageContext;

// A stage's entry in summary.json: "kind", "final" (the end state), "wall_seconds" and the kind's own keys; the
// runner adds "index", and "name" and "potential" where the recipe gave them.
using StageResult = nlohmann::json;

// A kind of stage is a subclass (its options as public members, read by tests) with one parse function in the
// registry (stage_registry.cpp). run() holds no state between calls: a resumable stage keeps its cursor in
// local variables that it writes and reads through StageContext::save / restore (the Archive visitor).
class Stage {
 public:
  virtual ~Stage() = default;
  // Runs on ctx.sys as the previous stage left it; throws Interrupted after a checkpoint on SIGINT/SIGTERM.
  [[nodiscard]] virtual StageResult run(StageContext& ctx) const = 0;
};

}  // namespace vitrum
