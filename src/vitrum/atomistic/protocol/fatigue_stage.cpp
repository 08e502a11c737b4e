// The `fatigue` stage: its keys, and per-cycle work, stroboscopic energy, MSD, band and failure written as CSV and summary.
#include "vitrum/atomistic/protocol/fatigue_stage.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <sstream>
#include <string>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

std::unique_ptr<Stage> parse_fatigue_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<FatigueStage>();
  FatigueOptions& f = s->fatigue;
  CyclicAqsOptions& o = f.cyclic;
  if (t.has("dgamma") && t.has("strain_step")) t.fail("strain_step", "give `dgamma` or `strain_step`, not both");
  const char* step_key = t.has("strain_step") ? "strain_step" : "dgamma";
  o.dgamma = t.get_double(step_key, o.dgamma);
  if (!(o.dgamma > 0) || !(o.dgamma <= 0.01))
    t.fail(step_key, fmt::format("must be in (0, 0.01] (a strain step), got {}", o.dgamma));
  o.amplitude = t.get_double("amplitude");
  const double steps = o.amplitude / o.dgamma;
  if (!(o.amplitude > 0) || !(o.amplitude <= 1) || std::round(steps) < 1 || std::abs(std::round(steps) - steps) > 1e-9 * steps)
    t.fail("amplitude", fmt::format("must be a positive whole number of steps {} ({}), at most 1, got {}", step_key, o.dgamma,
                                    o.amplitude));
  o.cycles = t.get_int("max_cycles", 100);
  if (o.cycles < 1 || o.cycles > 1000000) t.fail("max_cycles", fmt::format("must be in 1 .. 1000000, got {}", o.cycles));
  parse_minimizer_keys(t, o.minimize, "cg");
  // Stresses and lengths in the recipe's units; the length defaults scale with the unit system (σ, or ~2.5 Å for the
  // nearest-neighbour distance of a metallic glass).
  const double ell = c.units.is_metal() ? 2.5 : 1.0;
  o.drop_threshold = c.units.pressure_in(t.get_double("drop_threshold", c.units.pressure_out(o.drop_threshold)));
  if (!(o.drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a stress drop counted as an event)");
  o.absorbing_msd = t.get_double("absorbing_msd", o.absorbing_msd);
  if (!(o.absorbing_msd > 0)) t.fail("absorbing_msd", "must be positive (a squared length)");
  o.max_period = t.get_int("max_period", o.max_period);
  if (o.max_period < 1 || o.max_period > 1000) t.fail("max_period", "must be in 1 .. 1000");
  f.d2min_cutoff = t.get_double("d2min_cutoff", 2.5 * ell);
  if (!(f.d2min_cutoff > 0) || !std::isfinite(f.d2min_cutoff)) t.fail("d2min_cutoff", "must be positive (a length)");
  f.band.slab_width = t.get_double("band_slab_width", 2.0 * ell);
  if (!(f.band.slab_width > 0) || !std::isfinite(f.band.slab_width)) t.fail("band_slab_width", "must be positive (a length)");
  f.band.threshold = t.get_double("band_threshold", f.band.threshold);
  if (!(f.band.threshold > 0 && f.band.threshold < 1)) t.fail("band_threshold", "must be in (0, 1) (a localization index)");
  f.energy_rise = t.get_double("energy_rise", f.energy_rise);
  if (!(f.energy_rise >= 0) || !std::isfinite(f.energy_rise))
    t.fail("energy_rise", fmt::format("must be >= 0 (in units of the first loop's elastic energy), got {}", f.energy_rise));
  f.stop_at_failure = t.get_bool("stop_at_failure", f.stop_at_failure);
  f.stop_at_limit_cycle = t.get_bool("stop_at_limit_cycle", f.stop_at_limit_cycle);
  return s;
}

namespace {

nlohmann::json or_null(std::int64_t cycle) { return cycle > 0 ? nlohmann::json(cycle) : nlohmann::json(nullptr); }

}  // namespace

