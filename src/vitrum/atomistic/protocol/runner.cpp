#include "vitrum/atomistic/protocol/runner.hpp"

#include <omp.h>

#include <chrono>
#include <csignal>
#include <unistd.h>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/protocol/divergence.hpp"
#include "vitrum/atomistic/protocol/lammps_engine.hpp"
#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/archive.hpp"
#include "vitrum/io/folder_lock.hpp"
#include "vitrum/io/replicate.hpp"
#include "vitrum/io/sealed_file.hpp"
#include "vitrum/io/trajectory.hpp"

namespace vitrum {

namespace {

volatile std::sig_atomic_t g_signal = 0;
volatile std::sig_atomic_t g_last_signal = 0;  // g_signal is cleared when a stage takes it; the watchdog needs it
// SIGINT/SIGTERM ask the running stage to checkpoint and stop at its next step; a watchdog (alarm) ends the
// process one second later if no step comes (a long replica block, a minimisation, an allocation), so every
// stage ends within 2 s. The checkpoint on disk is then the last one written: writes are atomic (rename).
void on_alarm(int) {
  constexpr char msg[] = "vitrum: interrupted; the stage did not reach a step within 1 s: the last checkpoint stands\n";
  [[maybe_unused]] const auto w = ::write(2, msg, sizeof msg - 1);
  ::_exit(128 + static_cast<int>(g_last_signal));
}
void on_signal(int sig) {
  g_signal = sig;
  g_last_signal = sig;
  ::alarm(1);
}

constexpr char kMagic[8] = {'V', 'I', 'T', 'R', 'U', 'M', 'C', 'K'};

void checkpoint_configuration(Archive& ar, Configuration& c) {
  Vec3 lo = c.box.lo(), L = c.box.lengths();
  double xy = c.box.xy(), strain = c.box.strain_xy();
  ar(lo);
  ar(L);
  ar(xy);
  ar(strain);
  if (ar.reading()) {
    c.box = Box(lo, L, xy);
    c.box.set_strain_xy(strain);
  }
  Particles& p = c.particles;
  ar(p.position);
  ar(p.velocity);
  ar(p.type);
  ar(p.diameter);
  ar(p.mass);
  ar(p.image);
  ar(p.id);
  if (ar.reading()) p.force.assign(p.position.size(), Vec3{});
  ar(c.type_count);
  ar(c.type_masses);
  ar(c.has_velocities);
  ar(c.has_diameters);
}

// Everything a run needs to continue bit for bit after a crash.
struct RunState {
  std::int64_t stage_index = 0;
  std::int64_t stage_step = 0;
  std::int64_t global_step = 0;
  std::uint64_t thermo_bytes = 0;
  std::uint64_t trajectory_bytes = 0;  // the running stage's trajectory file ([output] dump_every)
  std::string results;                 // JSON array of the finished stages
  std::string stage_state;             // the running stage's own fields (StageContext::save)
  double stage_wall_seconds = 0;       // wall time of the running stage before this checkpoint
  std::string potential;               // the potential in use (PotentialSpec::describe): [system]'s or a stage's
  std::map<std::string, Configuration> snapshots;
  std::vector<Vec3> list_positions;    // the neighbour list's build state
  Configuration list_box_holder;       // box of the last list build (particles unused)
  double wall_seconds = 0;

  void checkpoint(Archive& ar, Configuration& cfg) {
    ar(stage_index);
    ar(stage_step);
    ar(global_step);
    ar(thermo_bytes);
    ar(trajectory_bytes);
    ar(results);
    ar(stage_state);
    ar(stage_wall_seconds);
    ar(potential);
    std::uint64_t n = snapshots.size();
    ar(n);
    if (ar.reading()) {
      snapshots.clear();
      for (std::uint64_t k = 0; k < n; ++k) {
        std::string name;
        ar(name);
        checkpoint_configuration(ar, snapshots[name]);
      }
    } else {
      for (auto& [name, c] : snapshots) {
        std::string key = name;
        ar(key);
        checkpoint_configuration(ar, c);
      }
    }
    ar(list_positions);
    checkpoint_configuration(ar, list_box_holder);
    ar(wall_seconds);
    checkpoint_configuration(ar, cfg);
  }
};

// What each printed quantity is measured in (summary.json "units").
nlohmann::json units_json(const UnitSystem& u) {
  return {{"name", u.name},     {"energy", u.energy},     {"length", u.length}, {"time", u.time},
          {"temperature", u.temperature}, {"pressure", u.pressure}, {"mass", u.mass}};
}

class Runner {
 public:
  Runner(const Recipe& recipe, const RunOptions& options) : recipe_(recipe), opt_(options) {}

