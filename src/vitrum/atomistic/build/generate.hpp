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
  // Per-particle diameters (polydisperse models): independent draws from the model's distribution, or a
  // stratified sample, the quantiles (k + 1/2)/n in a seeded random order: every sample of n particles then
  // has the same diameters, without the sample-to-sample spread of composition that independent draws give
  // small systems (at n = 500 the liquid's E/N at T = 0.25 varies by about 15 % between seeds).
  enum class Diameters { random, stratified };
  Diameters diameters = Diameters::random;
};

Configuration generate_configuration(const ModelSpec& model, const GenerateOptions& opt);

}  // namespace vitrum
