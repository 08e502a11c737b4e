// The `aqs` stage: AQS curve, events, shear modulus, yield and flow stress; stageN-aqs.csv and stageN-aqs-events.csv.
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/aqs_stage.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <sstream>

#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/shear/d2min.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

namespace {

// Least-squares slope of σ(γ) over the first `points` steps, cut before the first step where σ falls at all
// (events below drop_threshold included): the elastic branch only.
double initial_slope(const std::vector<AqsPoint>& c, std::int64_t points) {
  std::size_t m = 1;
  while (m < c.size() && static_cast<std::int64_t>(m) <= points && c[m].stress_xy > c[m - 1].stress_xy) ++m;
  if (m < 2) return 0.0;  // caller reports null
  double sg = 0, ss = 0, sgg = 0, sgs = 0;
  for (std::size_t k = 0; k < m; ++k) {
    sg += c[k].gamma;
    ss += c[k].stress_xy;
    sgg += c[k].gamma * c[k].gamma;
    sgs += c[k].gamma * c[k].stress_xy;
  }
  const double n = static_cast<double>(m);
  return (n * sgs - sg * ss) / (n * sgg - sg * sg);
}

}  // namespace

StageResult AqsStage::run(StageContext& ctx) const {
  ctx.begin();
  const AqsOptions& o = aqs;
  const auto t0 = std::chrono::steady_clock::now();
  const auto steps = static_cast<std::int64_t>(std::llround(o.gamma_max / o.dgamma));
  Progress progress(ctx.label, steps);
  // One spatial sort at the start (the stage reruns from its start state on resume, so the order is the same then),
  // none during: D2min and the events compare particles by index.
  ctx.sys.sort_particles();
  ctx.sys.list.set_sorting(false);
  // event_configurations: the state of the previous step is kept, and written with the current one when this step
  // held an event (one event per event step: row K of the events file is event-K-before/after.data).
  const std::string events_dir = fmt::format("stage{}-aqs-events", ctx.number);
  Configuration previous;
  std::ostringstream index;
  std::size_t event_count = 0;
  if (event_configurations) {
    std::filesystem::create_directories(ctx.out_dir / events_dir);
    index << "event,strain_before,strain_after,stress_drop,before,after\n";
  }
  double previous_stress = 0;
  AqsResult r = run_aqs(ctx.sys, o, [&](const AqsPoint& p, std::size_t k) {
    if (event_configurations) {
      Configuration now = ctx.sys.configuration_for_output();
      if (p.event && k > 0) {
        const std::string before = fmt::format("event-{:04d}-before.data", event_count);
        const std::string after = fmt::format("event-{:04d}-after.data", event_count);
        write_configuration(ctx.out_dir / events_dir / before, previous, fmt::format("AQS strain {}", previous.box.strain_xy()));
        write_configuration(ctx.out_dir / events_dir / after, now, fmt::format("AQS strain {}", now.box.strain_xy()));
        // Data files do not carry the unwrapped strain that D²min needs across tilt flips: the index does.
        index << fmt::format("{},{:.17g},{:.17g},{:.17g},{},{}\n", event_count, previous.box.strain_xy(), now.box.strain_xy(),
                             ctx.sys.units.pressure_out(previous_stress - p.stress_xy), before, after);
        ++event_count;
      }
      previous = std::move(now);
      previous_stress = p.stress_xy;
    }
    if (ctx.frame_due(static_cast<std::int64_t>(k))) ctx.write_frame(static_cast<std::int64_t>(k));
    progress.update(static_cast<std::int64_t>(k));
    ctx.poll();
    return true;
  });
  progress.finish();
  StageResult result = report(ctx, std::move(r), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (event_configurations) {
    write_file_atomically(ctx.out_dir / events_dir / "index.csv", index.str());
    result["event_configurations"] = events_dir + "/index.csv";
  }
  return result;
}

StageResult AqsStage::report(StageContext& ctx, AqsResult r, double wall) const {
  const AqsOptions& o = aqs;
  // Stresses in the user's units from here on (bar in metal; the modulus then in bar too).
  for (auto& p : r.curve) p.stress_xy = ctx.sys.units.pressure_out(p.stress_xy);
  for (auto& e : r.events) e.stress_drop = ctx.sys.units.pressure_out(e.stress_drop);

  const std::string base = fmt::format("stage{}-aqs", ctx.number);
  std::ostringstream csv, ev;
  csv << "gamma,stress_xy,pe_per_particle,event,iterations,force_evaluations\n";
  std::int64_t iterations = 0, force_evaluations = 0;
  for (const AqsPoint& p : r.curve) {
    csv << fmt::format("{:.10g},{:.12g},{:.12g},{},{},{}\n", p.gamma, p.stress_xy, p.pe_per_particle, p.event ? 1 : 0,
                       p.iterations, p.force_evaluations);
    iterations += p.iterations;
    force_evaluations += p.force_evaluations;
  }
  write_file_atomically(ctx.out_dir / (base + ".csv"), csv.str());
  ev << "gamma_before,gamma_after,stress_drop,energy_drop_per_particle\n";
  std::vector<double> drops, energy_drops;
  for (const AqsEvent& e : r.events) {
    ev << fmt::format("{:.12g},{:.12g},{:.12g},{:.12g}\n", e.gamma_before, e.gamma_after, e.stress_drop, e.energy_drop);
    drops.push_back(e.stress_drop);
    energy_drops.push_back(e.energy_drop);
  }
  write_file_atomically(ctx.out_dir / (base + "-events.csv"), ev.str());

  // D²min over the whole stage, its slab profile and the band read off it; per-particle values in a CSV.
  const std::vector<double> d2 = d2min(r.start, ctx.sys.cfg, d2min_cutoff);
  const BandResult found = detect_band(r.start, d2, band);
  std::ostringstream dcsv;
  dcsv << "id,type,x,y,z,d2min\n";
  for (std::size_t i = 0; i < d2.size(); ++i) {
    const Vec3& x = r.start.particles.position[i];
    dcsv << fmt::format("{},{},{:.8g},{:.8g},{:.8g},{:.10g}\n", r.start.particles.id[i], r.start.particles.type[i], x.x,
                        x.y, x.z, d2[i]);
  }
  write_file_atomically(ctx.out_dir / (base + "-d2min.csv"), dcsv.str());

  std::vector<double> strain, stress;
  for (const AqsPoint& p : r.curve) {
    strain.push_back(p.gamma);
    stress.push_back(p.stress_xy);
  }
  // Flow stress: mean over the last third of the strain steps.
  const std::size_t first_flow = r.curve.size() - std::max<std::size_t>(1, (r.curve.size() - 1) / 3);
  double flow = 0;
  for (std::size_t k = first_flow; k < r.curve.size(); ++k) flow += r.curve[k].stress_xy;
  flow /= static_cast<double>(r.curve.size() - first_flow);
  const double slope = initial_slope(r.curve, modulus_points);
  const bool has_slope = r.curve.size() >= 2 && r.curve[1].stress_xy > r.curve[0].stress_xy;
  nlohmann::json fin = final_state_json(ctx.sys);
  fin["stress_xy"] = r.curve.back().stress_xy;  // the curve's: -W_xy/V of the minimised state, no kinetic part
  nlohmann::json result = {
      {"kind", "aqs"},
      {"dgamma", o.dgamma},
      {"gamma_max", o.gamma_max},
      {"ftol", o.minimize.ftol},
      {"method", o.minimize.method},
      {"drop_threshold", o.drop_threshold},
      {"refined", o.refine},
      {"sign_convention", "stress_xy = -P_xy (virial only; athermal)"},
      {"strain", strain},
      {"stress_xy", stress},
      {"shear_modulus", has_slope ? nlohmann::json(slope) : nlohmann::json(nullptr)},
      {"yield_stress", *std::max_element(stress.begin(), stress.end())},
      {"flow_stress", flow},
      {"largest_drop", drops.empty() ? 0.0 : *std::max_element(drops.begin(), drops.end())},
      {"events", r.events.size()},
      {"stress_drops", drops},
      {"energy_drops_per_particle", energy_drops},
      {"d2min_cutoff", d2min_cutoff},
      {"band_detected", found.detected},
      {"band_width", found.detected ? nlohmann::json(found.width) : nlohmann::json(nullptr)},
      {"band_axis", found.axis == 1 ? "y" : "x"},
      {"band_position", found.detected ? nlohmann::json(found.position) : nlohmann::json(nullptr)},
      {"localization_index", found.localization_index},
      {"band_profile", found.profile},
      {"d2min_file", base + "-d2min.csv"},
      {"converged", r.converged},
      {"worst_fmax", r.worst_fmax},
      {"minimizer_iterations", iterations},
      {"force_evaluations", force_evaluations},
      {"file", base + ".csv"},
      {"events_file", base + "-events.csv"},
      {"final", fin},
      {"wall_seconds", wall},
      // Strain steps per second of the loop alone (no initial minimisation, no analysis): bench/aqs.
      {"steps_per_second", static_cast<double>(r.curve.size() - 1) / r.loop_wall_seconds},
      {"steps_per_cpu_second", static_cast<double>(r.curve.size() - 1) / r.loop_cpu_seconds}};
  return result;
}

}  // namespace vitrum
