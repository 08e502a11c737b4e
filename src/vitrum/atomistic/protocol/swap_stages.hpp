// The swap Monte Carlo stages (swap, swap_anneal, hybrid), run on the stage runner's shared state.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "vitrum/atomistic/mc/monte_carlo_chain.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// What the runner lends a swap stage. The stage keeps its own resumable state in `saved_state`
// (written into every checkpoint; empty when the stage starts fresh).
struct SwapStageHooks {
  System& sys;
  std::filesystem::path out_dir;
  int stage_number = 1;                      // 1-based, for file names
  std::string label;                         // for the progress line
  std::string recipe_source;
  std::int64_t checkpoint_every = 0;         // sweeps (swap stages) or MD steps (hybrid); 0 = never
  int blocks = 20;                           // blocks for standard errors
  std::string& saved_state;
  std::function<void()> write_checkpoint;
  std::function<int()> take_signal;          // a pending SIGINT/SIGTERM (then cleared), else 0
};

// Shared with parallel tempering: the end state in the form every stage reports (a Monte Carlo state
// has no velocities, so with kinetic = false its pressure takes the ideal-gas part at T) ...
nlohmann::json swap_final_state(const System& s, double T, bool kinetic);
// ... one temperature's Monte Carlo statistics (acceptances from `c`, block-averaged E/N of `samples`,
// the chain's running energy against an exact recomputation) ...
nlohmann::json swap_temperature_entry(const SwapSpec& spec, double T, MonteCarloChain& mc, const McCounters& c,
                                      double max_displacement, const std::vector<double>& samples, int blocks,
                                      const UnitSystem& units);
// ... and one temperature's results: writes stage<N>-T<T>.data for `cfg`, adds e_IS (FIRE on a copy)
// and τ_α (plain MD on a copy) to `entry` when the spec asks for them.
void finish_swap_temperature(const SwapSpec& spec, SwapStageHooks& h, const Configuration& cfg, double T,
                             std::int64_t index, nlohmann::json& entry);

// Runs the stage and returns its summary entry (kind, temperatures[...]); throws Interrupted after
// checkpointing when a signal arrives.
nlohmann::json run_swap_stage(const StageSpec& st, SwapStageHooks& h);

}  // namespace vitrum
