// What a load–displacement curve of a spherical indenter gives: the Hertz fit of the elastic loading, load drops
// (pop-in and later events), and hardness and reduced modulus by Oliver–Pharr from the start of unloading.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace vitrum {

// Hertz, rigid sphere of radius R on an elastic half-space: P = (4/3) E_r R^{1/2} (h − h0)^{3/2}. Fitted as the
// straight line P^{2/3} = c (h − h0) by least squares over the points with P > 1e-9 P_max (the surface position h0 is a free
// parameter: an atomic surface has no sharp h = 0), so E_r = (3/4) c^{3/2} / R^{1/2}. `residual` is the rms of
// (P_fit − P) over the points divided by their largest P; `exponent` the log–log slope of P against h − h0 over the
// same points (3/2 for a Hertzian contact).
struct HertzFit {
  bool ok = false;                  // at least 3 points with P > 0
  double reduced_modulus = 0;       // E_r [pressure]
  double h0 = 0;                    // [length]
  double residual = 0;
  double exponent = 0;
  std::size_t points = 0;
};
// depth[k], load[k] of the loading part; points beyond max_depth are left out.
HertzFit fit_hertz(const std::vector<double>& depth, const std::vector<double>& load, double radius, double max_depth);

// A load drop between consecutive loading points: P[k] < P[k−1] − threshold.
struct LoadDrop {
  std::size_t index = 0;            // k, the point after the drop
  double depth = 0, load_before = 0, drop = 0;
};
std::vector<LoadDrop> load_drops(const std::vector<double>& depth, const std::vector<double>& load, double threshold);

// Oliver & Pharr, J. Mater. Res. 7, 1564 (1992), for a sphere: S = dP/dh at the start of unloading (least-squares
// slope over the first points of unloading, the maximum included), h_c = h_max − 0.75 P_max / S, contact radius
// a² = 2 R h_c − h_c², A = π a², hardness H = P_max / A, E_r = (√π / 2) S / √A.
struct OliverPharr {
  bool ok = false;
  std::string why;                  // when not ok: what was missing (too few points, S <= 0, h_c <= 0)
  double stiffness = 0;             // S [force/length]
  double contact_depth = 0;         // h_c [length]
  double contact_radius = 0;        // a [length]
  double area = 0;                  // A [length²]
  double hardness = 0;              // [pressure]
  double reduced_modulus = 0;       // [pressure]
};
// depth[0], load[0]: the point at maximum depth; then the unloading points in order. Fits the first `points` + 1.
OliverPharr oliver_pharr(const std::vector<double>& depth, const std::vector<double>& load, double radius, std::size_t points);

}  // namespace vitrum
