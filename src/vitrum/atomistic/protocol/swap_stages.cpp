#include "vitrum/atomistic/protocol/swap_stages.hpp"

#include <cmath>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <memory>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/mc/eam_monte_carlo.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"
#include "vitrum/atomistic/protocol/parallel_tempering_stage.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

namespace {

// The resumable part of a swap stage: cursor, Monte Carlo chain, samples, finished temperatures.
struct SwapCursor {
  std::int64_t temperature_index = 0;
  std::int64_t step = 0;  // sweeps (swap stages) or MD steps (hybrid) done at this temperature
  std::vector<double> pe_samples, t_samples;
  std::vector<double> e_is_samples;  // inherent-state energies of production states before the final one
  std::vector<double> c_samples;  // VC-SGC: the concentrations of types 1..n, one sample after another
  std::string done = "[]";      // JSON array of the finished temperatures
  std::string mc, integrator;   // serialised chain and integrator

  void checkpoint(Archive& ar) {
    ar(temperature_index);
    ar(step);
    ar(pe_samples);
    ar(t_samples);
    ar(e_is_samples);
    ar(c_samples);
    ar(done);
    ar(mc);
    ar(integrator);
  }
};

std::string serialise(MonteCarloChain& mc) {
  ArchiveWriter w;
  mc.checkpoint(w);
  return w.buffer();
}

// The chain for the system's potential: pair models swap species or diameters (their registry
// rule), EAM alloys swap species or, with `vcsgc`, change them (VC-SGC). A potential without a local
// energy change (KIM models) has no Monte Carlo.
std::unique_ptr<MonteCarloChain> make_chain(System& s, const SwapSpec& spec, const std::string& stage) {
  if (auto* eam = dynamic_cast<EamPotential*>(s.potential.get())) {
    auto mc = std::make_unique<EamMonteCarlo>(*eam, s.particles(), s.cfg.box, spec.seed);
    if (spec.vcsgc) {
      VcSgcSettings v = *spec.vcsgc;
      v.type_masses = s.cfg.type_masses;
      if (v.type_masses.size() != static_cast<std::size_t>(eam->type_count()))
        throw Error(fmt::format("{}: VC-SGC needs a mass for every species of the potential", stage));
      mc->set_semi_grand(std::move(v));
    }
    return mc;
  }
  if (spec.vcsgc)
    throw Error(fmt::format("{}: VC-SGC type changes need an EAM alloy potential (eam, eam/alloy, eam/fs); '{}' has none",
                            stage, s.potential->name()));
  if (!s.potential->pairwise())
    throw Error(fmt::format("{}: Monte Carlo needs a local energy change, which vitrum computes for pair potentials and "
                            "native EAM only; '{}' has none (use MD, or the same model as style eam/...)",
                            stage, s.potential->name()));
  SwapRule rule = swap_rule_for(s.potential->name());
  // A pair mixture of elements (lj/cut, e.g. the surrogate of an alloy) swaps species: type 1 with every other type.
  if (rule.kind == SwapRule::Kind::None && s.potential->type_elements().size() >= 2) rule = {SwapRule::Kind::Species, 1};
  return std::make_unique<SwapMonteCarlo>(*s.potential, s.particles(), s.cfg.box, rule, spec.seed, s.dimension());
}

// VC-SGC's outcome: the concentrations reached, their fluctuation and the free-energy slope they measure.
void add_semi_grand_results(const SwapSpec& spec, double kT, const std::vector<double>& c_samples, int blocks,
                            nlohmann::json& entry) {
  if (!spec.vcsgc || c_samples.empty()) return;
  const VcSgcSettings& v = *spec.vcsgc;
  const std::size_t types = v.concentration.size() + 1, samples = c_samples.size() / types;
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t k = 0; k < v.concentration.size(); ++k) {
    std::vector<double> c(samples);
    for (std::size_t m = 0; m < samples; ++m) c[m] = c_samples[m * types + k + 1];
    const MeanError me = block_average(c, blocks);
    double var = 0;
    for (double x : c) var += (x - me.mean) * (x - me.mean);
    var /= static_cast<double>(c.size());
    out.push_back({{"type", k + 2},
                   {"target", v.concentration[k]},
                   {"phi", v.phi[k]},
                   {"mean", me.mean},
                   {"stderr", me.stderr_},
                   {"variance", var},
                   {"dF_dc", -v.phi[k] - 2.0 * v.kappa * kT * (me.mean - v.concentration[k])}});
  }
  entry["vcsgc"] = {{"kappa", v.kappa}, {"concentrations", out}};
}

