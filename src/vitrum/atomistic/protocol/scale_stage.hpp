// What the stages that run another scale's model (stz, epm, ttt, lpbf) do around it: one folder of the model's
// files, its summary made the stage's entry. The atomistic state is untouched; such a stage reruns on resume.
#pragma once
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/protocol/stage.hpp"

namespace vitrum {

class StageContext;

// begin() (the state at `start`, when given), then model(dir) with dir = out_dir/stage<N>-<kind>, the folder the
// command's --out would be; the summary it returns becomes the stage's entry without the command's version keys,
// with "kind", "out" (the folder's name), "final" (the untouched atomistic state) and "wall_seconds". A signal is
// taken before and after the model (the model may poll ctx itself in between).
StageResult run_scale_model(StageContext& ctx, const std::function<nlohmann::json(const std::filesystem::path&)>& model);

}  // namespace vitrum
