// The triclinic box: wrap/unwrap, minimum image against a brute-force image search, tilt flips.
#include <gtest/gtest.h>

#include "vitrum/core/box.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {
namespace {

TEST(Box, MinimumImageIsTheShortestImage) {
  const Box box({-1.0, 2.0, 0.5}, {10.0, 12.0, 9.0}, 3.7);
  const double half_width = 0.5 * std::min({box.perpendicular_widths().x, box.perpendicular_widths().y, 9.0});
  int checked = 0;
  for (std::uint64_t k = 0; k < 2000; ++k) {
    Rng rng(Stream::Generate, 7, 0, k);
    const Vec3 d{(rng.uniform() - 0.5) * 40, (rng.uniform() - 0.5) * 40, (rng.uniform() - 0.5) * 40};
    const Vec3 m = box.min_image(d);
    double best = 1e300;
    for (int nx = -6; nx <= 6; ++nx)
      for (int ny = -6; ny <= 6; ++ny)
        for (int nz = -6; nz <= 6; ++nz) {
          const Vec3 e = d - Vec3{nx * 10.0 + ny * 3.7, ny * 12.0, nz * 9.0};
          best = std::min(best, norm(e));
        }
    // The convention is exact whenever the shortest image is within half the narrowest width.
    if (best < half_width) {
      EXPECT_NEAR(norm(m), best, 1e-12);
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Box, WrapAndUnwrapAreInverse) {
  const Box box({0.0, 0.0, 0.0}, {5.0, 6.0, 7.0}, -2.1);
  for (std::uint64_t k = 0; k < 500; ++k) {
    Rng rng(Stream::Generate, 3, 0, k);
    const Vec3 r0{(rng.uniform() - 0.5) * 50, (rng.uniform() - 0.5) * 50, (rng.uniform() - 0.5) * 50};
    Vec3 r = r0;
    Int3 image{0, 0, 0};
    box.wrap(r, image);
    const Vec3 s = box.to_fractional(r);
    EXPECT_GE(s.x, -1e-12); EXPECT_LT(s.x, 1 + 1e-12);
    EXPECT_GE(s.y, 0.0); EXPECT_LT(s.y, 1.0);
    EXPECT_GE(s.z, 0.0); EXPECT_LT(s.z, 1.0);
    const Vec3 back = box.unwrap(r, image);
    EXPECT_NEAR(back.x, r0.x, 1e-11);
    EXPECT_NEAR(back.y, r0.y, 1e-11);
    EXPECT_NEAR(back.z, r0.z, 1e-11);
  }
}

TEST(Box, TiltFlipKeepsTheLattice) {
  Box box({0, 0, 0}, {10, 10, 10}, 4.0);
  box.shear_xy(0.2);  // xy = 6 > Lx/2
  EXPECT_DOUBLE_EQ(box.strain_xy(), 0.2);
  EXPECT_EQ(box.flip_tilt(), 1);
  EXPECT_DOUBLE_EQ(box.xy(), -4.0);
  EXPECT_DOUBLE_EQ(box.strain_xy(), 0.2);  // the accumulated strain is never wrapped
  // Same lattice: the flipped box's minimum image is the shortest image in the xy = 6 lattice.
  const Vec3 d{3.1, 4.2, -1.0};
  double best = 1e300;
  for (int nx = -3; nx <= 3; ++nx)
    for (int ny = -3; ny <= 3; ++ny)
      for (int nz = -3; nz <= 3; ++nz) best = std::min(best, norm(d - Vec3{nx * 10.0 + ny * 6.0, ny * 10.0, nz * 10.0}));
  EXPECT_NEAR(norm(box.min_image(d)), best, 1e-12);
}

}  // namespace
}  // namespace vitrum
