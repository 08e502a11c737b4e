// The Eshelby propagator: sum rules, symmetry, and the single-event far field against the analytic Eshelby field.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "vitrum/core/error.hpp"
#include "vitrum/meso/eshelby_propagator.hpp"

namespace vitrum::meso {
namespace {

double kernel_at(const EshelbyPropagator& g, int x, int y, int z = 0) {
  return g.real_space_kernel()[g.lattice().index(x, y, z)];
}

// REFERENCES.md "Elastoplastic models": G at the failing site is -1, mean -1/N (imposed strain) or 0 (imposed stress).
TEST(EshelbyPropagator, SumRulesUnderBothLoadControls) {
  for (int dim : {2, 3}) {
    const Lattice lat{dim, dim == 2 ? 32 : 16};
    const double n = static_cast<double>(lat.sites());
    for (auto control : {LoadControl::Strain, LoadControl::Stress}) {
      EshelbyPropagator g(lat, control);
      const auto& k = g.real_space_kernel();
      EXPECT_NEAR(k[0], -1.0, 1e-12) << "dim " << dim;
      const double mean = std::accumulate(k.begin(), k.end(), 0.0) / n;
      EXPECT_NEAR(mean, control == LoadControl::Strain ? -1.0 / n : 0.0, 1e-14) << "dim " << dim;
      // The q != 0 average of G~ is then -(1 + G~(0)/N) (Parseval on G(0)).
      const auto& hat = g.fourier_kernel();
      const double g0 = control == LoadControl::Strain ? -1.0 : 0.0;
      EXPECT_NEAR(hat[0] * n, g0, 1e-14);
      // Average of G~ over q != 0 on the full spectrum (the half spectrum counts kx = 1 .. L/2-1 twice).
      const int L = lat.size, half = L / 2 + 1;
      double sum = 0;
      for (std::size_t k = 0; k < hat.size(); ++k) {
        const int kx = static_cast<int>(k % half);
        sum += (kx == 0 || kx == L / 2 ? 1.0 : 2.0) * hat[k] * n;
      }
      EXPECT_NEAR((sum - g0) / (n - 1), -(n + g0) / (n - 1), 1e-10) << "dim " << dim;
    }
  }
}

TEST(EshelbyPropagator, AmplitudeFollowsFromTheFullSpectrumSum) {
  // G(0) = (1/N)[G~(0) - A sum_{q != 0} g(q)] = -1, recomputed here over the full (not half) spectrum.
  for (auto control : {LoadControl::Strain, LoadControl::Stress}) {
    EshelbyPropagator g(Lattice{2, 24}, control);
    double sum = 0;
    for (int kx = 0; kx < 24; ++kx)
      for (int ky = 0; ky < 24; ++ky) sum += g.shape(kx, ky, 0);
    const double n = 24.0 * 24.0;
    EXPECT_NEAR(g.amplitude(), (n + (control == LoadControl::Strain ? -1.0 : 0.0)) / sum, 1e-12);
  }
  // The lattice form weights large q more than the continuum (mean g ~ 0.64 instead of 1/2), so A ~ 1.57, not 2.
  EXPECT_NEAR(EshelbyPropagator(Lattice{2, 128}, LoadControl::Strain).amplitude(), 1.571, 0.01);
}

TEST(EshelbyPropagator, SymmetricUnderReflectionsAndAxisSwap2D) {
  EshelbyPropagator g(Lattice{2, 32}, LoadControl::Strain);
  for (int x = 0; x < 8; ++x)
    for (int y = 0; y < 8; ++y) {
      EXPECT_NEAR(kernel_at(g, x, y), kernel_at(g, -x, y), 1e-14);
      EXPECT_NEAR(kernel_at(g, x, y), kernel_at(g, x, -y), 1e-14);
      EXPECT_NEAR(kernel_at(g, x, y), kernel_at(g, y, x), 1e-14);
    }
}

// Single plastic event in an unstressed 2D system: G(r, theta) -> A cos(4 theta) / (pi r^2) (the inverse Fourier
// transform of the cos 4phi part of -4 q_x^2 q_y^2/q^4 = -1/2 + cos(4 phi)/2, times A): load goes to the shear
// axes (positive), is taken from the diagonals (negative).
TEST(EshelbyPropagator, SingleEventFarFieldIsQuadrupolarEshelby2D) {
  EshelbyPropagator g(Lattice{2, 256}, LoadControl::Strain);
  const double a = g.amplitude();
  int checked = 0;
  for (int x = -24; x <= 24; ++x)
    for (int y = -24; y <= 24; ++y) {
      const double r = std::hypot(x, y);
      if (r < 8 || r > 24) continue;
      const double c4 = std::cos(4.0 * std::atan2(y, x));
      const double analytic = a * c4 / (M_PI * r * r);
      const double scale = a / (M_PI * r * r);
      EXPECT_NEAR(kernel_at(g, x, y), analytic, 0.05 * scale) << "x=" << x << " y=" << y;
      if (std::abs(c4) > 0.5) { EXPECT_EQ(kernel_at(g, x, y) > 0, c4 > 0) << "sign at x=" << x << " y=" << y; }
      ++checked;
    }
  EXPECT_GT(checked, 1000);
  // and the 1/r^2 decay itself along the shear axis
  EXPECT_NEAR(kernel_at(g, 10, 0) / kernel_at(g, 20, 0), 4.0, 0.2);
}

// 3D, nu = 1/2: -[4 n_x^2 n_y^2 + n_z^2] = -4 H4(n) - (3/7)(n_z^2 - 1/3) - 3/5 with H4 = n_x^2 n_y^2 - (4/35)(n_x^2 +
// n_y^2) + n_z^2/35 harmonic. A degree-0 angular harmonic Y_l(q) transforms to c_l Y_l(r)/r^3 with c_2 = -3/(4 pi),
// c_4 = 15/(8 pi), so G(r) -> A [ -(15/(2 pi)) H4(n) + (9/(28 pi)) (n_z^2 - 1/3) ] / r^3.
double eshelby_far_field_3d(double a, double x, double y, double z) {
  const double r = std::sqrt(x * x + y * y + z * z);
  const double nx = x / r, ny = y / r, nz = z / r;
  const double h4 = nx * nx * ny * ny - 4.0 / 35.0 * (nx * nx + ny * ny) + nz * nz / 35.0;
  return a * (-15.0 / (2.0 * M_PI) * h4 + 9.0 / (28.0 * M_PI) * (nz * nz - 1.0 / 3.0)) / (r * r * r);
}

TEST(EshelbyPropagator, SingleEventFarFieldMatchesDerivedPropagator3D) {
  EshelbyPropagator g(Lattice{3, 64}, LoadControl::Strain);
  const double a = g.amplitude();
  // Along x (shear axis) 3A/(4 pi r^3) > 0; along the xy diagonal -9A/(8 pi r^3) < 0; along z zero.
  EXPECT_NEAR(eshelby_far_field_3d(1, 1, 0, 0), 3.0 / (4.0 * M_PI), 1e-14);
  EXPECT_NEAR(eshelby_far_field_3d(1, M_SQRT1_2, M_SQRT1_2, 0), -9.0 / (8.0 * M_PI), 1e-14);
  EXPECT_NEAR(eshelby_far_field_3d(1, 0, 0, 1), 0.0, 1e-14);
  // Largest relative deviation on the shell [r0, r0 + 1): lattice corrections fall off as 1/r^2, images of the
  // periodic box (L = 64) take over beyond r ~ 14.
  auto shell_error = [&](int r0) {
    double worst = 0;
    for (int x = -r0 - 1; x <= r0 + 1; ++x)
      for (int y = -r0 - 1; y <= r0 + 1; ++y)
        for (int z = -r0 - 1; z <= r0 + 1; ++z) {
          const double r = std::sqrt(double(x * x + y * y + z * z));
          if (r < r0 || r >= r0 + 1) continue;
          const double scale = a / (M_PI * r * r * r);
          worst = std::max(worst, std::abs(kernel_at(g, x, y, z) - eshelby_far_field_3d(a, x, y, z)) / scale);
          if (std::abs(eshelby_far_field_3d(a, x, y, z)) > 0.1 * scale) {
            EXPECT_EQ(kernel_at(g, x, y, z) > 0, eshelby_far_field_3d(a, x, y, z) > 0) << x << " " << y << " " << z;
          }
        }
    return worst;
  };
  const double near = shell_error(6), mid = shell_error(10), far = shell_error(12);
  EXPECT_LT(mid, 0.05);
  EXPECT_LT(far, 0.05);
  EXPECT_GT(near, 2 * far);  // converging to the continuum field, not a coincidence at one radius
}

TEST(EshelbyPropagator, ThreeDimensionalShapeReducesTo2DInThePlane) {
  EshelbyPropagator g2(Lattice{2, 16}, LoadControl::Strain), g3(Lattice{3, 16}, LoadControl::Strain);
  for (int kx = 0; kx <= 8; ++kx)
    for (int ky = 0; ky < 16; ++ky) EXPECT_NEAR(g2.shape(kx, ky, 0), g3.shape(kx, ky, 0), 1e-14);
}

TEST(EshelbyPropagator, RejectsBadLattices) {
  EXPECT_THROW(EshelbyPropagator(Lattice{4, 16}, LoadControl::Strain), Error);
  EXPECT_THROW(EshelbyPropagator(Lattice{2, 15}, LoadControl::Strain), Error);
  EXPECT_THROW(EshelbyPropagator(Lattice{3, 16}, LoadControl::Strain, 0.7), Error);
}

}  // namespace
}  // namespace vitrum::meso
