#include "vitrum/analysis/voronoi.hpp"

#include <voro++.hh>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

std::string VoronoiIndex::str() const { return fmt::format("<{},{},{},{}>", n[0], n[1], n[2], n[3]); }

Voronoi::Voronoi(double face_area_threshold) : threshold_(face_area_threshold) {
  if (!(face_area_threshold >= 0 && face_area_threshold < 1))
    throw Error(fmt::format("voronoi: face-area threshold must be in [0, 1) (got {})", face_area_threshold));
}

double Voronoi::volume_sum() const {
  double s = 0;
  for (double v : volume_) s += v;
  return s;
}

void Voronoi::compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<double>& radii) {
  const std::size_t n = positions.size();
  if (!radii.empty() && radii.size() != n) throw Error("voronoi: radii and positions differ in length");
  for (double r : radii)
    if (!(r >= 0) || !std::isfinite(r)) throw Error(fmt::format("voronoi: invalid radius {}", r));
  const Vec3 L = box.lengths();
  // voro++'s lattice vectors (bx,0,0), (bxy,by,0), (bxz,byz,bz) are vitrum's (xz = yz = 0).
  const double per_block = 5.0;  // voro++'s advice: a handful of particles per block
  const double scale = std::cbrt(static_cast<double>(n) / per_block / box.volume());
  const int nx = std::max(1, static_cast<int>(L.x * scale)), ny = std::max(1, static_cast<int>(L.y * scale)),
            nz = std::max(1, static_cast<int>(L.z * scale));
  voro::container_periodic_poly con(L.x, box.xy(), L.y, 0.0, 0.0, L.z, nx, ny, nz, 8);
  for (std::size_t i = 0; i < n; ++i) {
    // voro++ wants the wrapped fractional cell [0,1)³ mapped through its lattice.
    Vec3 s = box.to_fractional(positions[i]);
    for (int d = 0; d < 3; ++d) s[d] -= std::floor(s[d]);
    const Vec3 r = box.from_fractional(s) - box.lo();
    con.put(static_cast<int>(i), r.x, r.y, r.z, radii.empty() ? 0.5 : radii[i]);
  }
  volume_.assign(n, -1.0);
  index_.assign(n, {});
  std::vector<std::vector<std::pair<int, double>>> faces(n);
  voro::voronoicell_neighbor cell;
  voro::c_loop_all_periodic loop(con);
  std::vector<int> nbr, fvert;
  std::vector<double> areas;
  if (loop.start()) do {
      if (!con.compute_cell(cell, loop)) continue;
      const int id = loop.pid();
      const auto i = static_cast<std::size_t>(id);
      volume_[i] = cell.volume();
      cell.neighbors(nbr);
      cell.face_areas(areas);
      cell.face_vertices(fvert);
      double total = 0;
      for (double a : areas) total += a;
      VoronoiIndex idx;
      std::size_t pos = 0;
      for (std::size_t f = 0; f < areas.size(); ++f) {
        const int edges = fvert[pos];
        pos += static_cast<std::size_t>(edges) + 1;
        if (areas[f] < threshold_ * total) continue;
        if (edges >= 3 && edges <= 6) ++idx.n[edges - 3];
        else if (edges > 6) ++idx.larger;
        faces[i].emplace_back(nbr[f], areas[f]);
      }
      index_[i] = idx;
    } while (loop.inc());
  for (std::size_t i = 0; i < n; ++i)
    if (volume_[i] < 0) throw Error(fmt::format("voronoi: voro++ computed no cell for particle {}", i));

  neighbors_ = Neighbors{};
  neighbors_.offset.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) neighbors_.offset[i + 1] = neighbors_.offset[i] + faces[i].size();
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [j, area] : faces[i]) {
      neighbors_.index.push_back(j);
      neighbors_.bond.push_back(box.min_image(positions[static_cast<std::size_t>(j)] - positions[i]));
      neighbors_.weight.push_back(area);
    }
}

double icosahedral_fraction(const std::vector<VoronoiIndex>& indices, const std::vector<int>& types, int type) {
  if (indices.size() != types.size()) throw Error("voronoi: indices and types differ in length");
  std::size_t total = 0, ico = 0;
  for (std::size_t i = 0; i < indices.size(); ++i)
    if (types[i] == type) {
      ++total;
      if (indices[i].icosahedral()) ++ico;
    }
  return total ? static_cast<double>(ico) / static_cast<double>(total) : 0.0;
}

std::vector<std::pair<std::string, double>> top_indices(const std::vector<VoronoiIndex>& indices, std::size_t top) {
  std::map<std::string, std::size_t> count;
  for (const auto& idx : indices) ++count[idx.larger ? idx.str() + "+" : idx.str()];
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [k, c] : count) out.emplace_back(k, static_cast<double>(c) / static_cast<double>(indices.size()));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > top) out.resize(top);
  return out;
}

}  // namespace vitrum::analysis