nlohmann::json number_or_null(double v, bool valid) { return valid ? nlohmann::json(v) : nlohmann::json(nullptr); }

// A temperature converted back to the user's units, without the last-digit noise of the round trip
// (1500 K → k_B T → 1500.0000000000002 K).
double user_temperature(const UnitSystem& u, double T) { return std::stod(fmt::format("{:.12g}", u.temperature_out(T))); }

std::string temperature_tag(double T) { return fmt::format("{}", T); }

}  // namespace

nlohmann::json swap_temperature_entry(const SwapSpec& spec, double T, MonteCarloChain& mc, const McCounters& c,
                                      double max_displacement, const std::vector<double>& samples, int blocks,
                                      const UnitSystem& units) {
  const double n = static_cast<double>(mc.particle_count());
  const double running = mc.energy();
  const double exact = mc.recompute_energy();
  const MeanError pe = block_average(samples, blocks);
  const double drift = half_difference(samples), drift_error = half_difference_error(samples);
  return {{"T", user_temperature(units, T)},
          {"sweeps", spec.sweeps},
          {"equilibrate", spec.equilibrate},
          {"acceptance_translation", number_or_null(c.translation_acceptance(), c.translation_attempts > 0)},
          {"acceptance_swap", number_or_null(c.swap_acceptance(), c.swap_attempts > 0)},
          {"max_displacement", max_displacement},
          {"pe_per_particle", pe.mean},
          {"pe_stderr", pe.stderr_},
          {"pe_half_difference", drift},
          {"pe_half_difference_error", drift_error},
          {"pe_halves_agree", std::abs(drift) <= 2.0 * drift_error},
          {"pe_final", exact / n},
          {"energy_drift_per_particle", (running - exact) / n},
          {"samples", samples.size()}};
}

namespace {
// `sys` (its potential, units and list settings) in the state `cfg`, as a separate system.
System system_at(const System& sys, const Configuration& cfg) {
  System copy = sys.copy();
  copy.cfg = cfg;
  copy.list.build(copy.particles(), copy.cfg.box);
  copy.compute_forces();
  return copy;
}
// The inherent state of `cfg`: FIRE on a copy (the state itself is untouched).
MinimizeResult minimize_copy(const System& sys, const Configuration& cfg, double ftol) {
  System copy = system_at(sys, cfg);
  MinimizeOptions mo;
  mo.ftol = ftol;
  return minimize(copy, mo);
}
}  // namespace

