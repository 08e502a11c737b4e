// The `lammps` engine: md, minimize and aqs stages run by LAMMPS (lmp, under mpirun for several ranks) as a subprocess.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/potential_spec.hpp"
#include "vitrum/atomistic/protocol/engine_spec.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"

namespace vitrum {

class RecipeTable;
class StageContext;
struct StageSpec;

// Why a subprocess and data files, not the LAMMPS library in-process: Debian's liblammps is built without C++
// exceptions, so an error inside it would end vitrum. State goes to LAMMPS as a data file written by vitrum
// (round-trip exact) and comes back through `write_data` (17 significant digits); thermo through printed lines
// with %.17g. The stage's input, log and files stay in <out>/stage<k>-lammps/ for inspection.

// The stage kinds the engine runs (everything else is refused when the recipe is parsed).
const std::vector<std::string>& lammps_stage_kinds();

// [engine]: mpi_ranks (>= 1), lmp, mpirun, mpirun_args.
void parse_engine_table(RecipeTable& t, EngineSpec& e);
// Refuses, naming the stage and key, a stage (or an option of it) that the engine cannot run.
void check_lammps_can_run(RecipeTable& t, const StageSpec& stage);
// pair_style / pair_coeff / pair_modify lines for the potential (LJ mixtures with shifted energies, EAM files);
// throws Error for one LAMMPS has no style for (the polydisperse model, force-shifted LJ, KIM).
std::string lammps_potential_commands(const PotentialSpec& spec, const Potential& u);

// What `lmp -h` reports: its version line and the installed styles by category ("pair", "fix", "minimize", ...).
struct LammpsInstall {
  std::string version;
  std::map<std::string, std::set<std::string>> styles;
  // Whether `lmp -h` listed `style` under `category` ("pair", "fix", "minimize", ...).
  [[nodiscard]] bool has(const std::string& category, const std::string& style) const {
    const auto it = styles.find(category);
    return it != styles.end() && it->second.count(style) > 0;
  }
};
// Runs `lmp -h`: Error naming the program when it is missing or does not run.
LammpsInstall probe_lammps(const EngineSpec& e);
// Before the first stage: lmp (and mpirun for several ranks) run, and the installed lmp has the styles the recipe
// needs (the pair style, fix nvt/npt/langevin, min styles); Error naming what is missing.
void check_lammps_install(const EngineSpec& e, const PotentialSpec& potential);
// `vitrum engines`: what the installed lmp can run, stage by stage and potential by potential.
std::string describe_engines(const EngineSpec& e);

// Runs one md, minimize or aqs stage on LAMMPS from ctx.sys's state; the end state comes back into ctx.sys and the
// summary entry has the native stage's keys (plus "engine": "lammps"). Error quoting LAMMPS's ERROR line.
StageResult run_stage_on_lammps(const StageSpec& stage, StageContext& ctx, const EngineSpec& e,
                                const PotentialSpec& potential);

}  // namespace vitrum
