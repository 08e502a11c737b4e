// Melt-pool width, depth and length: the extent of the liquidus isotherm of a quasi-steady single track.
#pragma once
#include <functional>

#include "vitrum/am/moving_source.hpp"

namespace vitrum::am {

struct MeltPool {
  double width_m = 0, depth_m = 0, length_m = 0;  // all 0 when the peak stays below the liquidus
};

// θ(ξ, y, z): rise in the frame of a source at the origin moving along +x over the surface z = 0 (z ≤ 0 inside).
using RiseField = std::function<double(double xi, double y, double z)>;

// Width = 2 max{y : max_ξ θ(ξ, y, 0) ≥ θm}, depth = max{-z : max_ξ θ(ξ, 0, z) ≥ θm}, length along y = z = 0.
// `scale` is a first guess of the pool size (brackets are widened from it). Bisection to ~1e-4 of the size.
MeltPool melt_pool_from_field(const RiseField& rise, double threshold_k, double scale_m);

// Quasi-steady single track of the Gaussian source at (power, speed) on the cold body (T = ambient).
MeltPool gaussian_melt_pool(const MovingGaussianSource& source, double power_w, double speed_m_per_s);

// The same for Rosenthal's point source (width = 2 depth by symmetry).
MeltPool rosenthal_melt_pool(const ThermalMaterial& m, double absorbed_power_w, double speed_m_per_s);

}  // namespace vitrum::am