// e_IS of a minimised copy, τ_α from plain MD on another copy, and the configuration file.
void finish_swap_temperature(const SwapSpec& spec, StageContext& h, const Configuration& cfg, double T, std::int64_t index,
                             nlohmann::json& entry) {
  const UnitSystem& u = h.sys.units;
  const std::string base = fmt::format("stage{}-T{}", h.number, temperature_tag(user_temperature(u, T)));
  Configuration file_cfg = cfg;
  masses_to_user(file_cfg, u);
  write_configuration(h.out_dir / (base + ".data"), file_cfg,
                      fmt::format("swap-equilibrated state at T = {} (stage {} of {})", user_temperature(u, T), h.number,
                                  h.source));
  entry["file"] = base + ".data";
  entry["e_is"] = nullptr;
  if (spec.e_is) {
    const MinimizeResult r = minimize_copy(h.sys, cfg, spec.ftol);
    entry["e_is"] = r.energy / static_cast<double>(cfg.particles.size());
    entry["e_is_converged"] = r.converged;
  }
  entry["tau_alpha"] = nullptr;
  if (spec.dynamics_steps > 0) {
    System copy = system_at(h.sys, cfg);
    DynamicsOptions o;
    o.temperature = T;
    o.dt = spec.dynamics_dt;
    o.steps = spec.dynamics_steps;
    o.seed = spec.seed + static_cast<std::uint32_t>(index) + 1000u;
    const DynamicsResult d = measure_dynamics(copy, o);
    entry["q"] = d.q;
    if (d.tau_alpha) entry["tau_alpha"] = *d.tau_alpha;
    entry["fs_final"] = d.fs.empty() ? 1.0 : d.fs.back();
    std::FILE* f = std::fopen((h.out_dir / (base + "-dynamics.csv")).c_str(), "w");
    if (!f) throw Error(fmt::format("{}: cannot open for writing", (h.out_dir / (base + "-dynamics.csv")).string()));
    std::fprintf(f, "time,msd,fs\n");
    for (std::size_t k = 0; k < d.time.size(); ++k) std::fprintf(f, "%.10g,%.10g,%.10g\n", d.time[k], d.msd[k], d.fs[k]);
    std::fclose(f);
    entry["dynamics_file"] = base + "-dynamics.csv";
  }
  if (spec.mc_dynamics_sweeps > 0) {
    if (!h.sys.potential->pairwise())
      throw Error(fmt::format("{}: mc_dynamics_sweeps: Monte Carlo relaxation times are measured for pair potentials "
                              "only (not {})", h.label, h.sys.potential->name()));
    // Relaxation under Monte Carlo with the stage's swap moves and without them (translations only).
    const std::string path = (h.out_dir / (base + "-mc-dynamics.csv")).string();
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw Error(fmt::format("{}: cannot open for writing", path));
    std::fprintf(f, "moves,sweeps,msd,fs\n");
    for (const bool swaps : {true, false}) {
      if (swaps && !(spec.p_swap > 0)) continue;
      McDynamicsOptions o;
      o.temperature = T;
      o.p_swap = swaps ? spec.p_swap : 0.0;
      o.sweeps = spec.mc_dynamics_sweeps;
      o.seed = spec.seed + static_cast<std::uint32_t>(index) + (swaps ? 2000u : 3000u);
      o.max_displacement = entry.value("max_displacement", spec.max_displacement);
      o.origins = spec.mc_dynamics_origins;
      o.spacing = spec.mc_dynamics_spacing;
      const DynamicsResult d = measure_mc_dynamics(*h.sys.potential, cfg, o);
      for (std::size_t k = 0; k < d.time.size(); ++k)
        std::fprintf(f, "%s,%.10g,%.10g,%.10g\n", swaps ? "swap" : "translation", d.time[k], d.msd[k], d.fs[k]);
      const std::string key = swaps ? "tau_swap_sweeps" : "tau_mc_sweeps";
      entry[key] = d.tau_alpha ? nlohmann::json(*d.tau_alpha) : nlohmann::json(nullptr);
      if (o.origins > 1) {
        // Each origin's own τ (null where its F_s stayed above 1/e) and their standard error.
        nlohmann::json each = nlohmann::json::array();
        std::vector<double> found;
        for (const auto& t : d.tau_by_origin) {
          each.push_back(t ? nlohmann::json(*t) : nlohmann::json(nullptr));
          if (t) found.push_back(*t);
        }
        entry[key + "_by_origin"] = each;
        const MeanError spread = block_average(found, static_cast<int>(found.size()));
        entry[key + "_stderr"] = number_or_null(spread.stderr_, found.size() == d.tau_by_origin.size());
      }
    }
    std::fclose(f);
    entry["mc_dynamics_file"] = base + "-mc-dynamics.csv";
  }
}

namespace {

class SwapStageRun {
 public:
  SwapStageRun(const SwapSpec& spec, StageContext& ctx) : spec_(spec), h_(ctx), fresh_(ctx.fresh()) {
    if (fresh_) ctx.begin();
    else ctx.restore(fields_);
  }

 private:
  void save() { h_.save(fields_); }
  void poll(std::int64_t since_start, bool boundary) {
    h_.poll(fields_, boundary && h_.output.checkpoint_every > 0 && since_start % h_.output.checkpoint_every == 0);
  }
  // Production sweep k at which a state is minimised for e_IS besides the final one: e_is_samples
  // states evenly spaced over production, the last of them the final state.
  bool inherent_state_due(std::int64_t k) const {
    const std::int64_t m = spec_.e_is_samples;
    if (!spec_.e_is || m < 2 || k <= spec_.equilibrate || k >= spec_.sweeps) return false;
    const std::int64_t production = spec_.sweeps - spec_.equilibrate, j = k - spec_.equilibrate;
    return (j * m) / production != ((j - 1) * m) / production;
  }
  double elapsed() const { return h_.elapsed(); }

