#include "vitrum/atomistic/shear/indent_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vitrum {

namespace {

struct Line {
  double slope = 0, intercept = 0;
};

Line least_squares(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sx += x[k];
    sy += y[k];
  }
  const double mx = sx / n, my = sy / n;
  double sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxx += (x[k] - mx) * (x[k] - mx);
    sxy += (x[k] - mx) * (y[k] - my);
  }
  const double slope = sxx > 0 ? sxy / sxx : 0.0;
  return {slope, my - slope * mx};
}

}  // namespace

HertzFit fit_hertz(const std::vector<double>& depth, const std::vector<double>& load, double radius, double max_depth) {
  HertzFit f;
  // "P > 0" above round-off: the atom that the sphere just touches at h = 0 can carry a load of 1e-26.
  double largest = 0;
  for (std::size_t k = 0; k < depth.size() && k < load.size(); ++k)
    if (depth[k] <= max_depth) largest = std::max(largest, load[k]);
  std::vector<double> h, p23, p;
  for (std::size_t k = 0; k < depth.size() && k < load.size(); ++k)
    if (load[k] > 1e-9 * largest && depth[k] <= max_depth) {
      h.push_back(depth[k]);
      p.push_back(load[k]);
      p23.push_back(std::cbrt(load[k] * load[k]));
    }
  f.points = h.size();
  if (h.size() < 3) return f;
  const Line line = least_squares(h, p23);
  if (!(line.slope > 0)) return f;
  f.ok = true;
  f.h0 = -line.intercept / line.slope;
  f.reduced_modulus = 0.75 * std::pow(line.slope, 1.5) / std::sqrt(radius);
  double sq = 0, pmax = 0;
  std::vector<double> lx, ly;
  for (std::size_t k = 0; k < h.size(); ++k) {
    const double x = std::max(0.0, h[k] - f.h0);
    const double fit = 4.0 / 3.0 * f.reduced_modulus * std::sqrt(radius) * std::pow(x, 1.5);
    sq += (fit - p[k]) * (fit - p[k]);
    pmax = std::max(pmax, p[k]);
    if (x > 0) {
      lx.push_back(std::log(x));
      ly.push_back(std::log(p[k]));
    }
  }
  f.residual = std::sqrt(sq / static_cast<double>(h.size())) / pmax;
  if (lx.size() >= 2) f.exponent = least_squares(lx, ly).slope;
  return f;
}

std::vector<LoadDrop> load_drops(const std::vector<double>& depth, const std::vector<double>& load, double threshold) {
  std::vector<LoadDrop> drops;
  for (std::size_t k = 1; k < depth.size() && k < load.size(); ++k)
    if (load[k] < load[k - 1] - threshold) drops.push_back({k, depth[k], load[k - 1], load[k - 1] - load[k]});
  return drops;
}

OliverPharr oliver_pharr(const std::vector<double>& depth, const std::vector<double>& load, double radius, std::size_t points) {
  OliverPharr o;
  const std::size_t n = std::min({points + 1, depth.size(), load.size()});
  if (n < 2) {
    o.why = "fewer than 2 points at the start of unloading (unload_steps)";
    return o;
  }
  const std::vector<double> h(depth.begin(), depth.begin() + static_cast<std::ptrdiff_t>(n));
  const std::vector<double> p(load.begin(), load.begin() + static_cast<std::ptrdiff_t>(n));
  o.stiffness = least_squares(h, p).slope;
  if (!(o.stiffness > 0)) {
    o.why = "the load does not fall on unloading (S <= 0)";
    return o;
  }
  const double h_max = depth[0], p_max = load[0];
  o.contact_depth = h_max - 0.75 * p_max / o.stiffness;
  if (!(o.contact_depth > 0)) {
    o.why = "the contact depth h_c = h_max - 0.75 P_max / S is not positive";
    return o;
  }
  const double hc = std::min(o.contact_depth, radius);
  o.contact_radius = std::sqrt(2 * radius * hc - hc * hc);
  o.area = std::numbers::pi * o.contact_radius * o.contact_radius;
  o.hardness = p_max / o.area;
  o.reduced_modulus = std::sqrt(std::numbers::pi) / 2 * o.stiffness / std::sqrt(o.area);
  o.ok = true;
  return o;
}

}  // namespace vitrum
