// The 2D staggered (Virieux-type) grid of the shear cell: where each field lives and how it is indexed.
#pragma once
#include <cstddef>

namespace vitrum::continuum {

// A rectangle [0, lx) × [0, ly], periodic in x, walls at y = 0 and y = ly; nx × ny square cells of side h.
//   cell centres  ((i+½)h, (j+½)h), j < ny      : σxx, σyy, the internal variable (χ or ξ), plastic strain
//   corners       (i h, j h), 0 ≤ j ≤ ny         : σxy (rows 0 and ny lie on the walls)
//   x-faces       (i h, (j+½)h), j < ny          : velocity u (unknowns)
//   y-faces       ((i+½)h, j h), 0 < j < ny      : velocity v (unknowns; v = 0 on the walls)
// Every strain rate is then a compact two-point difference and the discrete divergence is the adjoint of the
// discrete gradient, so the elastic operator is symmetric positive definite without spurious (checkerboard) modes.
struct Grid {
  int nx = 0, ny = 0;
  double h = 0;  // cell side [m]

  [[nodiscard]] double lx() const { return nx * h; }
  [[nodiscard]] double ly() const { return ny * h; }
  [[nodiscard]] std::size_t cells() const { return std::size_t(nx) * ny; }
  [[nodiscard]] std::size_t corners() const { return std::size_t(nx) * (ny + 1); }
  [[nodiscard]] std::size_t unknowns() const { return std::size_t(nx) * ny + std::size_t(nx) * (ny - 1); }
  [[nodiscard]] int wrap(int i) const { return (i % nx + nx) % nx; }
  [[nodiscard]] std::size_t cell(int i, int j) const { return std::size_t(j) * nx + wrap(i); }
  [[nodiscard]] std::size_t corner(int i, int j) const { return std::size_t(j) * nx + wrap(i); }
  [[nodiscard]] std::size_t u_index(int i, int j) const { return std::size_t(j) * nx + wrap(i); }
  // v unknown on the interior y-face row j (1 ≤ j ≤ ny−1).
  [[nodiscard]] std::size_t v_index(int i, int j) const { return cells() + std::size_t(j - 1) * nx + wrap(i); }
  // Stress (and strain-rate) vector layout: [σxx cells | σyy cells | σxy corners].
  [[nodiscard]] std::size_t stress_size() const { return 2 * cells() + corners(); }
  [[nodiscard]] std::size_t xx(std::size_t c) const { return c; }
  [[nodiscard]] std::size_t yy(std::size_t c) const { return cells() + c; }
  [[nodiscard]] std::size_t xy(std::size_t k) const { return 2 * cells() + k; }
};

}  // namespace vitrum::continuum
