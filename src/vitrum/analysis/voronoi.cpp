#include "vitrum/analysis/voronoi.hpp"

#include <voro++.hh>

#include <algorithm>
#include <climits>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace {
// voro++'s unitcell constructor (unitcell.cc, 0.4.6), step for step with its own cell class: it cuts a box by
// shells l = 1, 2, ... of periodic images until a shell no longer cuts the cell, and calls exit(2) ("Periodic cell
// computation failed") when shell 2 * max_unit_voro_shells - 1 still cuts. Running the same cuts first turns such
// a box into an Error. In vitrum's boxes this happens for long, thin cells with a small tilt (xy ~ 20 Ly^2 / Lx).
// voronoi.cpp is built with -ffp-contract=off so that these products round as in the library.
class UnitCellProbe {
 public:
  UnitCellProbe(double bx, double bxy, double by, double bz) : bx_(bx), bxy_(bxy), by_(by), bz_(bz) {}
  // The shell at which voro++ stops, or -1 where it would give up.
  int shells() {
    const double ucx = voro::max_unit_voro_shells * bx_, ucy = voro::max_unit_voro_shells * by_,
                 ucz = voro::max_unit_voro_shells * bz_;
    cell_.init(-ucx, ucx, -ucy, ucy, -ucz, ucz);
    for (int l = 1; l < 2 * voro::max_unit_voro_shells; ++l) {
      if (!shell_cuts(l)) return l;
      cut_shell(l);
    }
    return -1;
  }

 private:
  // The images in voro++'s order (unit_voro_intersect and the loop of applications in the constructor).
  template <class F>
  static bool each_in_shell(int l, F&& f) {
    if (f(l, 0, 0)) return true;
    for (int i = 1; i < l; ++i)
      if (f(l, i, 0) || f(-l, i, 0)) return true;
    for (int i = -l; i <= l; ++i)
      if (f(i, l, 0)) return true;
    for (int i = 1; i < l; ++i)
      for (int j = -l + 1; j <= l; ++j)
        if (f(l, j, i) || f(-j, l, i) || f(-l, -j, i) || f(j, -l, i)) return true;
    for (int i = -l; i <= l; ++i)
      for (int j = -l; j <= l; ++j)
        if (f(i, j, l)) return true;
    return false;
  }
  bool shell_cuts(int l) {
    return each_in_shell(l, [this](int i, int j, int k) {
      const double x = i * bx_ + j * bxy_ + k * bxz_, y = j * by_ + k * byz_, z = k * bz_;
      return cell_.plane_intersects(x, y, z, x * x + y * y + z * z);
    });
  }
  void cut_shell(int l) {
    // voro++ applies the pairs in the same order but without the short-circuit: every image of the shell.
    each_in_shell(l, [this](int i, int j, int k) {
      const double x = i * bx_ + j * bxy_ + k * bxz_, y = j * by_ + k * byz_, z = k * bz_;
      cell_.plane(x, y, z);
      cell_.plane(-x, -y, -z);
      return false;
    });
  }

  double bx_, bxy_, by_, bz_, bxz_ = 0.0, byz_ = 0.0;  // vitrum's xz = yz = 0, kept for voro++'s arithmetic
  voro::voronoicell cell_;
};
}  // namespace

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
  // voro++ ends the process (exit 2) where it cannot go on; every such case is refused here, before it runs.
  if (n > static_cast<std::size_t>(INT_MAX))
    throw Error(fmt::format("voronoi: {} particles exceed voro++'s int particle ids", n));
  const Vec3 L = box.lengths();
  // voro++'s lattice vectors (bx,0,0), (bxy,by,0), (bxz,byz,bz) are vitrum's (xz = yz = 0).
  if (UnitCellProbe(L.x, box.xy(), L.y, L.z).shells() < 0)
    throw Error(fmt::format("voronoi: the periodic cell {:.6g} x {:.6g} x {:.6g} with tilt xy = {:.6g} is too long and "
                            "thin for voro++ (its unit Voronoi cell needs more than {} shells of periodic images, and "
                            "voro++ would exit with 'Periodic cell computation failed'); replicate the box along y to "
                            "make it less elongated, or remove the tilt",
                            L.x, L.y, L.z, box.xy(), 2 * voro::max_unit_voro_shells - 1));
  const double per_block = 5.0;  // voro++'s advice: a handful of particles per block
  const double scale = std::cbrt(static_cast<double>(n) / per_block / box.volume());
  const int nx = std::max(1, static_cast<int>(L.x * scale)), ny = std::max(1, static_cast<int>(L.y * scale)),
            nz = std::max(1, static_cast<int>(L.z * scale));
  // voro++ also exits when one block would need more than max_particle_memory particles. Count the blocks as
  // voro++ does (z, y, then x wrapped), with a factor 2 of margin for round-off at block edges.
  if (n > static_cast<std::size_t>(voro::max_particle_memory / 2)) {
    std::vector<std::size_t> count(static_cast<std::size_t>(nx) * ny * nz, 0);
    std::size_t most = 0;
    const auto bin = [](double f, int m) {
      return static_cast<std::size_t>(std::clamp(static_cast<int>(f * m), 0, m - 1));
    };
    for (const Vec3& r0 : positions) {
      Vec3 s = box.to_fractional(r0);
      for (int d = 0; d < 3; ++d) s[d] -= std::floor(s[d]);
      const Vec3 r = box.from_fractional(s) - box.lo();
      const double fx = r.x / L.x - std::floor(r.x / L.x);
      const std::size_t b = bin(fx, nx) + static_cast<std::size_t>(nx) * (bin(s.y, ny) + ny * bin(s.z, nz));
      most = std::max(most, ++count[b]);
    }
    if (most > static_cast<std::size_t>(voro::max_particle_memory / 2))
      throw Error(fmt::format("voronoi: {} of the {} particles fall in one voro++ block ({} x {} x {} blocks); voro++ "
                              "holds at most {} per block and would exit: the configuration is too clustered for its box",
                              most, n, nx, ny, nz, voro::max_particle_memory));
  }
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
  // The cells must tile the box. In long thin tilted cells voro++ also returns cells that overlap or leave gaps,
  // silently (500 x 6 x 6 with xy = 0.35 and 200 random points in the unit test): indices that look valid and are not.
  if (n > 0 && !(std::abs(volume_sum() / box.volume() - 1.0) < 1e-6))
    throw Error(fmt::format("voronoi: voro++'s cells fill {:.9g} of the box volume instead of all of it, so its "
                            "tessellation is wrong (cell {:.6g} x {:.6g} x {:.6g}, tilt xy = {:.6g}){}",
                            volume_sum() / box.volume(), L.x, L.y, L.z, box.xy(),
                            box.is_tilted() ? "; voro++ mishandles long thin tilted cells: replicate the box along y to "
                                              "make it less elongated, or remove the tilt"
                                            : ""));

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
