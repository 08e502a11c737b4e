#include "vitrum/am/thermal_history.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

namespace {
constexpr double kSeedK = 20.0;      // smallest passage bump (K) that gets its own fan of seed times
constexpr double kTailRatio = 1.15;  // grid ratio in t - t1 of a finished track's interpolated contribution
constexpr double kTailMinS = 2e-4;   // a finished track is summed exactly for at least this long after it ends
}  // namespace

BuildThermalModel::BuildThermalModel(MovingGaussianSource source, std::vector<Layer> layers)
    : source_(std::move(source)), layers_(std::move(layers)) {
  if (layers_.empty()) throw Error("a build needs at least one layer");
}

double BuildThermalModel::temperature(double x, double y, double z, double t) const {
  double sum = source_.material().ambient_k;
  for (const auto& L : layers_) {
    if (L.t_start >= t) break;
    sum += source_.rise(L.tracks, x, y, z, t);
  }
  return sum;
}

std::vector<HistorySample> BuildThermalModel::history(double x, double y, double z, int first_layer,
                                                      const HistoryOptions& o) const {
  const int n = static_cast<int>(layers_.size());
  if (first_layer < 0 || first_layer >= n) throw Error(fmt::format("layer {} is not in [0, {})", first_layer, n));
  const double ambient = source_.material().ambient_k;
  std::vector<HistorySample> out;
  for (int L = first_layer; L < n; ++L) {
    const Layer& layer = layers_[L];
    const double ts = layer.t_start, te = layer.t_end, scan = std::max(te - ts, 1e-9);
    const double tn = L + 1 < n ? layers_[L + 1].t_start : te + o.cool_time_s;
    // Which earlier layers are background here, which are summed exactly.
    int exact_from = L;
    while (exact_from > 0 && ts - layers_[exact_from - 1].t_end < 0.5 * scan) --exact_from;
    // Tracks summed here: exact while the source is on and for a while after, then (when the track's heat has
    // spread over ≥ 2 scan durations) interpolated in ln θ versus ln(t - t1) on a grid of ratio 1.15, on which
    // the diffused contribution of a finished track is smooth.
    struct Tail {
      const Segment* seg;
      double from;                   // interpolation used for t ≥ from
      std::vector<double> lt, lv;    // ln(t - t1), ln θ (or θ when a value is 0)
      std::vector<double> v;
    };
    std::vector<Tail> tails;
    for (int j = exact_from; j <= L; ++j)
      for (const auto& s : layers_[j].tracks) {
        Tail tl{&s, s.t1 + std::max(s.t1 - s.t0, kTailMinS), {}, {}, {}};
        // Up to one scan time past the layer's end; later (the pause, sparsely sampled) the sum is exact again.
        const double until = std::min(tn, te + scan);
        for (double d = tl.from - s.t1; s.t1 + d < until * (1 + 1e-12) || tl.v.size() < 2; d *= kTailRatio) {
          tl.lt.push_back(std::log(d));
          tl.v.push_back(source_.rise(s, x, y, z, s.t1 + d));
        }
        for (double val : tl.v) tl.lv.push_back(val > 0 ? std::log(val) : -745.0);
        tails.push_back(std::move(tl));
      }
    auto exact = [&](double t) {
      double sum = 0;
      for (const auto& tl : tails) {
        const Segment& s = *tl.seg;
        if (t <= s.t0) continue;
        if (t < tl.from) { sum += source_.rise(s, x, y, z, t); continue; }
        const double u = std::log(t - s.t1);
        const auto it = std::upper_bound(tl.lt.begin(), tl.lt.end(), u);
        if (it == tl.lt.end()) { sum += source_.rise(s, x, y, z, t); continue; }
        const std::size_t i = std::max<std::size_t>(1, it - tl.lt.begin());
        const double w = (u - tl.lt[i - 1]) / (tl.lt[i] - tl.lt[i - 1]);
        if (tl.v[i - 1] > 0 && tl.v[i] > 0) sum += std::exp((1 - w) * tl.lv[i - 1] + w * tl.lv[i]);
        else sum += (1 - w) * tl.v[i - 1] + w * tl.v[i];
      }
      return sum;
    };
    // Background grid: uniform over the scan, then geometric through the pause.
    std::vector<double> bt, bv;
    if (exact_from > 0) {
      // Layers that ended at least half a scan time ago vary slowly: 5 points over the scan, ratio 2 after.
      for (int i = 0; i <= 4; ++i) bt.push_back(ts + scan * i / 4.0);
      for (double d = scan / 4.0; te + d < tn; d *= 2.0) bt.push_back(te + d);
      bt.push_back(tn);
      for (double t : bt) {
        double s = 0;
        for (int j = 0; j < exact_from; ++j) s += source_.rise(layers_[j].tracks, x, y, z, t);
        bv.push_back(s);
      }
    }
    auto background = [&](double t) {
      if (bt.empty()) return 0.0;
      const auto it = std::upper_bound(bt.begin(), bt.end(), t);
      if (it == bt.begin()) return bv.front();
      if (it == bt.end()) return bv.back();
      const std::size_t i = it - bt.begin();
      const double w = (t - bt[i - 1]) / (bt[i] - bt[i - 1]);
      return (1 - w) * bv[i - 1] + w * bv[i];
    };
    auto temp = [&](double t) { return ambient + background(t) + exact(t); };

    // Seeds: window ends, each track's closest approach and a geometric fan around it, the cooling pause.
    std::vector<double> seeds{ts, te, tn};
    const double reach = std::max({4.0 * source_.spot_sigma(), std::abs(layer.z_top - z), 2e-5});
    const auto& mat = source_.material();
    for (const auto& s : layer.tracks) {
      const double len = std::hypot(s.x1 - s.x0, s.y1 - s.y0), v = len / (s.t1 - s.t0);
      const double ux = (s.x1 - s.x0) / len, uy = (s.y1 - s.y0) / len;
      const double along = std::clamp((x - s.x0) * ux + (y - s.y0) * uy, 0.0, len);
      // A track whose passage raises T here by less than kSeedK (fast line source: 2q / (π e ρc v d²)) makes no
      // peak worth seeding; the regular sampling and the hidden-peak check see its smooth contribution.
      const double px = s.x0 + along * ux - x, py = s.y0 + along * uy - y;
      const double d2 = px * px + py * py + (s.z - z) * (s.z - z);
      const double bump = 2.0 * source_.absorptivity() * s.power_w / (M_PI * M_E * mat.volumetric_heat() * v * d2);
      if (bump < kSeedK) continue;
      const double tc = s.t0 + along / v, d = reach / v;
      seeds.push_back(tc);
      seeds.push_back(s.t0);
      seeds.push_back(s.t1);
      for (double k = 0.25; k <= 64; k *= 2) {
        if (tc - k * d > s.t0) seeds.push_back(tc - k * d);
        seeds.push_back(tc + k * d);
      }
    }
    for (double d = scan / 64.0; te + d < tn; d *= 1.3) seeds.push_back(te + d);
    std::sort(seeds.begin(), seeds.end());
    std::vector<HistorySample> w;
    for (double t : seeds) {
      if (t < ts || t > tn) continue;
      if (!w.empty() && t - w.back().t_s < 0.25 * o.min_dt_s) continue;
      w.push_back({t, temp(t)});
    }
    // Bisection where the kinetics are active and the linear interpolation is not yet good enough.
    std::vector<HistorySample> refined;
    refined.reserve(w.size() * 4);
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      std::vector<HistorySample> stack{w[i + 1]};
      HistorySample a = w[i];
      refined.push_back(a);
      while (!stack.empty()) {
        const HistorySample b = stack.back();
        const double dt = b.t_s - a.t_s;
        bool split = false;
        HistorySample m{};
        if (dt > 2 * o.min_dt_s && std::max(a.temperature_k, b.temperature_k) > o.active_k) {
          m = {0.5 * (a.t_s + b.t_s), 0};
          m.temperature_k = temp(m.t_s);
          split = std::abs(b.temperature_k - a.temperature_k) > o.max_step_k ||
                  std::abs(m.temperature_k - 0.5 * (a.temperature_k + b.temperature_k)) > o.tolerance_k;
        } else if (dt > 2 * o.min_dt_s && dt < 0.05 * scan) {
          // Below the active range: still look for a hidden peak at the midpoint.
          m = {0.5 * (a.t_s + b.t_s), 0};
          m.temperature_k = temp(m.t_s);
          split = m.temperature_k > o.active_k;
        }
        if (split) {
          stack.push_back(m);
        } else {
          stack.pop_back();
          if (!stack.empty() || b.t_s != w[i + 1].t_s) refined.push_back(b);
          a = b;
        }
      }
    }
    refined.push_back(w.back());
    // Drop the duplicated window end (it opens the next window).
    if (!out.empty() && !refined.empty() && refined.front().t_s <= out.back().t_s) refined.erase(refined.begin());
    out.insert(out.end(), refined.begin(), refined.end());
  }
  return out;
}

}  // namespace vitrum::am
