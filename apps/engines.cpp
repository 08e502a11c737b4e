// `vitrum engines [--lmp LMP] [--mpirun MPIRUN]`: what each engine can run here (the lammps one asks the installed lmp).
#include <fmt/format.h>

#include "commands.hpp"
#include "vitrum/atomistic/protocol/lammps_engine.hpp"

namespace vitrum::cli {

void add_engines(CLI::App& app) {
  auto* cmd = app.add_subcommand("engines", "The engines a recipe can name ([system] engine): what each can run here");
  auto e = std::make_shared<EngineSpec>();
  cmd->add_option("--lmp", e->lmp, "LAMMPS executable to ask (default: lmp on PATH)");
  cmd->add_option("--mpirun", e->mpirun, "MPI launcher (default: mpirun on PATH)");
  cmd->callback([e] { fmt::print("{}", describe_engines(*e)); });
}

}  // namespace vitrum::cli