 public:
  nlohmann::json run_swap() {
    System& s = h_.sys;
    const double n = static_cast<double>(s.size());
    if (fresh_) s.cfg.has_velocities = false;  // MC states carry no meaningful velocities
    const auto chain = make_chain(s, spec_, h_.source + ": " + h_.label);
    MonteCarloChain& mc = *chain;
    mc.set_max_displacement(spec_.max_displacement);
    if (!cur_.mc.empty()) {
      ArchiveReader r(cur_.mc, "swap stage checkpoint");
      mc.checkpoint(r);
    }
    const std::int64_t nt = static_cast<std::int64_t>(spec_.temperatures.size());
    Progress progress(h_.label, nt * spec_.sweeps, cur_.temperature_index * spec_.sweeps + cur_.step);
    while (cur_.temperature_index < nt) {
      const double T = spec_.temperatures[static_cast<std::size_t>(cur_.temperature_index)];
      const auto base = static_cast<std::uint64_t>(cur_.temperature_index * spec_.sweeps);
      const auto mc_t0 = std::chrono::steady_clock::now();
      const std::int64_t first = cur_.step;
      while (cur_.step < spec_.sweeps) {
        if (cur_.step == 0 || cur_.step == spec_.equilibrate) mc.reset_counters();  // production statistics only
        mc.sweep(base + static_cast<std::uint64_t>(cur_.step), T, spec_.p_swap);
        const std::int64_t k = ++cur_.step;
        h_.step = static_cast<std::int64_t>(base) + k;  // sweeps over the whole ladder: the resume line's step
        if (k <= spec_.equilibrate && k % 10 == 0) mc.adapt_step(spec_.target_acceptance);
        if (k > spec_.equilibrate && (k - spec_.equilibrate) % spec_.sample_every == 0) {
          cur_.pe_samples.push_back(mc.energy() / n);
          sample_concentrations(mc);
        }
        if (inherent_state_due(k)) {
          const MinimizeResult r = minimize_copy(s, s.cfg, spec_.ftol);
          cur_.e_is_samples.push_back(r.energy / n);
        }
        progress.update(base + k);
        cur_.mc = serialise(mc);
        poll(static_cast<std::int64_t>(base) + k, k < spec_.sweeps);
      }
      const double mc_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - mc_t0).count();
      nlohmann::json entry = swap_temperature_entry(spec_, T, mc, mc.counters(), mc.max_displacement(), cur_.pe_samples,
                                                    h_.output.blocks, s.units);
      add_semi_grand_results(spec_, T, cur_.c_samples, h_.output.blocks, entry);
      entry["moves_per_second"] = mc_wall > 0 ? (cur_.step - first) * n / mc_wall : 0.0;
      finish_swap_temperature(spec_, h_, h_.sys.cfg, T, cur_.temperature_index, entry);
      if (spec_.e_is && spec_.e_is_samples > 1) {
        // Mean over the production states minimised along the way and the final one.
        std::vector<double> e = cur_.e_is_samples;
        e.push_back(entry["e_is"].get<double>());
        const MeanError m = block_average(e, static_cast<int>(e.size()));
        entry["e_is_final"] = entry["e_is"];
        entry["e_is"] = m.mean;
        entry["e_is_stderr"] = m.stderr_;
        entry["e_is_values"] = e;
      }
      entry["wall_seconds"] = elapsed();
      append(entry);
      cur_.pe_samples.clear();
      cur_.c_samples.clear();
      cur_.e_is_samples.clear();
      cur_.mc = serialise(mc);
      ++cur_.temperature_index;
      cur_.step = 0;
      if (cur_.temperature_index < nt) save();
    }
    progress.finish();
    s.list.build(s.particles(), s.cfg.box);
    s.compute_forces();
    return {{"kind", h_.kind}, {"p_swap", spec_.p_swap}, {"seed", spec_.seed},
            {"final", final_state_json(s, spec_.temperatures.back())},
            {"temperatures", nlohmann::json::parse(cur_.done)},
            {"potential", s.potential->name()},
            {"wall_seconds", elapsed()}};
  }

