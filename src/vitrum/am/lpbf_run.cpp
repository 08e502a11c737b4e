#include "vitrum/am/lpbf_run.hpp"

#include "vitrum/core/install_paths.hpp"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "vitrum/am/lack_of_fusion.hpp"
#include "vitrum/am/rosenthal.hpp"
#include "vitrum/gfa/ttt.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::am {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

std::filesystem::path lpbf_plot_script() { return script_path("plot_lpbf.py"); }

nlohmann::json run_lpbf(const LpbfRecipe& r, const LpbfRunOptions& o) {
  const auto t_start = std::chrono::steady_clock::now();
  std::filesystem::create_directories(o.out);
  const MovingGaussianSource source(r.material, r.absorptivity, 0.5 * r.spot_radius_m, r.source_depth_m / 2.0);
  const KineticsTable kinetics(r.kinetics.kinetics);
  nlohmann::json s;
  s["units"] = "SI";
  s["vitrum_version"] = o.version;
  s["recipe"] = r.to_json();

  // Nominal single track.
  const auto pool = gaussian_melt_pool(source, r.power_w, r.speed_m_per_s);
  const auto ros = rosenthal_melt_pool(r.material, r.absorptivity * r.power_w, r.speed_m_per_s);
  const double h = r.scan.hatch_m, t = r.scan.layer_thickness_m;
  const double ratio = lack_of_fusion_ratio(h, t, pool.width_m, pool.depth_m);
  s["melt_pool_width_um"] = pool.width_m * 1e6;
  s["melt_pool_depth_um"] = pool.depth_m * 1e6;
  s["melt_pool_length_um"] = pool.length_m * 1e6;
  s["rosenthal_width_um"] = ros.width_m * 1e6;
  s["rosenthal_depth_um"] = ros.depth_m * 1e6;
  s["lack_of_fusion"] = ratio > 1.0;
  s["lack_of_fusion_ratio"] = std::isfinite(ratio) ? nlohmann::json(ratio) : nlohmann::json(nullptr);
  s["porosity_estimate"] = lack_of_fusion_porosity(h, t, pool.width_m, pool.depth_m);
  s["energy_density_J_per_mm3"] = r.power_w / (r.speed_m_per_s * 1e3 * h * 1e3 * t * 1e3);

  // Kinetics of the alloy: the gfa module's R_c and TTT nose, and this module's critical heating rate.
  const auto& k = r.kinetics.kinetics;
  const auto ttt = gfa::ttt_curve(k, r.kinetics.fraction);
  s["kinetics"] = {{"interfacial_energy_J_per_m2", k.interfacial_energy_j_per_m2},
                   {"fraction", r.kinetics.fraction},
                   {"rc_K_per_s", gfa::critical_cooling_rate(k, r.kinetics.fraction)},
                   {"nose_temperature_K", ttt.nose_temperature_k},
                   {"nose_time_s", ttt.nose_time_s}};
  for (double q : {1e4, 1e5, 1e6})
    s["kinetics"]["critical_heating_rate_K_per_s"][fmt::format("after_quench_{:g}_K_per_s", q)] =
        critical_heating_rate(kinetics, r.kinetics.fraction, q);

  // Nominal build.
  const auto t_build = std::chrono::steady_clock::now();
  if (o.progress) fmt::print(stderr, "nominal build: {} layers at {} W, {} m/s ...\n", r.build.layers, r.power_w, r.speed_m_per_s);
  std::vector<HistorySample> hist;
  const auto build = simulate_build(source, r.scan, kinetics, r.power_w, r.speed_m_per_s, r.build, &hist);
  s["build_seconds"] = seconds_since(t_build);
  s["max_crystalline_fraction"] = build.max_fraction;
  s["max_crystalline_fraction_layers_below_top"] = build.max_fraction_layers_below_top;
  s["build_layers"] = r.build.layers;
  std::string csv = "layer,layers_below_top,depth_below_top_um,x_um,y_um,crystalline_fraction,peak_K,remelts,samples\n";
  for (const auto& p : build.points)
    csv += fmt::format("{},{},{:.3f},{:.3f},{:.3f},{:.8g},{:.2f},{},{}\n", p.layer, p.layers_below_top,
                       (r.build.layers * t - p.z) * 1e6, p.x * 1e6, p.y * 1e6, p.fraction, p.peak_k, p.remelts, p.samples);
  write_file_atomically(o.out / "build_profile.csv", csv);
  std::string hc = "time_s,temperature_K\n";
  for (const auto& q : hist) hc += fmt::format("{:.9g},{:.3f}\n", q.t_s, q.temperature_k);
  write_file_atomically(o.out / "history_max.csv", hc);

  // Process map.
  s["window_energy_density_J_per_mm3"] = nullptr;
  if (r.has_map && o.map) {
    const auto t_map = std::chrono::steady_clock::now();
    auto progress = [&](int done, int total) {
      if (!o.progress) return;
      const double el = seconds_since(t_map);
      fmt::print(stderr, "\rprocess map {}/{} points, {:.2f} points/s, ETA {:.0f} s   ", done, total, done / el,
                 el / done * (total - done));
      if (done == total) fmt::print(stderr, "\n");
    };
    const auto map = compute_process_map(source, r.scan, kinetics, r.map, progress);
    s["map_seconds"] = seconds_since(t_map);
    s["map_points"] = map.points.size();
    s["map_threads"] = r.map.threads;
    std::string mc = "power_W,speed_m_per_s,energy_density_J_per_mm3,width_um,depth_um,length_um,lof_ratio,porosity,"
                     "max_crystalline_fraction,max_fraction_layers_below_top,dense,amorphous\n";
    for (const auto& p : map.points)
      mc += fmt::format("{:.6g},{:.6g},{:.6g},{:.3f},{:.3f},{:.3f},{:.6g},{:.6g},{:.6g},{},{},{}\n", p.power_w, p.speed_m_per_s,
                        p.energy_density_j_per_mm3, p.pool.width_m * 1e6, p.pool.depth_m * 1e6, p.pool.length_m * 1e6,
                        std::isfinite(p.lof_ratio) ? p.lof_ratio : 1e300, p.porosity, p.max_fraction, p.max_fraction_layers_below_top,
                        p.dense ? 1 : 0, p.amorphous ? 1 : 0);
    write_file_atomically(o.out / "process_map.csv", mc);
    if (map.window_found) s["window_energy_density_J_per_mm3"] = {map.window_low_j_per_mm3, map.window_high_j_per_mm3};
    int dense = 0, amorphous = 0, both = 0;
    for (const auto& p : map.points) {
      dense += p.dense;
      amorphous += p.amorphous;
      both += p.dense && p.amorphous;
    }
    s["map_dense_points"] = dense;
    s["map_amorphous_points"] = amorphous;
    s["map_window_points"] = both;
  }
  s["wall_seconds"] = seconds_since(t_start);
  write_file_atomically(o.out / "summary.json", s.dump(2) + "\n");
  return s;
}

}  // namespace vitrum::am