  nlohmann::json run() {
    std::filesystem::create_directories(opt_.out_dir);
    // Before anything in the folder is touched: a second run into it is refused, the first's files stay intact.
    lock_.emplace(opt_.out_dir);
    // The lammps engine: lmp (and mpirun) run and have the styles this recipe needs, before any work is done.
    if (recipe_.system.engine.lammps()) {
      try {
        check_lammps_install(recipe_.system.engine, recipe_.system.potential);
      } catch (const Error& e) {
        throw Error(fmt::format("{}: {}", recipe_.source, e.what()));
      }
    }
    ckpt_path_ = opt_.out_dir / "checkpoint.bin";
    thermo_path_ = opt_.out_dir / "thermo.csv";
    if (opt_.resume) resume();
    else start_fresh();
    write_file_atomically(opt_.out_dir / "recipe.toml", recipe_.text);
    const auto t0 = std::chrono::steady_clock::now();
    const double wall_before = state_.wall_seconds;
    auto old_int = std::signal(SIGINT, on_signal);
    auto old_term = std::signal(SIGTERM, on_signal);
    std::signal(SIGALRM, on_alarm);
    try {
      for (; state_.stage_index < static_cast<std::int64_t>(recipe_.stages.size());) {
        state_.wall_seconds = wall_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        run_stage(recipe_.stages[static_cast<std::size_t>(state_.stage_index)]);
      }
    } catch (const Diverged& e) {
      // The stage is marked failed; the checkpoint on disk is the last good state (never overwritten by this one).
      std::signal(SIGINT, old_int);
      std::signal(SIGTERM, old_term);
      if (thermo_) std::fclose(thermo_);
      thermo_ = nullptr;
      auto stages = nlohmann::json::parse(state_.results);
      const auto& st = recipe_.stages[static_cast<std::size_t>(state_.stage_index)];
      nlohmann::json failed = {{"index", state_.stage_index + 1}, {"kind", st.kind}, {"status", "failed"}, {"error", e.what()}};
      if (!st.name.empty()) failed["name"] = st.name;
      stages.push_back(failed);
      const nlohmann::json summary = {{"vitrum_version", VITRUM_VERSION_STRING}, {"recipe", recipe_.source},
                                      {"status", "failed"}, {"error", e.what()}, {"stages", stages}};
      write_file_atomically(opt_.out_dir / "summary.json", summary.dump(2) + "\n");
      throw;
    } catch (...) {
      std::signal(SIGINT, old_int);
      std::signal(SIGTERM, old_term);
      if (thermo_) std::fclose(thermo_);
      thermo_ = nullptr;
      throw;
    }
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    std::fclose(thermo_);
    thermo_ = nullptr;
    state_.wall_seconds = wall_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    write_configuration(opt_.out_dir / "final.data", sys_->configuration_for_output(), "final state of " + recipe_.source);
    nlohmann::json summary = {{"vitrum_version", VITRUM_VERSION_STRING},
                              {"recipe", recipe_.source},
                              {"status", "completed"},
                              {"potential", recipe_.system.potential.describe()},
                              {"seed", recipe_.system.seed},
                              {"n", sys_->size()},
                              {"units", units_json(sys_->units)},
                              {"threads", omp_get_max_threads()},
                              {"wall_seconds", state_.wall_seconds},
                              {"stages", nlohmann::json::parse(state_.results)}};
    write_file_atomically(opt_.out_dir / "summary.json", summary.dump(2) + "\n");
    write_checkpoint();
    return summary;
  }

