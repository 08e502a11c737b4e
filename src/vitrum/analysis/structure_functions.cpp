// Radial structure functions (Cubuk et al. 2015): Gaussian-smoothed neighbour counts per neighbour species.
#include "vitrum/analysis/structure_functions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

std::size_t RadialGrid::count() const {
  // The last point is r_max itself when (r_max − r_min)/r_step is whole (to round-off).
  return static_cast<std::size_t>(std::floor((r_max - r_min) / r_step + 1e-9)) + 1;
}

void RadialGrid::check(const char* what) const {
  if (!(std::isfinite(r_min) && r_min >= 0)) throw Error(fmt::format("{}: r_min must be >= 0, got {}", what, r_min));
  if (!(std::isfinite(r_max) && r_max > r_min))
    throw Error(fmt::format("{}: r_max must be above r_min ({}), got {}", what, r_min, r_max));
  if (!(std::isfinite(r_step) && r_step > 0)) throw Error(fmt::format("{}: r_step must be positive, got {}", what, r_step));
  if (!(std::isfinite(width) && width > 0)) throw Error(fmt::format("{}: width must be positive, got {}", what, width));
  if (count() > 100000) throw Error(fmt::format("{}: {} grid points per species (more than 100000)", what, count()));
}

namespace {

// Calls f(p, j, d) for every row p (particle rows[p] = i), particle j and periodic image d = x_j + image − x_i closer
// than rc, i's own zero image excepted; rows in parallel (f may write row p's output only). The images within reach
// follow from z, then y, then x alone, with a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz): no wasted images, and boxes
// narrower than 2 rc are summed exactly. A planar system has no images along z.
template <class F>
void for_each_image_bond(const Box& box, const std::vector<Vec3>& positions, const std::vector<std::size_t>& rows,
                         double rc, int dimension, F&& f) {
  const Vec3 L = box.lengths();
  const double xy = box.xy(), rc2 = rc * rc;
  auto range = [rc](double v, double period, int& lo, int& hi) {
    lo = static_cast<int>(std::ceil((-rc - v) / period));
    hi = static_cast<int>(std::floor((rc - v) / period));
  };
  const std::size_t n_all = positions.size();
#pragma omp parallel for schedule(dynamic, 16)
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const std::size_t i = rows[p];
    for (std::size_t j = 0; j < n_all; ++j) {
      const Vec3 d0 = box.min_image(positions[j] - positions[i]);
      int c0 = 0, c1 = 0, b0, b1, a0, a1;
      if (dimension != 2) range(d0.z, L.z, c0, c1);
      for (int nc = c0; nc <= c1; ++nc) {
        range(d0.y, L.y, b0, b1);
        for (int nb = b0; nb <= b1; ++nb) {
          const double xb = d0.x + nb * xy;
          range(xb, L.x, a0, a1);
          for (int na = a0; na <= a1; ++na) {
            if (j == i && na == 0 && nb == 0 && nc == 0) continue;
            const Vec3 d{xb + na * L.x, d0.y + nb * L.y, d0.z + nc * L.z};
            if (norm2(d) < rc2) f(p, j, d);
          }
        }
      }
    }
  }
}

// Adds the Gaussians of one neighbour at distance r to the row's block of its species.
inline void add_pair(double* block, const RadialGrid& g, std::size_t n, double r) {
  const double reach = 5.0 * g.width;
  const double lo = std::ceil((r - reach - g.r_min) / g.r_step);
  const double hi = std::floor((r + reach - g.r_min) / g.r_step);
  const auto k0 = static_cast<std::ptrdiff_t>(std::max(0.0, lo));
  const auto k1 = static_cast<std::ptrdiff_t>(std::min(static_cast<double>(n) - 1, hi));
  const double inv = 1.0 / (2.0 * g.width * g.width);
  for (std::ptrdiff_t k = k0; k <= k1; ++k) {
    const double x = r - g.r(static_cast<std::size_t>(k));
    block[k] += std::exp(-x * x * inv);
  }
}

}  // namespace

std::vector<double> radial_structure_functions(const Box& box, const std::vector<Vec3>& positions,
                                               const std::vector<int>& types, int type_count, const RadialGrid& grid,
                                               const std::vector<std::size_t>& which, int dimension,
                                               bool force_direct_sum) {
  grid.check("structure functions");
  const std::size_t n_all = positions.size();
  if (types.size() != n_all) throw Error("structure functions: one type per particle expected");
  for (int t : types)
    if (t < 1 || t > type_count) throw Error(fmt::format("structure functions: type {} outside 1..{}", t, type_count));
  std::vector<std::size_t> rows = which;
  if (rows.empty())
    for (std::size_t i = 0; i < n_all; ++i) rows.push_back(i);
  std::vector<std::ptrdiff_t> row_of(n_all, -1);
  for (std::size_t p = 0; p < rows.size(); ++p) {
    if (rows[p] >= n_all) throw Error(fmt::format("structure functions: particle index {} of {}", rows[p], n_all));
    row_of[rows[p]] = static_cast<std::ptrdiff_t>(p);
  }
  const std::size_t n = grid.count();
  const std::size_t columns = n * static_cast<std::size_t>(type_count);
  std::vector<double> out(rows.size() * columns, 0.0);
  const double rc = grid.cutoff();
  auto block = [&](std::size_t row, int type) { return out.data() + row * columns + static_cast<std::size_t>(type - 1) * n; };

  const Vec3 w = box.perpendicular_widths();
  const bool cell_list = !force_direct_sum && dimension == 3 && 2 * rc < std::min({w.x, w.y, w.z});
  if (cell_list) {
    // Each unordered pair once: it adds to both ends that are rows.
    PairVisitor(box, positions, rc).for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
      const double r = std::sqrt(norm2(d));
      if (row_of[i] >= 0) add_pair(block(static_cast<std::size_t>(row_of[i]), types[j]), grid, n, r);
      if (row_of[j] >= 0) add_pair(block(static_cast<std::size_t>(row_of[j]), types[i]), grid, n, r);
    });
    return out;
  }
  // Direct sum over every particle and every lattice image within the cut-off.
  for_each_image_bond(box, positions, rows, rc, dimension, [&](std::size_t p, std::size_t j, const Vec3& d) {
    add_pair(block(p, types[j]), grid, n, std::sqrt(norm2(d)));
  });
  return out;
}

