// Radical (Laguerre) Voronoi tessellation with voro++ in the periodic, tilted box: volumes, indices, face neighbours.
#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/core/box.hpp"

namespace vitrum::analysis {

// Voronoi index ⟨n3, n4, n5, n6⟩: faces with 3, 4, 5, 6 edges; faces with more edges are counted in
// `larger` (and make the index "not ⟨n3,n4,n5,n6⟩-complete", as in OVITO).
struct VoronoiIndex {
  std::array<int, 4> n{};
  int larger = 0;
  [[nodiscard]] std::string str() const;  // "<0,0,12,0>"
  [[nodiscard]] bool icosahedral() const { return n == std::array<int, 4>{0, 0, 12, 0} && larger == 0; }
  friend bool operator==(const VoronoiIndex&, const VoronoiIndex&) = default;
};

// Radii empty: ordinary Voronoi; otherwise the radical tessellation (voro++'s container_periodic_poly).
// A face whose area is below `face_area_threshold` × the cell's total face area is dropped from
// the index and the neighbours (default 0: keep every face). Perfect lattices have degenerate
// vertices, which voro++ resolves into tiny spurious faces; a threshold of ~1e-3 absorbs them.
class Voronoi {
 public:
  explicit Voronoi(double face_area_threshold = 0.0);

  void compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<double>& radii = {});

  [[nodiscard]] const std::vector<double>& volumes() const { return volume_; }
  [[nodiscard]] double volume_sum() const;
  [[nodiscard]] const std::vector<VoronoiIndex>& indices() const { return index_; }
  // Face neighbours, weight = face area (faces below the threshold left out).
  [[nodiscard]] const Neighbors& neighbors() const { return neighbors_; }

 private:
  double threshold_;
  std::vector<double> volume_;
  std::vector<VoronoiIndex> index_;
  Neighbors neighbors_;
};

// Fraction of particles of `type` whose index is ⟨0,0,12,0⟩.
double icosahedral_fraction(const std::vector<VoronoiIndex>& indices, const std::vector<int>& types, int type);
// The `top` most frequent indices with their fractions, most frequent first (ties by string).
std::vector<std::pair<std::string, double>> top_indices(const std::vector<VoronoiIndex>& indices, std::size_t top);

}  // namespace vitrum::analysis
