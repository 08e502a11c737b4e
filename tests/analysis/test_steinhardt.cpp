// Steinhardt q_l / w_l: perfect FCC, HCP, BCC (14 neighbours), icosahedron; Voronoi-weighted neighbours; 3j symbols.
#include <gtest/gtest.h>

#include <cmath>

#include "lattices.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/analysis/steinhardt.hpp"
#include "vitrum/analysis/voronoi.hpp"

namespace vitrum {
namespace {

void expect_all(const std::vector<double>& v, double value, double tol) {
  for (double x : v) EXPECT_NEAR(x, value, tol);
}

TEST(Steinhardt, PerfectCrystals) {
  analysis::Steinhardt st({4, 6});
  const auto f = test::fcc(4, 1.0);  // nearest neighbours at 0.7071, second shell at 1.0
  st.compute(analysis::neighbors_within(f.box, f.positions, 0.85));
  expect_all(st.ql(6), 0.57452416, 1e-7);  // freud's PERFECT_FCC_Q6
  expect_all(st.ql(4), 0.19094065, 1e-7);
  expect_all(st.wl(6), -0.013161, 1e-6);  // Steinhardt et al. 1983, Table I
  expect_all(st.wl(4), -0.159317, 1e-6);
  EXPECT_NEAR(st.mean_ql(6), 0.57452416, 1e-7);

  const auto h = test::hcp(4, 3, 3, 1.0);
  st.compute(analysis::neighbors_within(h.box, h.positions, 1.2));
  expect_all(st.ql(6), 0.48476, 1e-5);
  expect_all(st.ql(4), 0.09722, 1e-5);

  const auto b = test::bcc(4, 1.0);  // 8 at 0.866, 6 at 1.0, next at 1.414
  st.compute(analysis::neighbors_within(b.box, b.positions, 1.2));
  expect_all(st.ql(6), 0.51069, 1e-5);
  expect_all(st.ql(4), 0.03637, 1e-5);
}

TEST(Steinhardt, IcosahedronCentre) {
  const auto ico = test::icosahedron(1.0, 8.0);
  analysis::Steinhardt st({4, 6});
  st.compute(analysis::neighbors_within(ico.box, ico.positions, 1.2));
  EXPECT_NEAR(st.ql(6)[0], 0.66332496, 1e-7);
  EXPECT_NEAR(st.ql(4)[0], 0.0, 1e-12);
  EXPECT_NEAR(st.wl(6)[0], -0.169754, 1e-6);
}

TEST(Steinhardt, VoronoiNeighboursOnFcc) {
  // The FCC Voronoi cell is a rhombic dodecahedron: 12 equal faces to the 12 nearest neighbours,
  // so face-area weights reproduce the cut-off result.
  const auto f = test::fcc(3, 1.0);
  analysis::Voronoi v(1e-3);
  v.compute(f.box, f.positions);
  analysis::Steinhardt st({6}, true);
  st.compute(v.neighbors());
  expect_all(st.ql(6), 0.57452416, 1e-7);
}

TEST(Steinhardt, RotationInvariantOnRandomBonds) {
  analysis::Neighbors nb;
  const std::vector<Vec3> bonds{{1, 0.2, 0.1}, {-0.3, 1, 0.4}, {0.2, -0.7, 1}, {-1, -0.5, 0.2}, {0.4, 0.3, -1}};
  const double c = std::cos(0.7), s = std::sin(0.7);
  analysis::Neighbors rotated;
  for (const Vec3& d : bonds) {
    nb.index.push_back(0), nb.bond.push_back(d), nb.weight.push_back(1.0);
    rotated.index.push_back(0), rotated.bond.push_back({c * d.x - s * d.y, s * d.x + c * d.y, d.z});
    rotated.weight.push_back(1.0);
    // and a tilt about x
    Vec3& r = rotated.bond.back();
    r = {r.x, c * r.y - s * r.z, s * r.y + c * r.z};
  }
  nb.offset = {0, bonds.size()};
  rotated.offset = nb.offset;
  analysis::Steinhardt a({4, 6}), b({4, 6});
  a.compute(nb);
  b.compute(rotated);
  for (int l : {4, 6}) {
    EXPECT_NEAR(a.ql(l)[0], b.ql(l)[0], 1e-12);
    EXPECT_NEAR(a.wl(l)[0], b.wl(l)[0], 1e-12);
    EXPECT_GT(a.ql(l)[0], 0.1);
  }
}

TEST(Steinhardt, Wigner3jValues) {
  // (2 2 2; 0 0 0) = −√(2/35); (6 6 6; 0 0 0) from sympy.physics.wigner.
  EXPECT_NEAR(analysis::wigner_3j(2, 2, 2, 0, 0, 0), -std::sqrt(2.0 / 35.0), 1e-14);
  EXPECT_NEAR(analysis::wigner_3j(1, 1, 0, 1, -1, 0), 1.0 / std::sqrt(3.0), 1e-14);
  EXPECT_NEAR(analysis::wigner_3j(6, 6, 6, 0, 0, 0), -0.09305950021129075, 1e-13);
  EXPECT_EQ(analysis::wigner_3j(2, 2, 2, 1, 1, 0), 0.0);
}

}  // namespace
}  // namespace vitrum
