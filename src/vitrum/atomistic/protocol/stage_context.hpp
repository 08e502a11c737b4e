// What the runner lends a running stage: the shared system, output folder and cadences, checkpoints of the stage's
// own fields, signal polling and elapsed time.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "vitrum/atomistic/protocol/divergence.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

// Thrown after SIGINT/SIGTERM once the checkpoint is safely written.
struct Interrupted {
  int signal;
};

// A stage's resumable fields: one visitor that writes them into an ArchiveWriter and reads them back from an
// ArchiveReader in the same order (the GROMACS pattern: reading and writing never drift apart).
using StageFields = std::function<void(Archive&)>;

class StageContext {
 public:
  StageContext(System& system, const OutputSpec& out, const DivergenceGuard& divergence, std::int64_t& global,
               std::int64_t& stage_step)
      : sys(system), output(out), guard(divergence), global_step(global), step(stage_step) {}
  StageContext(const StageContext&) = delete;
  StageContext& operator=(const StageContext&) = delete;
  virtual ~StageContext() = default;

  System& sys;                        // the shared state: configuration, potential, neighbour list
  const OutputSpec& output;           // [output]: thermo_every, sample_every, checkpoint_every, blocks
  const DivergenceGuard& guard;       // armed on the state the stage started from
  std::int64_t& global_step;          // md steps over the whole run: thermo.csv rows and the thermostats' RNG counter
  std::int64_t& step;                 // the stage's step count where it has one (messages, the resume line)
  std::filesystem::path out_dir;
  int number = 1;                     // 1-based position in the recipe, for file names (stage<number>-...)
  std::string kind;                   // the registry name (one class may serve several kinds)
  std::string label;                  // "stage 2/5 melt": progress lines and messages
  std::string source;                 // the recipe's file name
  std::FILE* thermo = nullptr;        // thermo.csv, open for appending rows

  // True when the checkpoint holds no fields of this stage: it runs from its beginning (then call begin()).
  [[nodiscard]] virtual bool fresh() const = 0;
  // A fresh stage's starting state: the end of the stage named by `start`, if the recipe gave one.
  virtual void begin() = 0;
  // Reads the fields that the last save() wrote (a resumed stage).
  virtual void restore(const StageFields& fields) = 0;
  // Writes the fields, then the whole run's checkpoint (atomically).
  virtual void save(const StageFields& fields) = 0;
  // A pending SIGINT/SIGTERM (then cleared), else 0.
  [[nodiscard]] virtual int take_signal() = 0;
  // Wall seconds spent in this stage, across resumes.
  [[nodiscard]] virtual double elapsed() const = 0;
  // Appends the current state, as at the stage's step `stage_step`, to the stage's trajectory file
  // (stage<N>[-name].extxyz or .lammpstrj; [output] dump_*). Call it where frame_due() says.
  virtual void write_frame(std::int64_t stage_step) = 0;

  // True at the steps whose state goes into the trajectory ([output] dump_every; step 0 is the stage's start).
  [[nodiscard]] bool frame_due(std::int64_t stage_step) const {
    return output.dump_every > 0 && stage_step % output.dump_every == 0;
  }

  // At every step of a resumable stage: on a pending signal save and throw Interrupted; at `due` steps save.
  void poll(const StageFields& fields, bool due = false) {
    if (const int sig = take_signal()) {
      save(fields);
      throw Interrupted{sig};
    }
    if (due) save(fields);
  }
  // A stage that restarts from its beginning on resume: nothing to save, stop at once.
  void poll() {
    if (const int sig = take_signal()) throw Interrupted{sig};
  }
};

}  // namespace vitrum