 private:
  void start_fresh() {
    const SystemSpec& sp = recipe_.system;
    Configuration cfg;
    std::string source;
    if (sp.read.empty()) {  // [system] generate: a model glass by name, or an EAM alloy from its potential
      cfg = sp.generate_model ? generate_configuration(find_model(*sp.generate_model), sp.generate)
                              : generate_configuration(alloy_model(sp.potential, *sp.generate.fractions), sp.generate);
      source = recipe_.source + " [system.generate]";
    } else {
      cfg = read_configuration(sp.read, sp.frame);
      source = sp.read.string();
    }
    if (sp.replicate != Int3{1, 1, 1}) {
      cfg = replicate(cfg, sp.replicate);
      source += fmt::format(" replicated {}x{}x{}", sp.replicate[0], sp.replicate[1], sp.replicate[2]);
    }
    cfg.dimension = sp.dimension;
    sys_ = std::make_unique<System>(make_system(std::move(cfg), sp.potential, source, sp.skin));
    state_ = RunState{};
    state_.results = "[]";
    state_.potential = sp.potential.describe();
    thermo_ = std::fopen(thermo_path_.c_str(), "w");
    if (!thermo_) throw Error(fmt::format("{}: cannot open for writing", thermo_path_.string()));
    std::fprintf(thermo_,
                 "stage,step,time,temperature,pe_per_particle,ke_per_particle,pressure,pxx,pyy,pzz,pxy,pxz,pyz,volume,"
                 "conserved_per_particle\n");
    write_checkpoint();
  }

  void resume() {
    if (!std::filesystem::exists(ckpt_path_)) throw Error(fmt::format("{}: no checkpoint to resume from", ckpt_path_.string()));
    // The seal (length and CRC-32) refuses a damaged or truncated checkpoint before any of it is used.
    ArchiveReader ar(read_sealed(ckpt_path_, "checkpoint", kCheckpointVersion), ckpt_path_.string());
    char magic[8];
    ar(magic);
    std::uint32_t version = 0;
    std::uint64_t hash = 0;
    ar(version);
    ar(hash);
    if (std::string_view(magic, 8) != std::string_view(kMagic, 8) || version != kCheckpointVersion)
      throw Error(fmt::format("{}: not a vitrum checkpoint (or an incompatible version)", ckpt_path_.string()));
    if (hash != recipe_.hash)
      throw Error(fmt::format("{}: was written by a different recipe than {}; resume needs the same recipe",
                              ckpt_path_.string(), recipe_.source));
    Configuration cfg;
    state_.checkpoint(ar, cfg);
    cfg.dimension = recipe_.system.dimension;
    // The potential in use when the checkpoint was written (a stage may have its own).
    const PotentialSpec* active = &recipe_.system.potential;
    for (const auto& st : recipe_.stages)
      if (st.potential && st.potential->describe() == state_.potential) active = &*st.potential;
    sys_ = std::make_unique<System>(System{std::move(cfg), make_potential(*active), NeighborList(1.0, recipe_.system.skin),
                                           ckpt_path_.string(), {}});
    sys_->units = recipe_.system.units;
    sys_->list = make_neighbor_list(*sys_->potential, recipe_.system.skin);
    sys_->list.restore(state_.list_positions, sys_->cfg.particles.type, state_.list_box_holder.box);
    sys_->last = sys_->potential->compute(sys_->cfg.particles, sys_->cfg.box, sys_->list);
    // thermo.csv continues exactly where the checkpoint left it.
    std::error_code ec;
    if (!std::filesystem::exists(thermo_path_) || std::filesystem::file_size(thermo_path_) < state_.thermo_bytes)
      throw Error(fmt::format("{}: shorter than the checkpoint expects; cannot resume", thermo_path_.string()));
    std::filesystem::resize_file(thermo_path_, state_.thermo_bytes, ec);
    if (ec) throw Error(fmt::format("{}: cannot truncate: {}", thermo_path_.string(), ec.message()));
    thermo_ = std::fopen(thermo_path_.c_str(), "a");
    if (!thermo_) throw Error(fmt::format("{}: cannot open for appending", thermo_path_.string()));
    // The running stage's trajectory too, even if the stage writes no further frame.
    if (state_.trajectory_bytes > 0) trajectory(recipe_.stages[static_cast<std::size_t>(state_.stage_index)]);
    fmt::print(stderr, "resuming {} at stage {} step {} (global step {})\n", recipe_.source, state_.stage_index + 1,
               state_.stage_step, state_.global_step);
  }

