// Random fluid configurations of a model: random sequential addition with a minimum pair distance.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

struct GenerateOptions {
  std::size_t n = 1000;
  std::optional<double> density;               // default: the model's
  std::optional<std::vector<double>> fractions;  // default: the model's composition
  std::uint32_t seed = 1;
  // Particles are placed at random, rejecting any closer than min_distance · σ_ij to one already
  // placed: no overlaps that would overflow the energy, a fluid-like start for melting. Default 0.8,
  // 0.7 in 2D (random sequential addition of discs jams near area fraction 0.547, which 0.8 σ reaches
  // at the 2D polydisperse model's density 1).
  std::optional<double> min_distance;
  double tilt_xy = 0.0;  // xy tilt as a fraction of Lx
  int dimension = 3;     // 2: a planar system at z = 0, `density` per area (see Configuration::dimension)
};

Configuration generate_configuration(const ModelSpec& model, const GenerateOptions& opt);

}  // namespace vitrum