  nlohmann::json run_hybrid() {
    System& s = h_.sys;
    const double n = static_cast<double>(s.size());
    const double T = spec_.temperatures.front();
    const bool fresh = fresh_;
    // The Monte Carlo constructor wraps positions into the box. Mid-stage (on resume) that would
    // move atoms by lattice vectors under a neighbour list whose image codes assume they did not
    // move: keep the positions as restored (each sweep wraps them anyway, then rebuilds the list).
    const std::vector<Vec3> restored_positions = s.particles().position;
    const std::vector<Int3> restored_images = s.particles().image;
    const auto chain = make_chain(s, spec_, h_.source + ": " + h_.label);
    MonteCarloChain& mc = *chain;
    if (!fresh) {
      s.particles().position = restored_positions;
      s.particles().image = restored_images;
    }
    auto integrator = make_integrator(spec_.integrator);
    if (fresh) {
      create_velocities(s, T, spec_.seed);
      s.cfg.has_velocities = true;
      s.list.build(s.particles(), s.cfg.box);  // the chain wrapped the positions
      s.compute_forces();
      if (h_.frame_due(0)) h_.write_frame(0);
      // Checkpoint the initialised stage at once, so that a resume continues from this state
      // instead of initialising again.
      cur_.mc = serialise(mc);
      ArchiveWriter iw;
      integrator->checkpoint(iw);
      cur_.integrator = iw.buffer();
      save();
    } else {
      ArchiveReader r(cur_.mc, "hybrid stage checkpoint");
      mc.checkpoint(r);
      ArchiveReader ri(cur_.integrator, "hybrid stage checkpoint");
      integrator->checkpoint(ri);
    }
    Progress progress(h_.label, spec_.steps, cur_.step);
    while (cur_.step < spec_.steps) {
      const std::int64_t k = cur_.step + 1;
      const bool sample = k > spec_.equilibrate && k % spec_.sample_every == 0;
      s.need_energy_virial = sample;
      integrator->step(s, k, T);
      cur_.step = k;
      h_.step = k;
      if (sample) {
        cur_.pe_samples.push_back(s.last.energy / n);
        cur_.t_samples.push_back(s.units.temperature_out(measure(s).temperature));
        sample_concentrations(mc);
      }
      if (k == spec_.equilibrate) mc.reset_counters();
      if (k % spec_.swap_every == 0) {
        const auto block = static_cast<std::uint64_t>(k / spec_.swap_every - 1);
        for (std::int64_t w = 0; w < spec_.swap_sweeps; ++w)
          mc.sweep(block * static_cast<std::uint64_t>(spec_.swap_sweeps) + static_cast<std::uint64_t>(w), T, 1.0);
        // Species or diameters changed: the list (per-type cut-offs) and the forces are stale.
        s.list.build(s.particles(), s.cfg.box);
        s.need_energy_virial = false;
        s.compute_forces();
      }
      if (h_.frame_due(k)) h_.write_frame(k);
      if (k % 50 == 0) progress.update(k);
      cur_.mc = serialise(mc);
      ArchiveWriter iw;
      integrator->checkpoint(iw);
      cur_.integrator = iw.buffer();
      poll(k, k < spec_.steps);
    }
    progress.finish();
    s.need_energy_virial = true;
    s.compute_forces();
    const McCounters& c = mc.counters();
    const MeanError pe = block_average(cur_.pe_samples, h_.output.blocks), te = block_average(cur_.t_samples, h_.output.blocks);
    nlohmann::json entry = {{"T", user_temperature(s.units, T)},
                            {"steps", spec_.steps},
                            {"acceptance_translation", nullptr},
                            {"acceptance_swap", number_or_null(c.swap_acceptance(), c.swap_attempts > 0)},
                            {"pe_per_particle", pe.mean},
                            {"pe_stderr", pe.stderr_},
                            {"temperature_mean", te.mean},
                            {"temperature_stderr", te.stderr_},
                            {"samples", cur_.pe_samples.size()}};
    add_semi_grand_results(spec_, T, cur_.c_samples, h_.output.blocks, entry);
    finish_swap_temperature(spec_, h_, h_.sys.cfg, T, 0, entry);
    entry["wall_seconds"] = elapsed();
    append(entry);
    return {{"kind", "hybrid"}, {"dt", spec_.integrator.dt}, {"thermostat", spec_.integrator.thermostat},
            {"swap_every", spec_.swap_every}, {"swap_sweeps", spec_.swap_sweeps}, {"seed", spec_.seed},
            {"final", final_state_json(s)}, {"temperatures", nlohmann::json::parse(cur_.done)},
            {"wall_seconds", elapsed()}};
  }

 private:
  // The concentration of every type (VC-SGC stages only: elsewhere it never changes).
  void sample_concentrations(const MonteCarloChain& mc) {
    if (const auto* eam = dynamic_cast<const EamMonteCarlo*>(&mc); eam && eam->semi_grand())
      for (double c : eam->concentrations()) cur_.c_samples.push_back(c);
  }

  void append(const nlohmann::json& entry) {
    auto done = nlohmann::json::parse(cur_.done);
    done.push_back(entry);
    cur_.done = done.dump();
  }

  const SwapSpec& spec_;
  StageContext& h_;
  SwapCursor cur_;
  const StageFields fields_ = [this](Archive& ar) { cur_.checkpoint(ar); };
  const bool fresh_;
};

}  // namespace

StageResult SwapStage::run(StageContext& ctx) const { return SwapStageRun(swap, ctx).run_swap(); }

StageResult HybridStage::run(StageContext& ctx) const { return SwapStageRun(swap, ctx).run_hybrid(); }

}  // namespace vitrum
