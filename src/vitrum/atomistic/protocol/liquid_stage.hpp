// The `liquid` stage: supercooled-liquid thermophysics over a temperature ladder (τ_α, D, Green–Kubo η, τ(T) fits).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {

struct LiquidSpec {
  std::vector<double> temperatures;             // internal units, run in the order given
  std::vector<std::int64_t> equilibrate, steps; // per temperature: NVT equilibration, then production [steps]
  std::vector<std::int64_t> max_lag, origin_every;  // per temperature: longest correlation lag, origin spacing
  IntegratorOptions integrator;                 // nvt: equilibration always; production too unless `production`
  std::string production = "nvt";               // nvt | nve
  double q = 0;                                 // |q| of F_s; 0: the first peak of S(q) of the starting state
  int species = 1;                              // type whose τ_α and D enter the fits (0: all particles)
  int blocks = 5;                               // blocks of time origins / of the stress series, for errors
  std::int64_t stress_every = 2;                // steps between shear-stress samples for Green–Kubo
  bool gk_first_zero = false;                   // cut-off: the ACF's first zero ...
  double gk_cutoff_tau = 5;                     // ... or this multiple of τ_α
  double msd_min = 0;                           // diffusive window from MSD ≥ this [length²]; 0: (π/q)²
  double glass_tau = 1e14;                      // τ at T_g for the fragility [time unit]
  double fit_max_temperature = 0;               // user units; 0: every temperature enters the VFT/parabolic fits
  double mct_max_temperature = 0;               // user units; 0: every temperature enters the MCT fits
  int points_per_decade = 20;
  int e_is_samples = 0;                         // inherent states (FIRE on a copy) per production run: e_IS(T)
  double e_is_ftol = 1e-6;                      // their force tolerance
  std::vector<std::string> glasses;             // configuration files: their e_IS and fictive temperature on e_IS(T)
  std::uint32_t seed = 1;
};

class LiquidStage final : public Stage {
 public:
  LiquidSpec spec;
  // Writes stage<N>-liquid.csv (one row per temperature), stage<N>-liquid-T<T>.csv (F_s and MSD per species) and
  // stage<N>-liquid-gk-T<T>.csv (stress ACF and running η); returns the per-temperature entries and the fits, and,
// with e_is_samples, the equilibrium e_IS(T) and the fictive temperature of each of `glasses`.
  // Checkpoints inside each temperature's run and resumes bit for bit.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_liquid_stage(RecipeTable& t, const StageParseContext& c);

}  // namespace vitrum
