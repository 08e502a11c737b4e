// Gaussian heat source moving along straight scan segments: the 3DThesis superposition kernel integrated in time.
#pragma once
#include <vector>

#include "vitrum/am/quadrature.hpp"
#include "vitrum/am/thermal_material.hpp"

namespace vitrum::am {

// One straight stretch of the scan path at constant speed and power, on the top surface z of its layer.
struct Segment {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, z = 0;  // m
  double t0 = 0, t1 = 0;                          // s, t1 > t0
  double power_w = 0;                             // laser power (the absorptivity is the source's)
  [[nodiscard]] double speed() const;
};

// The beam as a Gaussian of standard deviation σ in the plane (σ = w/2 for a 1/e² radius w) and an optional
// depth σ_z (0: a surface source). In the notation of Stump & Plotkowski, Appl. Math. Model. 75, 787 (2019),
// a_i = √6 σ_i and the rise at x, t is
//   θ = ∫ 2ηP/(ρc) (3/π)^{3/2} (φx φy φz)^{-1/2} exp(-3 Σ (x_i - x_i'(t'))² / φ_i) dt',  φ_i = a_i² + 12 α (t - t'),
// the factor 2 mirroring the adiabatic top surface of the semi-infinite body below each segment's z.
class MovingGaussianSource {
 public:
  MovingGaussianSource(const ThermalMaterial& material, double absorptivity, double spot_sigma_m, double depth_sigma_m = 0);

  // Temperature rise at (x, y, z), z ≤ segment.z, time t from one segment (0 before it starts).
  [[nodiscard]] double rise(const Segment& s, double x, double y, double z, double t) const;
  // Sum over segments.
  [[nodiscard]] double rise(const std::vector<Segment>& segments, double x, double y, double z, double t) const;

  [[nodiscard]] const ThermalMaterial& material() const { return material_; }
  [[nodiscard]] double absorptivity() const { return absorptivity_; }
  [[nodiscard]] double spot_sigma() const { return sigma_; }

 private:
  ThermalMaterial material_;
  double absorptivity_, sigma_, a2_, az2_, alpha12_, prefactor_;
  const GaussRule* rule_;
};

}  // namespace vitrum::am
