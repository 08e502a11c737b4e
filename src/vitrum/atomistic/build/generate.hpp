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
  // placed: no overlaps that would overflow the energy, a fluid-like start for melting.
  double min_distance = 0.8;
  double tilt_xy = 0.0;  // xy tilt as a fraction of Lx
};

Configuration generate_configuration(const ModelSpec& model, const GenerateOptions& opt);

}  // namespace vitrum