  // The divergence guard on the current state (armed once a stage runs): nothing diverged is checkpointed or
  // reported.
  void check_state(std::int64_t step) const {
    if (guard_) guard_->check(*sys_, measure(*sys_), step);
  }

  void write_checkpoint() {
    check_state(state_.stage_step);
    if (thermo_) std::fflush(thermo_);
    state_.thermo_bytes = thermo_ ? static_cast<std::uint64_t>(std::ftell(thermo_)) : state_.thermo_bytes;
    if (trajectory_) state_.trajectory_bytes = trajectory_->flush();
    state_.list_positions = sys_->list.build_positions();
    state_.list_box_holder.box = sys_->list.build_box();
    state_.stage_wall_seconds = stage_elapsed();
    ArchiveWriter ar;
    char magic[8];
    std::copy(kMagic, kMagic + 8, magic);
    std::uint32_t version = kCheckpointVersion;
    std::uint64_t hash = recipe_.hash;
    ar(magic);
    ar(version);
    ar(hash);
    state_.checkpoint(ar, sys_->cfg);
    write_file_atomically(ckpt_path_, seal("checkpoint", kCheckpointVersion, ar.buffer()));
  }

  void begin_stage(const StageSpec& st) {
    if (!st.start.empty()) {
      sys_->cfg = state_.snapshots.at(st.start);
      sys_->list.build(sys_->cfg.particles, sys_->cfg.box);
      sys_->compute_forces();
    }
  }

  void end_stage(const StageSpec& st, nlohmann::json result) {
    check_state(state_.stage_step);
    guard_.reset();
    const auto k = state_.stage_index;
    result["index"] = k + 1;
    if (!st.name.empty()) result["name"] = st.name;
    if (st.potential) result["potential"] = st.potential->describe();
    if (trajectory_) result["trajectory"] = trajectory_->path().filename().string();
    auto results = nlohmann::json::parse(state_.results);
    results.push_back(std::move(result));
    state_.results = results.dump();
    for (const auto& later : recipe_.stages)
      if (!st.name.empty() && later.start == st.name) state_.snapshots[st.name] = sys_->cfg;
    write_configuration(opt_.out_dir / (stage_file_base(st) + ".data"),
                        sys_->configuration_for_output(), fmt::format("end of stage {} of {}", k + 1, recipe_.source));
    state_.stage_state.clear();
    trajectory_.reset();
    state_.trajectory_bytes = 0;
    ++state_.stage_index;
    state_.stage_step = 0;
    stage_wall_before_ = 0;
    stage_t0_ = std::chrono::steady_clock::now();
    write_checkpoint();
  }

  // stage<N>[-name]: the running stage's files (its end state .data, its trajectory).
  std::string stage_file_base(const StageSpec& st) const {
    return fmt::format("stage{}{}", state_.stage_index + 1, st.name.empty() ? "" : "-" + st.name);
  }

  // The running stage's trajectory, opened at its first frame (or continued where the checkpoint left it).
  TrajectoryWriter& trajectory(const StageSpec& st) {
    if (!trajectory_) {
      const OutputSpec& o = recipe_.output;
      trajectory_.emplace(opt_.out_dir / (stage_file_base(st) + trajectory_extension(o.dump_format)), o.dump_format,
                          state_.trajectory_bytes);
    }
    return *trajectory_;
  }

  void write_frame(const StageSpec& st, std::int64_t stage_step) {
    const OutputSpec& o = recipe_.output;
    Configuration c = sys_->configuration_for_output();
    c.step = stage_step;
    FrameOptions f;
    f.velocities = o.dump_velocities;
    f.info = fmt::format("stage={} global_step={}", state_.stage_index + 1, state_.global_step);
    std::vector<double> energies;
    if (o.dump_energies) {
      energies = sys_->potential->per_atom_energies(sys_->cfg.particles, sys_->cfg.box, sys_->list);
      f.energies = &energies;
    }
    trajectory(st).write(c, f);
  }

  std::string stage_label(const StageSpec& st) const {
    return fmt::format("stage {}/{} {}", state_.stage_index + 1, recipe_.stages.size(), st.name.empty() ? st.kind : st.name);
  }

