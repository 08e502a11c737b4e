// The `analyze` stage: `vitrum analyze`'s structure analyses (g(r), S(q), Voronoi, Steinhardt, modes, elastic
// constants) on the current state, which it leaves as it found it.
#pragma once
#include <memory>
#include <string>

#include "vitrum/analysis/analyze.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

class AnalyzeStage final : public Stage {
 public:
  analysis::AnalyzeOptions options;  // the command's options; `compute` is required here
  std::string where;                 // "file:line: [stage] compute": starts an error found while it runs

  // Analyses a copy of the state (minimised first with minimize = true, as `vitrum analyze --minimize`); restarts
  // from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_analyze_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
