// Radii of the radical Voronoi tessellation under a potential (voronoi_radii.hpp).
#include "vitrum/analysis/voronoi_radii.hpp"

#include "vitrum/atomistic/potential/eam.hpp"

namespace vitrum::analysis {

VoronoiRadii voronoi_radii(const Potential& potential, const Particles& p) {
  VoronoiRadii out{std::vector<double>(p.size()), "sigma_ii/2 (radical)"};
  if (const auto* eam = dynamic_cast<const EamPotential*>(&potential)) {
    bool all = true;
    for (int t = 1; t <= eam->type_count(); ++t) all = all && eam->atomic_radius(t) > 0;
    if (all) {
      for (std::size_t i = 0; i < p.size(); ++i) out.radii[i] = eam->atomic_radius(p.type[i]);
      out.label = "element radii: half the nearest-neighbour distance of each element's lattice in the potential file (radical)";
      return out;
    }
  }
  for (std::size_t i = 0; i < p.size(); ++i) out.radii[i] = 0.5 * potential.pair_sigma(p, i, i);
  return out;
}

}  // namespace vitrum::analysis
