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
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/protocol/aqs_stage.hpp"
#include "vitrum/atomistic/protocol/divergence.hpp"
#include "vitrum/atomistic/protocol/flow_stage.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/atomistic/protocol/swap_stages.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/archive.hpp"
#include "vitrum/io/folder_lock.hpp"
#include "vitrum/io/replicate.hpp"
#include "vitrum/io/sealed_file.hpp"

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
  std::string results;                 // JSON array of the finished stages
  std::string integrator_state;        // the md stage's integrator, serialised
  std::string stage_state;             // a swap stage's own state (swap_stages.cpp)
  std::string potential;               // the potential in use (PotentialSpec::describe): [system]'s or a stage's
  std::vector<double> t_samples, pe_samples, p_samples;
  std::map<std::string, Configuration> snapshots;
  std::vector<Vec3> list_positions;    // the neighbour list's build state
  Configuration list_box_holder;       // box of the last list build (particles unused)
  double wall_seconds = 0;

  void checkpoint(Archive& ar, Configuration& cfg) {
    ar(stage_index);
    ar(stage_step);
    ar(global_step);
    ar(thermo_bytes);
    ar(results);
    ar(integrator_state);
    ar(stage_state);
    ar(potential);
    ar(t_samples);
    ar(pe_samples);
    ar(p_samples);
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

nlohmann::json thermo_json(const System& s) {
  const Thermo t = report(s);
  const double n = static_cast<double>(s.size());
  return {{"temperature", t.temperature},
          {"pe_per_particle", t.potential_energy / n},
          {"ke_per_particle", t.kinetic_energy / n},
          {"pressure", t.pressure},
          {"stress", t.stress},
          {"volume", t.volume},
          {"density", n / t.volume}};
}

class Runner {
 public:
  Runner(const Recipe& recipe, const RunOptions& options) : recipe_(recipe), opt_(options) {}

  nlohmann::json run() {
    std::filesystem::create_directories(opt_.out_dir);
    // Before anything in the folder is touched: a second run into it is refused, the first's files stay intact.
    lock_.emplace(opt_.out_dir);
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
      cfg = read_configuration(sp.read);
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
    fmt::print(stderr, "resuming {} at stage {} step {} (global step {})\n", recipe_.source, state_.stage_index + 1,
               state_.stage_step, state_.global_step);
  }

  // The divergence guard on the current state (armed once a stage runs): nothing diverged is checkpointed or
  // reported.
  void check_state(std::int64_t step) const {
    if (guard_) guard_->check(*sys_, measure(*sys_), step);
  }

  // The md stage's guard at its sampled steps: energies, and a thermostat that holds a positive target (internal
  // units throughout: measure(), not the reported units).
  void guard_md(std::int64_t step, double target, double dt) const {
    const Thermo t = measure(*sys_);
    guard_->check(*sys_, t, step);
    guard_->check_thermostat(t.temperature, target, dt, step);
  }

  void write_checkpoint() {
    check_state(state_.stage_step);
    if (thermo_) std::fflush(thermo_);
    state_.thermo_bytes = thermo_ ? static_cast<std::uint64_t>(std::ftell(thermo_)) : state_.thermo_bytes;
    state_.list_positions = sys_->list.build_positions();
    state_.list_box_holder.box = sys_->list.build_box();
    if (integrator_) {
      ArchiveWriter iw;
      integrator_->checkpoint(iw);
      state_.integrator_state = iw.buffer();
    } else {
      state_.integrator_state.clear();
    }
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

  void check_signal() {
    if (g_signal) {
      const int sig = g_signal;
      g_signal = 0;
      write_checkpoint();
      throw Interrupted{sig};
    }
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
    auto results = nlohmann::json::parse(state_.results);
    results.push_back(std::move(result));
    state_.results = results.dump();
    for (const auto& later : recipe_.stages)
      if (!st.name.empty() && later.start == st.name) state_.snapshots[st.name] = sys_->cfg;
    write_configuration(opt_.out_dir / fmt::format("stage{}{}.data", k + 1, st.name.empty() ? "" : "-" + st.name),
                        sys_->configuration_for_output(), fmt::format("end of stage {} of {}", k + 1, recipe_.source));
    integrator_.reset();
    state_.stage_state.clear();
    state_.t_samples.clear();
    state_.pe_samples.clear();
    state_.p_samples.clear();
    ++state_.stage_index;
    state_.stage_step = 0;
    write_checkpoint();
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

  void run_stage(const StageSpec& st) {
    use_potential_of(st);
    guard_.emplace(fmt::format("{}: {}", recipe_.source, stage_label(st)), *sys_);
    if (st.kind == "minimize") run_minimize(st);
    else if (is_swap_stage_kind(st.kind)) run_swap(st);
    else if (st.kind == "aqs" || st.kind == "cyclic_aqs") run_aqs(st);
    else if (st.kind == "shear_rate" || st.kind == "creep") run_flow(st);
    else run_md(st);
  }

  void run_swap(const StageSpec& st) {
    if (state_.stage_state.empty()) begin_stage(st);
    SwapStageHooks h{*sys_, opt_.out_dir, static_cast<int>(state_.stage_index + 1), stage_label(st), recipe_.source,
                     recipe_.output.checkpoint_every, recipe_.output.blocks, state_.stage_state,
                     [this] { write_checkpoint(); },
                     [] { const int sig = g_signal; g_signal = 0; return sig; }};
    end_stage(st, run_swap_stage(st, h));
  }

  // shear_rate / creep keep their own cursor in stage_state, like the swap stages, and resume bit for bit.
  void run_flow(const StageSpec& st) {
    if (state_.stage_state.empty()) begin_stage(st);
    const OutputSpec& out = recipe_.output;
    FlowStageHooks h{*sys_, opt_.out_dir, static_cast<int>(state_.stage_index + 1), stage_label(st), out.sample_every,
                     out.checkpoint_every, out.blocks, state_.stage_state, [this] { write_checkpoint(); },
                     [] { const int sig = g_signal; g_signal = 0; return sig; }};
    end_stage(st, run_flow_stage(st, h));
  }

  // An interrupted AQS stage restarts from its beginning on resume (the last checkpoint is the stage start).
  void run_aqs(const StageSpec& st) {
    begin_stage(st);
    AqsStageHooks h{*sys_, opt_.out_dir, static_cast<int>(state_.stage_index + 1), stage_label(st),
                    [] { const int sig = g_signal; g_signal = 0; return sig; }};
    end_stage(st, run_aqs_stage(st, h));
  }

  void run_minimize(const StageSpec& st) {
    begin_stage(st);
    const auto t0 = std::chrono::steady_clock::now();
    Progress progress(stage_label(st), st.minimize.max_iterations);
    const MinimizeResult r = minimize(*sys_, st.minimize, [&](std::int64_t it, double) {
      if (it % 100 == 0) progress.update(it);
      if (g_signal) {
        // A minimisation restarts from its first iteration on resume: nothing to save but the stage start.
        throw Interrupted{static_cast<int>(g_signal)};
      }
    });
    progress.finish();
    const double n = static_cast<double>(sys_->size());
    nlohmann::json result = {{"kind", "minimize"},
                             {"method", r.method},
                             {"ftol", st.minimize.ftol},
                             {"e_is", r.energy / n},
                             {"fmax", r.fmax},
                             {"iterations", r.iterations},
                             {"force_evaluations", r.force_evaluations},
                             {"converged", r.converged},
                             {"wall_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()},
                             {"final", thermo_json(*sys_)}};
    if (!r.converged)
      fmt::print(stderr, "warning: stage {}: minimiser stopped at max |F| = {:.3g} (ftol {:.3g}) after {} iterations\n",
                 state_.stage_index + 1, r.fmax, st.minimize.ftol, r.iterations);
    end_stage(st, std::move(result));
  }

  void run_md(const StageSpec& st) {
    System& s = *sys_;
    s.list.set_sorting(true);
    integrator_ = make_integrator(st.integrator);
    if (state_.stage_step == 0) {
      begin_stage(st);
      const bool create = st.velocities == "create" || (st.velocities == "auto" && !s.cfg.has_velocities);
      if (create && !(st.t_start > 0) && s.units.is_metal())
        throw Error(fmt::format("{}: stage {} (md, {}): the system has no velocities; give `temperature` to create them "
                                "or start from a state that has them", recipe_.source, state_.stage_index + 1,
                                st.integrator.ensemble));
      if (create) create_velocities(s, st.t_start > 0 ? st.t_start : 1.0, st.integrator.seed);
      s.cfg.has_velocities = true;
    } else {
      ArchiveReader ar(state_.integrator_state, ckpt_path_.string());
      integrator_->checkpoint(ar);
    }
    const OutputSpec& out = recipe_.output;
    const double n = static_cast<double>(s.size());
    const double dt = st.integrator.dt;
    auto target = [&](std::int64_t k) {
      return st.t_start + (st.t_end - st.t_start) * static_cast<double>(k) / static_cast<double>(st.steps);
    };
    Progress progress(stage_label(st), st.steps, state_.stage_step);
    const auto t0 = std::chrono::steady_clock::now();
    const std::int64_t first = state_.stage_step;
    while (state_.stage_step < st.steps) {
      const std::int64_t k = state_.stage_step + 1;
      const double temperature = target(k);
      s.need_energy_virial = (k > st.equilibrate && k % out.sample_every == 0) ||
                             (state_.global_step + 1) % out.thermo_every == 0 || k == st.steps;
      integrator_->step(s, state_.global_step + 1, temperature);
      state_.stage_step = k;
      ++state_.global_step;
      const bool sample = k > st.equilibrate && k % out.sample_every == 0;
      const bool row = state_.global_step % out.thermo_every == 0;
      if (sample || row) {
        const Thermo t = report(s);
        guard_md(k, st.integrator.ensemble != "nve" ? temperature : 0.0, dt);
        if (sample) {
          state_.t_samples.push_back(t.temperature);
          state_.pe_samples.push_back(t.potential_energy / n);
          state_.p_samples.push_back(t.pressure);
        }
        if (row) {
          const double conserved = t.kinetic_energy + t.potential_energy + integrator_->reservoir_energy(s, temperature);
          std::fprintf(thermo_, "%lld,%lld,%.10g,%.10g,%.12g,%.12g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.12g\n",
                       static_cast<long long>(state_.stage_index + 1), static_cast<long long>(state_.global_step),
                       static_cast<double>(k) * dt, t.temperature, t.potential_energy / n, t.kinetic_energy / n,
                       t.pressure, t.stress[0], t.stress[1], t.stress[2], t.stress[3], t.stress[4], t.stress[5],
                       t.volume, conserved / n);
        }
      }
      if (k % 50 == 0) progress.update(k);
      check_signal();
      if (out.checkpoint_every > 0 && state_.global_step % out.checkpoint_every == 0 && k < st.steps) write_checkpoint();
    }
    progress.finish();
    s.need_energy_virial = true;
    s.list.set_sorting(false);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const UnitSystem& u = s.units;
    const MeanError te = block_average(state_.t_samples, out.blocks), pe = block_average(state_.pe_samples, out.blocks),
                    pr = block_average(state_.p_samples, out.blocks);
    const Thermo t = report(s);
    nlohmann::json fin = thermo_json(s);
    fin["conserved_per_particle"] = (t.kinetic_energy + t.potential_energy + integrator_->reservoir_energy(s, st.t_end)) / n;
    nlohmann::json result = {{"kind", "md"},
                             {"ensemble", st.integrator.ensemble},
                             {"dt", dt},
                             {"steps", st.steps},
                             {"equilibrate", st.equilibrate},
                             {"samples", state_.t_samples.size()},
                             {"mean", {{"temperature", te.mean}, {"pe_per_particle", pe.mean}, {"pressure", pr.mean}}},
                             {"stderr", {{"temperature", te.stderr_}, {"pe_per_particle", pe.stderr_}, {"pressure", pr.stderr_}}},
                             {"final", fin},
                             {"steps_per_second", wall > 0 ? (st.steps - first) / wall : 0.0},
                             {"wall_seconds", wall}};
    if (st.integrator.ensemble != "nve") {
      result["thermostat"] = st.integrator.ensemble == "nvt" ? st.integrator.thermostat : st.integrator.ensemble;
      result["temperature_target"] = {u.temperature_out(st.t_start), u.temperature_out(st.t_end)};
    }
    if (st.integrator.ensemble == "npt") result["pressure_target"] = u.pressure_out(st.integrator.pressure);
    if (st.t_start != st.t_end)
      result["rate"] = u.temperature_out(std::abs(st.t_end - st.t_start)) / (static_cast<double>(st.steps) * dt);
    end_stage(st, std::move(result));
  }

  const Recipe& recipe_;
  RunOptions opt_;
  std::filesystem::path ckpt_path_, thermo_path_;
  std::unique_ptr<System> sys_;
  std::unique_ptr<Integrator> integrator_;
  RunState state_;
  std::optional<DivergenceGuard> guard_;
  std::optional<FolderLock> lock_;
  std::FILE* thermo_ = nullptr;
};

}  // namespace

nlohmann::json run_recipe(const Recipe& recipe, const RunOptions& options) {
  Runner runner(recipe, options);
  return runner.run();
}

}  // namespace vitrum
