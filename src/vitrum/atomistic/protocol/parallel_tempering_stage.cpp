#include "vitrum/atomistic/protocol/parallel_tempering_stage.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "vitrum/atomistic/mc/parallel_tempering.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/resources.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

namespace {

nlohmann::json acceptance(std::int64_t accepted, std::int64_t tried) {
  return tried > 0 ? nlohmann::json(static_cast<double>(accepted) / static_cast<double>(tried)) : nlohmann::json(nullptr);
}

}  // namespace

StageResult ParallelTemperingStage::run(StageContext& h) const {
  const SwapSpec& spec = swap;
  const bool fresh = h.fresh();
  if (fresh) h.begin();
  System& s = h.sys;
  if (!s.potential->pairwise())
    throw Error(fmt::format("{}: parallel tempering runs pair potentials only (not {}); for an EAM alloy use swap, "
                            "swap_anneal or hybrid", h.label, s.potential->name()));
  check_allocation(h.label + ": temperatures", static_cast<double>(spec.temperatures.size()) * static_cast<double>(s.size()),
                   kBytesPerParticle, "replica particles");
  ParallelTempering pt(*s.potential, s.cfg, swap_rule_for(s.potential->name()), spec.temperatures, spec.seed,
                       spec.max_displacement);
  // Resumable state: sweeps done by every replica, exchange rounds done, the replicas.
  std::int64_t sweep = 0, rounds = 0;
  const StageFields fields = [&](Archive& ar) {
    ar(sweep);
    ar(rounds);
    pt.checkpoint(ar);
  };
  if (!fresh) h.restore(fields);
  const double wall_before = h.elapsed();

  const double n = static_cast<double>(s.size());
  const auto R = static_cast<std::int64_t>(pt.size());
  const std::int64_t first = sweep;
  Progress progress(h.label, spec.sweeps, sweep);
  while (sweep < spec.sweeps) {
    if (sweep == spec.equilibrate) pt.reset_statistics();  // production statistics only
    const bool equilibrating = sweep < spec.equilibrate;
    // Blocks end at every exchange and at the end of equilibration.
    const std::int64_t end = std::min({sweep + spec.exchange_every, spec.sweeps,
                                       equilibrating ? spec.equilibrate : spec.sweeps});
    pt.run_block(sweep, end - sweep, spec.p_swap, equilibrating, spec.target_acceptance,
                 equilibrating ? 0 : spec.sample_every);
    pt.exchange(static_cast<std::uint64_t>(rounds++));
    const std::int64_t before = sweep;
    sweep = end;
    h.step = sweep;
    progress.update(sweep);
    const std::int64_t every = h.output.checkpoint_every;
    h.poll(fields, sweep < spec.sweeps && every > 0 && sweep / every != before / every);
  }
  progress.finish();
  const double mc_wall = h.elapsed() - wall_before;

  nlohmann::json temperatures = nlohmann::json::array(), exchanges = nlohmann::json::array();
  for (std::size_t k = 0; k < pt.size(); ++k) {
    const double T = pt.temperatures()[k];
    nlohmann::json entry = swap_temperature_entry(spec, T, pt.chain_at(k), pt.moves_at(k), pt.max_displacement_at(k),
                                                  pt.samples_at(k), h.output.blocks, s.units);
    finish_swap_temperature(spec, h, pt.configuration_at(k), T, static_cast<std::int64_t>(k), entry);
    temperatures.push_back(entry);
    if (k + 1 < pt.size())
      exchanges.push_back({{"T_low", T},
                           {"T_high", pt.temperatures()[k + 1]},
                           {"attempts", pt.exchange_attempts(k)},
                           {"acceptance", acceptance(pt.exchange_accepts(k), pt.exchange_attempts(k))}});
  }
  // Later stages continue from the coldest replica.
  s.cfg = pt.configuration_at(0);
  s.list.build(s.particles(), s.cfg.box);
  s.compute_forces();
  const double moves = static_cast<double>(sweep - first) * n * static_cast<double>(R);
  return {{"kind", "parallel_tempering"},
          {"p_swap", spec.p_swap},
          {"seed", spec.seed},
          {"replicas", R},
          {"exchange_every", spec.exchange_every},
          {"threads", std::min<std::int64_t>(omp_get_max_threads(), R)},
          {"round_trips", pt.round_trips()},
          {"exchanges", exchanges},
          {"final", final_state_json(s, pt.temperatures().front())},
          {"temperatures", temperatures},
          {"moves_per_second", mc_wall > 0 ? moves / mc_wall : 0.0},
          {"wall_seconds", h.elapsed()}};
}

}  // namespace vitrum
