// The swap Monte Carlo stages (swap, swap_anneal, hybrid), run on the stage runner's shared state.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/mc/monte_carlo_chain.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/atomistic/protocol/swap_spec.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// kind = "swap" (one temperature) and "swap_anneal" (a ladder, in order): swap Monte Carlo sweeps.
class SwapStage final : public Stage {
 public:
  SwapSpec swap;
  // Summary entry: kind, temperatures[...] (per temperature: acceptances, E/N, e_IS, the state file); checkpoints
  // the chain, the cursor and the samples and resumes bit for bit.
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

// kind = "hybrid": NVT MD with a block of pure swap sweeps every swap_every steps.
class HybridStage final : public Stage {
 public:
  SwapSpec swap;
  [[nodiscard]] StageResult run(StageContext& ctx) const override;
};

std::unique_ptr<Stage> parse_swap_stage(RecipeTable& t, const StageParseContext& c);
std::unique_ptr<Stage> parse_swap_anneal_stage(RecipeTable& t, const StageParseContext& c);
std::unique_ptr<Stage> parse_hybrid_stage(RecipeTable& t, const StageParseContext& c);

// Shared with parallel tempering: one temperature's Monte Carlo statistics (acceptances from `c`, block-averaged E/N of `samples`,
// the chain's running energy against an exact recomputation) ...
nlohmann::json swap_temperature_entry(const SwapSpec& spec, double T, MonteCarloChain& mc, const McCounters& c,
                                      double max_displacement, const std::vector<double>& samples, int blocks,
                                      const UnitSystem& units);
// ... and one temperature's results: writes stage<N>-T<T>.data for `cfg`, adds e_IS (FIRE on a copy)
// and τ_α (plain MD on a copy) to `entry` when the spec asks for them.
void finish_swap_temperature(const SwapSpec& spec, StageContext& ctx, const Configuration& cfg, double T,
                             std::int64_t index, nlohmann::json& entry);

}  // namespace vitrum
