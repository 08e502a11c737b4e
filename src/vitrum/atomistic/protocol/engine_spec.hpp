// Which program runs a recipe's atomistic stages: vitrum itself, or LAMMPS under MPI as a subprocess (docs/engines.md).
#pragma once
#include <string>
#include <vector>

namespace vitrum {

struct EngineSpec {
  std::string kind = "vitrum";         // [system] engine: "vitrum" | "lammps"
  int mpi_ranks = 1;                   // [engine] mpi_ranks: > 1 starts lmp under mpirun -np N
  std::string lmp = "lmp";             // [engine] lmp: the LAMMPS executable (a name on PATH or a path)
  std::string mpirun = "mpirun";       // [engine] mpirun
  std::vector<std::string> mpirun_args;  // [engine] mpirun_args: extra arguments, e.g. ["--oversubscribe"]
  [[nodiscard]] bool lammps() const { return kind == "lammps"; }
};

}  // namespace vitrum
