// A run recipe: the [system] to start from, [output] cadences and an ordered list of [[stage]]s.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/potential/potential_spec.hpp"
#include "vitrum/atomistic/protocol/engine_spec.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/io/trajectory.hpp"

namespace vitrum {

struct SystemSpec {
  std::filesystem::path read;             // configuration file (relative paths: to the recipe's folder)
  std::int64_t frame = kOnlyFrame;        // which frame of a multi-frame `read` file (configuration.hpp)
  std::optional<std::string> generate_model;
  GenerateOptions generate;
  PotentialSpec potential;                // a model name, or { style, file, elements } (files: relative to the recipe)
  UnitSystem units;                       // lj for the model glasses, metal for EAM (the potential decides)
  std::uint32_t seed = 1;
  double skin = 0.3;
  Int3 replicate{1, 1, 1};                // periodic copies along a, b, c of what was read or generated
  int dimension = 3;                      // 2: planar (Configuration::dimension)
  EngineSpec engine;                      // `engine` and the [engine] table: who runs the atomistic stages
};

struct OutputSpec {
  std::int64_t thermo_every = 100;        // rows of thermo.csv [steps]
  std::int64_t sample_every = 10;         // samples for the stage averages [steps]
  std::int64_t checkpoint_every = 10000;  // [steps]; 0 = only at stage starts and on signals
  int blocks = 20;                        // blocks for the standard errors
  // Trajectories: every dump_every steps of a stage (and at its step 0) a frame of its state goes to
  // stage<N>[-name].extxyz (or .lammpstrj); 0 = none. Velocities when the state has them; per-atom energies on request.
  std::int64_t dump_every = 0;            // [steps]
  TrajectoryFormat dump_format = TrajectoryFormat::ExtXyz;
  bool dump_velocities = true;
  bool dump_energies = false;
};

// One [[stage]] of a recipe: what every stage has, and the kind's parsed options (stage_registry.hpp).
struct StageSpec {
  std::string kind;   // a registered kind (stage_kinds())
  std::string name;   // optional label; `start = "<name>"` restores the state at the end of it
  std::string start;
  // A potential for this stage only (e.g. swap Monte Carlo on an lj/cut surrogate of an EAM alloy); the
  // stages after it return to the [system] potential. Same units and types as the system's.
  std::optional<PotentialSpec> potential;
  std::shared_ptr<const Stage> stage;  // the kind's options, in internal units; runs the stage

  // The kind's options, e.g. spec.as<MdStage>().steps (std::bad_cast for another kind).
  template <class S>
  [[nodiscard]] const S& as() const {
    return dynamic_cast<const S&>(*stage);
  }
};

struct Recipe {
  SystemSpec system;
  OutputSpec output;
  std::vector<StageSpec> stages;
  std::string text;    // the TOML as given
  std::string source;  // file name (or "<default recipe>") for messages
  std::uint64_t hash = 0;
};

class RecipeTable;
// Reads the thermostat keys shared by every thermostatted stage into `o` (whose dt and ensemble
// are set): `thermostat` (nvt only: nose-hoover | bussi), `tdamp` (default 100 dt), `chain`.
void parse_thermostat_keys(RecipeTable& t, IntegratorOptions& o);
// The minimiser keys of the minimize, aqs and cyclic_aqs stages: ftol (or force_tolerance, default 1e-10),
// method (fire | cg | lbfgs; default `default_method`), max_iterations, and memory (L-BFGS only).
void parse_minimizer_keys(RecipeTable& t, MinimizeOptions& m, const char* default_method);
// `velocities` of a dynamics stage (md, shear_rate, creep): auto (create if the system has none) | create | keep.
std::string parse_velocities_key(RecipeTable& t);

// Parses and validates; every error names the file, line and key. `seed_override` (`vitrum run --seed`) replaces
// [system] seed before anything derives from it: the stage seeds and the default seed of `generate`.
Recipe parse_recipe(const std::string& text, const std::string& source, const std::filesystem::path& base_dir,
                    std::optional<std::uint32_t> seed_override = std::nullopt);
Recipe read_recipe(const std::filesystem::path& file, std::optional<std::uint32_t> seed_override = std::nullopt);
// The recipe `make demo` runs (`vitrum recipe --default` prints it).
const std::string& default_recipe_text();

}  // namespace vitrum