  // A stage with a potential of its own runs with it; the stages after it return to [system]'s. The
  // types must mean the same elements in both (a surrogate stands in for the same alloy).
  void use_potential_of(const StageSpec& st) {
    const PotentialSpec& want = st.potential ? *st.potential : recipe_.system.potential;
    if (want.describe() == state_.potential) return;
    std::unique_ptr<Potential> u = make_potential(want);
    const std::vector<std::string> now = sys_->cfg.type_elements, then = u->type_elements();
    if (u->type_count() < sys_->cfg.type_count || (!now.empty() && !then.empty() && now != then))
      throw Error(fmt::format("{}: {}: potential '{}' has types {} but the system's are {} (a stage's potential must name "
                              "the same elements in the same order)", recipe_.source, stage_label(st), want.describe(),
                              then.empty() ? std::to_string(u->type_count()) : fmt::format("{}", fmt::join(then, ",")),
                              now.empty() ? std::to_string(sys_->cfg.type_count) : fmt::format("{}", fmt::join(now, ","))));
    sys_->potential = std::move(u);
    sys_->list = make_neighbor_list(*sys_->potential, sys_->list.skin());
    sys_->list.build(sys_->cfg.particles, sys_->cfg.box);
    sys_->need_energy_virial = true;
    sys_->compute_forces();
    state_.potential = want.describe();
  }

  // The runner's side of StageContext: the stage's fields go into the run's checkpoint.
  class Context final : public StageContext {
   public:
    Context(Runner& r, const StageSpec& st)
        : StageContext(*r.sys_, r.recipe_.output, *r.guard_, r.state_.global_step, r.state_.stage_step), r_(r), st_(st) {
      out_dir = r.opt_.out_dir;
      number = static_cast<int>(r.state_.stage_index + 1);
      kind = st.kind;
      label = r.stage_label(st);
      source = r.recipe_.source;
      thermo = r.thermo_;
    }
    bool fresh() const override { return r_.state_.stage_state.empty(); }
    void begin() override { r_.begin_stage(st_); }
    void restore(const StageFields& fields) override {
      ArchiveReader ar(r_.state_.stage_state, r_.ckpt_path_.string());
      fields(ar);
    }
    void save(const StageFields& fields) override {
      ArchiveWriter w;
      fields(w);
      r_.state_.stage_state = w.buffer();
      r_.write_checkpoint();
    }
    int take_signal() override {
      const int sig = g_signal;
      g_signal = 0;
      return sig;
    }
    double elapsed() const override { return r_.stage_elapsed(); }
    void write_frame(std::int64_t stage_step) override { r_.write_frame(st_, stage_step); }

   private:
    Runner& r_;
    const StageSpec& st_;
  };

  double stage_elapsed() const {
    return stage_wall_before_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_t0_).count();
  }

  void run_stage(const StageSpec& st) {
    use_potential_of(st);
    guard_.emplace(fmt::format("{}: {}", recipe_.source, stage_label(st)), *sys_);
    stage_wall_before_ = state_.stage_wall_seconds;
    stage_t0_ = std::chrono::steady_clock::now();
    Context ctx(*this, st);
    const EngineSpec& engine = recipe_.system.engine;
    end_stage(st, engine.lammps() ? run_stage_on_lammps(st, ctx, engine, recipe_.system.potential) : st.stage->run(ctx));
  }

  const Recipe& recipe_;
  RunOptions opt_;
  std::filesystem::path ckpt_path_, thermo_path_;
  std::unique_ptr<System> sys_;
  RunState state_;
  double stage_wall_before_ = 0;  // the running stage's wall time before this process took it up
  std::chrono::steady_clock::time_point stage_t0_ = std::chrono::steady_clock::now();
  std::optional<DivergenceGuard> guard_;
  std::optional<FolderLock> lock_;
  std::FILE* thermo_ = nullptr;
  std::optional<TrajectoryWriter> trajectory_;
};

}  // namespace

nlohmann::json run_recipe(const Recipe& recipe, const RunOptions& options) {
  Runner runner(recipe, options);
  return runner.run();
}

}  // namespace vitrum
