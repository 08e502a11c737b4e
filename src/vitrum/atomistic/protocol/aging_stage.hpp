// The `aging` stage: an instantaneous quench, then two-time self correlations C(t_w + t, t_w) for several waiting times.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

struct AgingSpec {
  double temperature = 0;                    // internal units: the thermostat's target from t = 0 on
  std::vector<std::int64_t> waiting_times;   // t_w [steps], strictly increasing, >= 0
  std::int64_t max_lag = 0;                  // longest lag t [steps]
  int points_per_decade = 10;                // log-spaced lags t
  double q = 0;                              // |q| of F_s; 0: the first peak of S(q) of the starting state
  IntegratorOptions integrator;              // nvt (nose-hoover | bussi), dt, tdamp, chain, seed
};

class AgingStage final : public Stage {
 public:
  AgingSpec spec;
  // Rescales the velocities to `temperature` (creates them if the state has none), runs NVT for max(t_w) + max_lag
  // steps and writes stage<N>-aging.csv (t_w, t, group, C, msd); returns τ(t_w) (C of all particles = 1/e) and the
  // aging exponent μ of τ ∝ t_w^μ. Checkpoints inside the run and resumes bit for bit.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_aging_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
