// Neighbour lists: the list-based energy and virial equal an all-pairs, all-images sum for random
// boxes, tilts and skins, and the list stays correct as particles move until the rebuild rule fires.
#include <gtest/gtest.h>

#include <cmath>

#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {
namespace {

TEST(NeighborList, EnergyEqualsAllPairsSum) {
  const std::vector<std::string> models = {"kob-andersen", "ka2", "wahnstrom", "polydisperse-ss"};
  int case_no = 0;
  for (const auto& model : models) {
    for (double tilt : {0.0, 0.17, -0.5, 0.5}) {
      for (double skin : {0.0, 0.3, 0.71}) {
        ++case_no;
        Rng rng(Stream::Generate, 99, 0, static_cast<std::uint64_t>(case_no));
        const std::size_t n = 600 + static_cast<std::size_t>(rng.uniform() * 400);
        Configuration cfg = test::random_configuration(model, n, static_cast<std::uint32_t>(case_no), tilt);
        System s = make_system(cfg, model, model, skin);
        const ForceResult ref = test::brute_force(*s.potential, s.cfg);
        EXPECT_NEAR(s.last.energy, ref.energy, 1e-12 * std::abs(ref.energy))
            << model << " tilt " << tilt << " skin " << skin << " n " << n;
        for (int a = 0; a < 6; ++a)
          EXPECT_NEAR(s.last.virial[a], ref.virial[a], 1e-11 * std::abs(ref.virial[0]) + 1e-12)
              << model << " tilt " << tilt << " skin " << skin << " component " << a;
      }
    }
  }
}

TEST(NeighborList, StaysExactBetweenRebuildsWhileParticlesMove) {
  Configuration cfg = test::random_configuration("kob-andersen", 500, 4, 0.3);
  System s = make_system(cfg, "kob-andersen", "test", 0.4);
  const std::size_t builds0 = s.list.builds();
  for (int step = 0; step < 40; ++step) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      Rng rng(Stream::DisplacementMC, 1, static_cast<std::uint64_t>(step), i);
      s.cfg.particles.position[i] += Vec3{rng.normal(), rng.normal(), rng.normal()} * 0.01;
    }
    s.compute_forces();
    const ForceResult ref = test::brute_force(*s.potential, s.cfg);
    ASSERT_NEAR(s.last.energy, ref.energy, 1e-12 * std::abs(ref.energy)) << "step " << step;
  }
  // The displacements add up to several skins: the list must have been rebuilt, and not every step.
  EXPECT_GT(s.list.builds(), builds0);
  EXPECT_LT(s.list.builds(), builds0 + 40);
}

TEST(NeighborList, RejectsBoxSmallerThanTwiceCutoffPlusSkin) {
  Configuration cfg = test::random_configuration("kob-andersen", 60, 1, 0.0);  // L ≈ 3.7 < 2 (2.5 + 0.3)
  try {
    make_system(cfg, "kob-andersen", "small.data");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("small.data: box too small"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("twice the cut-off plus skin"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vitrum