StageResult FatigueStage::run(StageContext& ctx) const {
  ctx.begin();
  const FatigueOptions& o = fatigue;
  const auto t0 = std::chrono::steady_clock::now();
  Progress progress(ctx.label, o.cyclic.cycles);
  // One spatial sort at the start (the stage reruns from its start on resume, so the order is the same then), none
  // during: D²min and the stroboscopic MSD compare particles by index.
  ctx.sys.sort_particles();
  ctx.sys.list.set_sorting(false);
  const FatigueResult r = run_fatigue(ctx.sys, o, [&](const FatigueCycle&, std::int64_t c) {
    if (ctx.frame_due(c)) ctx.write_frame(c);
    progress.update(c);
    ctx.poll();
    return true;
  });
  progress.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const UnitSystem& u = ctx.sys.units;

  const std::string base = fmt::format("stage{}-fatigue", ctx.number);
  std::ostringstream cyc;
  cyc << "cycle,pe_per_particle,energy_rise,dissipated_work,stress_xy,stress_amplitude,max_stress_xy,min_stress_xy,events,"
         "msd,msd_from_start,d2min_mean,localization_index,band,band_axis,band_position,band_width,period,failed,"
         "iterations\n";
  std::vector<double> energy, work, amplitude, msd_start, d2mean, li;
  for (std::size_t k = 0; k < r.cycles.size(); ++k) {
    const FatigueCycle& f = r.cycles[k];
    const CyclicAqsCycle& c = f.strobe;
    cyc << fmt::format("{},{:.15g},{:.8e},{:.8e},{:.12g},{:.12g},{:.12g},{:.12g},{},{:.6e},{:.6e},{:.6e},{:.6f},{},{},{:.6f},"
                       "{:.6g},{},{},{}\n",
                       k + 1, c.pe_per_particle, f.energy_rise, c.work, u.pressure_out(c.stress_xy),
                       u.pressure_out(f.stress_amplitude), u.pressure_out(c.max_stress), u.pressure_out(c.min_stress),
                       c.events, c.msd, c.msd_from_start, f.d2min_mean, f.band.localization_index, f.band.detected ? 1 : 0,
                       f.band.axis == 1 ? "y" : "x", f.band.position, f.band.width, c.period, f.failed ? 1 : 0,
                       c.iterations);
    energy.push_back(c.pe_per_particle);
    work.push_back(c.work);
    amplitude.push_back(u.pressure_out(f.stress_amplitude));
    msd_start.push_back(c.msd_from_start);
    d2mean.push_back(f.d2min_mean);
    li.push_back(f.band.localization_index);
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), cyc.str());

  // The loops, one row per strain step, with the cycle each belongs to (0: the minimised start).
  const auto quarter = static_cast<std::size_t>(std::llround(o.cyclic.amplitude / o.cyclic.dgamma));
  std::ostringstream curve;
  curve << "cycle,gamma,stress_xy,pe_per_particle,event,iterations\n";
  for (std::size_t k = 0; k < r.curve.size(); ++k) {
    const AqsPoint& p = r.curve[k];
    curve << fmt::format("{},{:.10g},{:.12g},{:.15g},{},{}\n", k == 0 ? 0 : (k - 1) / (4 * quarter) + 1, p.gamma,
                         u.pressure_out(p.stress_xy), p.pe_per_particle, p.event ? 1 : 0, p.iterations);
  }
  write_file_atomically(ctx.out_dir / (base + "-curve.csv"), curve.str());

  // D²min over the last cycle (the failure cycle when the stage stopped there), at the positions before it: the band map.
  std::ostringstream dcsv;
  dcsv << "id,type,x,y,z,d2min\n";
  for (std::size_t i = 0; i < r.d2min.size(); ++i) {
    const Vec3& x = r.before_last.particles.position[i];
    dcsv << fmt::format("{},{},{:.8g},{:.8g},{:.8g},{:.10g}\n", r.before_last.particles.id[i], r.before_last.particles.type[i], x.x, x.y,
                        x.z, r.d2min[i]);
  }
  write_file_atomically(ctx.out_dir / (base + "-d2min.csv"), dcsv.str());

  const FatigueCycle* failed = r.failed_at > 0 ? &r.cycles[static_cast<std::size_t>(r.failed_at - 1)] : nullptr;
  nlohmann::json band = nullptr;
  if (failed)
    band = {{"axis", failed->band.axis == 1 ? "y" : "x"},
            {"position", failed->band.position},
            {"width", failed->band.width},
            {"localization_index", failed->band.localization_index},
            {"profile", failed->band.profile}};
  nlohmann::json fin = final_state_json(ctx.sys);
  fin["stress_xy"] = u.pressure_out(r.curve.back().stress_xy);
  return {{"kind", "fatigue"},
          {"amplitude", o.cyclic.amplitude},
          {"dgamma", o.cyclic.dgamma},
          {"max_cycles", o.cyclic.cycles},
          {"ftol", o.cyclic.minimize.ftol},
          {"method", o.cyclic.minimize.method},
          {"units", u.name},
          {"energy_unit", u.energy},
          {"stress_unit", u.pressure},
          {"sign_convention", "stress_xy = -P_xy (virial only; athermal)"},
          {"rule", "failed: the cycle's D2min is a band (localization_index >= band_threshold, <= half the box) and the "
                   "stroboscopic energy rose over the lowest so far by >= energy_rise x elastic_energy"},
          {"d2min_cutoff", o.d2min_cutoff},
          {"band_slab_width", o.band.slab_width},
          {"band_threshold", o.band.threshold},
          {"energy_rise", o.energy_rise},
          {"elastic_energy", r.elastic_energy},
          {"outcome", r.outcome},
          {"failed", r.failed_at > 0},
          {"cycles_to_failure", or_null(r.failed_at)},
          {"band_cycle", or_null(r.band_at)},
          {"limit_cycle_at", or_null(r.limit_cycle_at)},
          {"band", band},
          {"cycles", r.cycles.size()},
          {"start_pe_per_particle", r.start_pe_per_particle},
          {"strobe_pe_per_particle", energy},
          {"dissipated_work_per_cycle", work},
          {"stress_amplitude", amplitude},
          {"msd_from_start", msd_start},
          {"d2min_mean", d2mean},
          {"localization_index", li},
          {"converged", r.converged},
          {"worst_fmax", r.worst_fmax},
          {"file", base + ".csv"},
          {"curve_file", base + "-curve.csv"},
          {"d2min_file", base + "-d2min.csv"},
          {"final", fin},
          {"wall_seconds", wall}};
}

}  // namespace vitrum
