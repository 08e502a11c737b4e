// The `md` stage: NVE, NVT (Nosé–Hoover, Bussi), Langevin or NPT dynamics with a linear temperature ramp; rows of
// thermo.csv and block-averaged T, E/N, P.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

class MdStage final : public Stage {
 public:
  IntegratorOptions integrator;
  double t_start = 0, t_end = 0;   // target temperature, ramped linearly over the stage
  std::int64_t steps = 0;
  std::int64_t equilibrate = 0;    // leading steps left out of the averages
  std::optional<double> rate;      // |dT/dt| when the recipe gave a rate instead of steps
  std::string velocities = "auto"; // auto (create if the system has none) | create | keep

  [[nodiscard]] StageResult run(StageContext& ctx) const override;
  // The summary entry from the sampled T, E/N and P (block averages), the final state and the timing: one form for
  // every engine (the lammps engine adds its own keys).
  [[nodiscard]] StageResult report(const StageContext& ctx, const std::vector<double>& t_samples,
                                   const std::vector<double>& pe_samples, const std::vector<double>& p_samples,
                                   nlohmann::json final_state, double steps_per_second, double wall_seconds) const;
};

std::unique_ptr<Stage> parse_md_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
