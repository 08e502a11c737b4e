// The `aqs` recipe stage: athermal quasistatic simple shear; curve, events, modulus, yield and flow stress, D²min band.
#pragma once
#include <cstdint>
#include <memory>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/band.hpp"

namespace vitrum {

class AqsStage final : public Stage {
 public:
  AqsOptions aqs;                     // dgamma (alias strain_step), gamma_max (alias max_strain), ftol, method, ...
  std::int64_t modulus_points = 10;   // steps (before the first event) fitted for the shear modulus
  double d2min_cutoff = 2.5;          // D²min from the stage's first to last state (Falk & Langer's 2.5 σ)
  BandOptions band;                   // band_slab_width, band_threshold
  // Writes the configuration of the step before and after every event (stageN-aqs-events/, with an index.csv that
  // gives each file's unwrapped strain): the per-event D²min labels of `vitrum softness train`.
  bool event_configurations = false;

  // Writes stageN-aqs.csv, -events.csv, -d2min.csv. Summary entry: strain[], stress_xy[], shear_modulus,
  // yield_stress, flow_stress, largest_drop, events, band_*, ... Restarts from its beginning on resume.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
  // The files and the summary entry from a finished run (ctx.sys in its end state): shared with the lammps engine.
  [[nodiscard]] StageResult report(StageContext& ctx, AqsResult r, double wall_seconds) const;
};

std::unique_ptr<Stage> parse_aqs_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
