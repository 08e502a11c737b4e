#include "vitrum/am/scan_path.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::am {

void ScanStrategy::validate() const {
  auto need = [](bool ok, const char* what, double v) {
    if (!ok) throw Error(fmt::format("scan strategy: {} (got {})", what, v));
  };
  need(hatch_m > 0, "hatch must be > 0", hatch_m);
  need(layer_thickness_m > 0, "layer thickness must be > 0", layer_thickness_m);
  need(pad_side_m >= hatch_m, "pad side must be at least one hatch", pad_side_m);
  need(interlayer_time_s >= 0, "interlayer time must be >= 0", interlayer_time_s);
  need(jump_time_s >= 0, "jump time must be >= 0", jump_time_s);
  need(pad_side_m / hatch_m < 1e5, "pad side / hatch is too large", pad_side_m / hatch_m);
}

std::vector<Layer> build_scan(const ScanStrategy& st, double power, double speed, int layers) {
  st.validate();
  if (!(speed > 0)) throw Error(fmt::format("scan speed {} m/s must be > 0", speed));
  if (layers < 1) throw Error(fmt::format("number of layers {} must be >= 1", layers));
  std::vector<Layer> out(layers);
  const double half = 0.5 * st.pad_side_m;
  double t = 0;
  for (int k = 0; k < layers; ++k) {
    Layer& L = out[k];
    L.z_top = (k + 1) * st.layer_thickness_m;
    L.t_start = t;
    const double th = k * st.rotation_deg * M_PI / 180.0;
    const double ux = std::cos(th), uy = std::sin(th);  // track direction
    const double nx = -uy, ny = ux;                      // across the tracks
    const double reach = half * (std::abs(ux) + std::abs(uy));  // extent of the square along n
    const int ntracks = std::max(1, static_cast<int>(std::floor(2 * reach / st.hatch_m)));
    const double first = -0.5 * (ntracks - 1) * st.hatch_m;
    bool forward = true;
    for (int j = 0; j < ntracks; ++j) {
      const double o = first + j * st.hatch_m;
      // Clip the line {o n + s u} to the square (Liang–Barsky on s).
      double smin = -1e300, smax = 1e300;
      bool empty = false;
      for (auto [p, d] : {std::pair{o * nx, ux}, std::pair{o * ny, uy}}) {
        if (std::abs(d) < 1e-12) {
          if (std::abs(p) > half) empty = true;
          continue;
        }
        double a = (-half - p) / d, b = (half - p) / d;
        if (a > b) std::swap(a, b);
        smin = std::max(smin, a);
        smax = std::min(smax, b);
      }
      if (empty || smax - smin < 1e-3 * st.hatch_m) continue;
      double s0 = smin, s1 = smax;
      if (!forward) std::swap(s0, s1);
      if (st.bidirectional) forward = !forward;
      Segment seg;
      seg.x0 = o * nx + s0 * ux;
      seg.y0 = o * ny + s0 * uy;
      seg.x1 = o * nx + s1 * ux;
      seg.y1 = o * ny + s1 * uy;
      seg.z = L.z_top;
      seg.t0 = t;
      seg.t1 = t + (smax - smin) / speed;
      seg.power_w = power;
      L.tracks.push_back(seg);
      t = seg.t1 + st.jump_time_s;
    }
    L.t_end = L.tracks.empty() ? t : L.tracks.back().t1;
    t = L.t_end + st.interlayer_time_s;
  }
  return out;
}

}  // namespace vitrum::am
