// The radii of a radical (weighted) Voronoi tessellation of a configuration under a given potential.
#pragma once
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum::analysis {

struct VoronoiRadii {
  std::vector<double> radii;  // one per particle [length]
  std::string label;          // how they were chosen, for summaries
};

// Pair models: σ_ii / 2 of each particle. EAM alloys: each element's radius (half the nearest-neighbour distance
// of its lattice in the potential file), not an energy length. `vitrum analyze` and vitrum.analysis.Voronoi use it.
VoronoiRadii voronoi_radii(const Potential& potential, const Particles& p);

}  // namespace vitrum::analysis