void AngularSet::check(const char* what) const {
  if (xi.empty() || lambda.empty() || zeta.empty()) throw Error(fmt::format("{}: empty angular parameter list", what));
  for (double x : xi)
    if (!(std::isfinite(x) && x > 0)) throw Error(fmt::format("{}: angular xi must be positive, got {}", what, x));
  for (double l : lambda)
    if (l != 1.0 && l != -1.0) throw Error(fmt::format("{}: angular lambda must be 1 or -1, got {}", what, l));
  for (int z : zeta)
    if (z < 1 || z > 64) throw Error(fmt::format("{}: angular zeta must be in 1..64, got {}", what, z));
  if (!(std::isfinite(cutoff) && cutoff > 0)) throw Error(fmt::format("{}: angular cutoff must be positive, got {}", what, cutoff));
}

namespace {

// Bond vectors d = x_j − x_i (every periodic image, j ≠ i or a non-zero image of i) closer than rc, per row.
std::vector<std::vector<Vec3>> bonds_within(const Box& box, const std::vector<Vec3>& positions,
                                            const std::vector<std::size_t>& rows, double rc, int dimension, bool direct) {
  const std::size_t n_all = positions.size();
  std::vector<std::ptrdiff_t> row_of(n_all, -1);
  for (std::size_t p = 0; p < rows.size(); ++p) row_of[rows[p]] = static_cast<std::ptrdiff_t>(p);
  std::vector<std::vector<Vec3>> out(rows.size());
  const Vec3 w = box.perpendicular_widths();
  if (!direct && dimension == 3 && 2 * rc < std::min({w.x, w.y, w.z})) {
    PairVisitor(box, positions, rc).for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
      if (row_of[i] >= 0) out[static_cast<std::size_t>(row_of[i])].push_back(d);
      if (row_of[j] >= 0) out[static_cast<std::size_t>(row_of[j])].push_back(-1.0 * d);
    });
    return out;
  }
  for_each_image_bond(box, positions, rows, rc, dimension,
                      [&](std::size_t p, std::size_t, const Vec3& d) { out[p].push_back(d); });
  return out;
}

}  // namespace

std::vector<double> angular_structure_functions(const Box& box, const std::vector<Vec3>& positions, const AngularSet& set,
                                                const std::vector<std::size_t>& which, int dimension,
                                                bool force_direct_sum) {
  set.check("angular structure functions");
  std::vector<std::size_t> rows = which;
  if (rows.empty())
    for (std::size_t i = 0; i < positions.size(); ++i) rows.push_back(i);
  for (std::size_t r : rows)
    if (r >= positions.size()) throw Error(fmt::format("structure functions: particle index {} of {}", r, positions.size()));
  const auto bonds = bonds_within(box, positions, rows, set.cutoff, dimension, force_direct_sum);
  const std::size_t f = set.count(), nz = set.zeta.size();
  std::vector<double> out(rows.size() * f, 0.0);
  std::vector<double> inv_xi2;
  for (double x : set.xi) inv_xi2.push_back(1.0 / (x * x));
#pragma omp parallel for schedule(dynamic, 16)
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const auto& b = bonds[p];
    double* row = out.data() + p * f;
    for (std::size_t j = 0; j < b.size(); ++j) {
      const double rj2 = norm2(b[j]);
      for (std::size_t k = j + 1; k < b.size(); ++k) {
        const double rk2 = norm2(b[k]);
        const double rjk2 = norm2(b[k] - b[j]);
        const double cosine = dot(b[j], b[k]) / std::sqrt(rj2 * rk2);
        const double s2 = rj2 + rk2 + rjk2;
        for (std::size_t x = 0; x < set.xi.size(); ++x) {
          const double g = std::exp(-s2 * inv_xi2[x]);
          for (std::size_t l = 0; l < set.lambda.size(); ++l) {
            const double base = 1.0 + set.lambda[l] * cosine;
            for (std::size_t z = 0; z < nz; ++z) row[(x * set.lambda.size() + l) * nz + z] += g * std::pow(base, set.zeta[z]);
          }
        }
      }
    }
  }
  return out;
}

}  // namespace vitrum::analysis
