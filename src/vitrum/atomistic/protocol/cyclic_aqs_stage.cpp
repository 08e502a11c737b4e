// The `cyclic_aqs` stage: stroboscopic energy, events and MSD per cycle (stageN-cyclic_aqs.csv), the
// σ_xy(γ) loops (stageN-cyclic_aqs-curve.csv), and whether and when the run fell into an absorbing state.
#include <chrono>
#include <fmt/format.h>
#include <sstream>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/cyclic_aqs_stage.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

StageResult CyclicAqsStage::run(StageContext& ctx) const {
  ctx.begin();
  const CyclicAqsOptions& o = cyclic;
  const auto t0 = std::chrono::steady_clock::now();
  Progress progress(ctx.label, o.cycles);
  ctx.sys.list.set_sorting(false);  // unwrapped positions are compared by index across cycles
  // Trajectory frames are stroboscopic: the state at the end of every dump_every-th cycle.
  const CyclicAqsResult r = run_cyclic_aqs(ctx.sys, o, [&](const CyclicAqsCycle&, std::int64_t c) {
    if (ctx.frame_due(c)) ctx.write_frame(c);
    progress.update(c);
    ctx.poll();
    return true;
  });
  progress.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const std::string base = fmt::format("stage{}-cyclic_aqs", ctx.number);
  std::ostringstream cyc, curve;
  cyc << "cycle,pe_per_particle,stress_xy,events,msd,msd_from_start,period,max_stress_xy,min_stress_xy,iterations\n";
  std::vector<double> energy, msd, msd_start;
  std::vector<std::int64_t> events, period;
  for (std::size_t k = 0; k < r.cycles.size(); ++k) {
    const CyclicAqsCycle& c = r.cycles[k];
    cyc << fmt::format("{},{:.15g},{:.12g},{},{:.6e},{:.6e},{},{:.12g},{:.12g},{}\n", k + 1, c.pe_per_particle, c.stress_xy,
                       c.events, c.msd, c.msd_from_start, c.period, c.max_stress, c.min_stress, c.iterations);
    energy.push_back(c.pe_per_particle);
    msd.push_back(c.msd);
    msd_start.push_back(c.msd_from_start);
    events.push_back(c.events);
    period.push_back(c.period);
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), cyc.str());
  curve << "gamma,stress_xy,pe_per_particle,event,iterations\n";
  std::int64_t iterations = 0;
  for (const AqsPoint& p : r.curve) {
    curve << fmt::format("{:.10g},{:.12g},{:.15g},{},{}\n", p.gamma, p.stress_xy, p.pe_per_particle, p.event ? 1 : 0,
                         p.iterations);
    iterations += p.iterations;
  }
  write_file_atomically(ctx.out_dir / (base + "-curve.csv"), curve.str());

  nlohmann::json fin = final_state_json(ctx.sys);
  fin["stress_xy"] = r.curve.back().stress_xy;
  const bool absorbing = r.absorbed_at > 0;
  return {{"kind", "cyclic_aqs"},
          {"dgamma", o.dgamma},
          {"amplitude", o.amplitude},
          {"cycles", r.cycles.size()},
          {"ftol", o.minimize.ftol},
          {"method", o.minimize.method},
          {"drop_threshold", o.drop_threshold},
          {"absorbing_msd", o.absorbing_msd},
          {"sign_convention", "stress_xy = -P_xy (virial only; athermal)"},
          {"start_pe_per_particle", r.start_pe_per_particle},
          {"strobe_pe_per_particle", energy},
          {"events_per_cycle", events},
          {"strobe_msd", msd},
          {"strobe_msd_from_start", msd_start},
          {"period", period},
          {"absorbing", absorbing},
          {"absorbed_at_cycle", absorbing ? nlohmann::json(r.absorbed_at) : nlohmann::json(nullptr)},
          {"converged", r.converged},
          {"worst_fmax", r.worst_fmax},
          {"minimizer_iterations", iterations},
          {"file", base + ".csv"},
          {"curve_file", base + "-curve.csv"},
          {"final", fin},
          {"wall_seconds", wall}};
}

}  // namespace vitrum
