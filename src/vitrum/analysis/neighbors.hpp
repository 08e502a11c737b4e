// Neighbour sets for the analyses: a full (both directions) list in CSR form, from a cut-off or from Voronoi faces.
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/atomistic/neighbor/neighbor_list.hpp"
#include "vitrum/core/box.hpp"
#include "vitrum/core/vec3.hpp"

namespace vitrum::analysis {

// Neighbours of particle i are entries offset[i] .. offset[i+1]-1: index j, the minimum-image
// bond vector d = x_j − x_i and a weight (1 for a cut-off, the shared face area for Voronoi).
struct Neighbors {
  std::vector<std::size_t> offset{0};
  std::vector<std::int32_t> index;
  std::vector<Vec3> bond;
  std::vector<double> weight;

  [[nodiscard]] std::size_t particle_count() const { return offset.size() - 1; }
  [[nodiscard]] std::size_t count(std::size_t i) const { return offset[i + 1] - offset[i]; }
};

// Every pair closer than r_max (freud's ball query), through vitrum's cell-list neighbour list, so
// it is exact in the tilted box. Needs 2 r_max below the narrowest box width (throws otherwise).
Neighbors neighbors_within(const Box& box, const std::vector<Vec3>& positions, double r_max);

// Calls f(i, j, d) once for every unordered pair with |d| < r_max, d = x_j − x_i (minimum image).
// The implementation detail behind neighbors_within and the g(r) histogram.
class PairVisitor {
 public:
  PairVisitor(const Box& box, const std::vector<Vec3>& positions, double r_max);
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < position_.size(); ++i) {
      const auto nbr = list_.neighbors(i);
      const auto img = list_.images(i);
      for (std::size_t k = 0; k < nbr.size(); ++k) {
        const auto j = static_cast<std::size_t>(nbr[k]);
        const Vec3 d = position_[j] + shifts_[img[k]] - position_[i];
        if (norm2(d) < r_max_sq_) f(i, j, d);
      }
    }
  }

 private:
  std::vector<Vec3> position_;  // wrapped copy
  NeighborList list_;
  std::array<Vec3, 27> shifts_;
  double r_max_sq_;
};

}  // namespace vitrum::analysis
