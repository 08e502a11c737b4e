#include "vitrum/am/process_map.hpp"

#include <algorithm>
#include <atomic>

#include <fmt/format.h>

#include "vitrum/am/lack_of_fusion.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::am {

ProcessPoint evaluate_process_point(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                                    double power, double speed, const ProcessMapSpec& spec) {
  ProcessPoint p;
  p.power_w = power;
  p.speed_m_per_s = speed;
  // J/mm³ = W / (mm/s · mm · mm).
  p.energy_density_j_per_mm3 = power / (speed * 1e3 * scan.hatch_m * 1e3 * scan.layer_thickness_m * 1e3);
  p.pool = gaussian_melt_pool(source, power, speed);
  p.lof_ratio = lack_of_fusion_ratio(scan.hatch_m, scan.layer_thickness_m, p.pool.width_m, p.pool.depth_m);
  p.porosity = lack_of_fusion_porosity(scan.hatch_m, scan.layer_thickness_m, p.pool.width_m, p.pool.depth_m, 100);
  p.dense = spec.dense_max_porosity > 0 ? p.porosity <= spec.dense_max_porosity : p.lof_ratio <= 1.0;
  if (p.pool.depth_m > 0) {
    const auto b = simulate_build(source, scan, kinetics, power, speed, spec.build);
    p.max_fraction = b.max_fraction;
    p.max_fraction_layers_below_top = b.max_fraction_layers_below_top;
  }
  p.amorphous = p.max_fraction <= spec.amorphous_max_fraction;
  return p;
}

ProcessMap compute_process_map(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                               const ProcessMapSpec& spec, const std::function<void(int, int)>& progress) {
  const int np = static_cast<int>(spec.powers_w.size()), nv = static_cast<int>(spec.speeds_m_per_s.size());
  if (np < 1 || nv < 1) throw Error("process map: needs at least one power and one speed");
  ProcessMap map;
  map.points.resize(static_cast<std::size_t>(np) * nv);
  std::atomic<int> done{0};
  const int total = np * nv;
  std::string failure;
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::max(1, spec.threads))
  for (int i = 0; i < total; ++i) {
    try {
      map.points[i] = evaluate_process_point(source, scan, kinetics, spec.powers_w[i % np], spec.speeds_m_per_s[i / np], spec);
    } catch (const std::exception& e) {
#pragma omp critical
      failure = e.what();
    }
    const int d = ++done;
    if (progress) {
#pragma omp critical
      progress(d, total);
    }
  }
  if (!failure.empty()) throw Error("process map: " + failure);
  for (const auto& p : map.points) {
    if (!(p.dense && p.amorphous)) continue;
    if (!map.window_found) {
      map.window_low_j_per_mm3 = map.window_high_j_per_mm3 = p.energy_density_j_per_mm3;
      map.window_found = true;
    }
    map.window_low_j_per_mm3 = std::min(map.window_low_j_per_mm3, p.energy_density_j_per_mm3);
    map.window_high_j_per_mm3 = std::max(map.window_high_j_per_mm3, p.energy_density_j_per_mm3);
  }
  return map;
}

}  // namespace vitrum::am
