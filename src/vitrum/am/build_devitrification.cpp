#include "vitrum/am/build_devitrification.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

BuildResult simulate_build(const MovingGaussianSource& source, const ScanStrategy& scan, const KineticsTable& kinetics,
                           double power, double speed, const BuildSampling& sampling, std::vector<HistorySample>* history_of_max) {
  const int n = sampling.layers;
  if (n < 1) throw Error(fmt::format("build: {} layers; need at least 1", n));
  const BuildThermalModel model(source, build_scan(scan, power, speed, n));
  HistoryOptions ho = sampling.history;
  if (ho.active_k <= 0) ho.active_k = kinetics.glass_transition_k() - 50.0;
  std::vector<std::array<double, 2>> columns = sampling.lateral;
  if (columns.empty()) columns.push_back({0.0, 0.0});
  const int first = sampling.sampled_layers > 0 ? std::max(0, n - sampling.sampled_layers) : -sampling.substrate_layers;
  BuildResult r;
  double best = -1;
  for (int k = first; k < n; ++k) {
    for (const auto& c : columns) {
      SamplePoint p;
      p.x = c[0];
      p.y = c[1];
      p.layer = k;
      p.layers_below_top = n - 1 - k;
      p.z = (k + 0.5) * scan.layer_thickness_m;  // mid-thickness; layer k spans [k t, (k + 1) t]
      const auto h = model.history(p.x, p.y, p.z, std::max(k, 0), ho);
      const auto cm = devitrify(h, kinetics);
      p.fraction = cm.fraction();
      p.samples = h.size();
      bool prev_liquid = false;
      int melts = 0;
      for (const auto& s : h) {
        p.peak_k = std::max(p.peak_k, s.temperature_k);
        const bool liquid = s.temperature_k >= kinetics.liquidus_k();
        if (liquid && !prev_liquid) ++melts;
        prev_liquid = liquid;
      }
      p.remelts = std::max(0, melts - 1);
      if (p.fraction > best) {
        best = p.fraction;
        r.max_fraction = p.fraction;
        r.max_fraction_layers_below_top = p.layers_below_top;
        if (history_of_max) *history_of_max = h;
      }
      r.points.push_back(p);
    }
  }
  return r;
}

}  // namespace vitrum::am
