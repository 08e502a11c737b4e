// Neighbour lists: the list-based energy and virial equal an all-pairs, all-images sum for random
// boxes, tilts and skins, and the list stays correct as particles move until the rebuild rule fires.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sys/resource.h>
#include <utility>

#include "test_helpers.hpp"
#include "vitrum/atomistic/mc/cell_grid.hpp"
#include "vitrum/atomistic/neighbor/cell_counts.hpp"
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

// A dilute system in a huge box (issue 18): clusters of particles, one across the periodic corner, in
// boxes of side 1e2 to 1e8, straight and tilted. The cut-off alone would ask for ~ (2 side / r_list)³
// cells (std::bad_alloc from 1e3 up); capped at max_cells_for(N) wider cells, the list still holds
// exactly the pairs within r_list (brute force over the 27 images), and the build takes little memory.
Particles dilute_clusters(const Box& box, std::size_t per_cluster, std::uint64_t seed) {
  const Vec3 L = box.lengths();
  const std::vector<Vec3> centres = {box.lo(), box.lo() + L * 0.5, box.lo() + Vec3{0.25 * L.x, 0.7 * L.y, 0.1 * L.z},
                                     box.lo() + Vec3{0.9 * L.x, 0.5 * L.y, 0.99 * L.z}};
  Particles p;
  p.resize(centres.size() * per_cluster);
  for (std::size_t c = 0; c < centres.size(); ++c)
    for (std::size_t k = 0; k < per_cluster; ++k) {
      const std::size_t i = c * per_cluster + k;
      Rng rng(Stream::Generate, 18, seed, i);
      Vec3 r = centres[c] + Vec3{rng.uniform() - 0.5, rng.uniform() - 0.5, rng.uniform() - 0.5} * 6.0;
      box.wrap(r, p.image[i]);
      p.position[i] = r;
      p.type[i] = 1;
    }
  return p;
}

std::set<std::pair<std::size_t, std::size_t>> brute_force_pairs(const Particles& p, const Box& box, double r) {
  const auto shifts = NeighborList::shift_vectors(box);
  std::set<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      for (const Vec3& s : shifts)
        if (norm2(p.position[j] + s - p.position[i]) < r * r) out.insert({i, j});
  return out;
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(NeighborList, DiluteHugeBoxBuildsExactListInBoundedMemory) {
  const double cutoff = 2.5, skin = 0.3, r_list = cutoff + skin;
  const long rss0 = max_rss_kb();
  int case_no = 0;
  for (double side : {1e2, 1e3, 1e6, 1e8})
    for (double tilt : {0.0, 0.3}) {
      ++case_no;
      const Box box({-0.5 * side, 0, 3.0}, {side, side, side}, tilt * side);
      Particles p = dilute_clusters(box, 40, static_cast<std::uint64_t>(case_no));
      // The cap binds: without it the grid would have more than max_cells_for(N) cells.
      const CellCounts c = cell_counts(box.perpendicular_widths(), r_list, 1, max_cells_for(p.size()));
      EXPECT_TRUE(c.capped) << "side " << side;
      EXPECT_LE(static_cast<double>(c.n[0]) * c.n[1] * c.n[2], static_cast<double>(max_cells_for(p.size())));
      NeighborList list(cutoff, skin);
      list.set_sorting(true);
      list.build(p, box);
      const auto expected = brute_force_pairs(p, box, r_list);
      ASSERT_GT(expected.size(), 300u) << "the clusters must hold pairs";
      const auto shifts = NeighborList::shift_vectors(box);
      std::set<std::pair<std::size_t, std::size_t>> got;
      for (std::size_t i = 0; i < p.size(); ++i) {
        const auto js = list.neighbors(i);
        const auto codes = list.images(i);
        for (std::size_t k = 0; k < js.size(); ++k) {
          const auto j = static_cast<std::size_t>(js[k]);
          EXPECT_LT(norm2(p.position[j] + shifts[codes[k]] - p.position[i]), r_list * r_list);
          EXPECT_TRUE(got.insert({std::min(i, j), std::max(i, j)}).second) << "pair listed twice";
        }
      }
      EXPECT_EQ(got, expected) << "side " << side << " tilt " << tilt;
    }
  // O(N) memory: the eight builds together stay far below the ~1e10 cells of the uncapped 1e3 box alone.
  EXPECT_LT(max_rss_kb() - rss0, 256L * 1024) << "kB of peak memory added";
}

// The Monte Carlo cell grid caps its cells the same way and still finds every partner within the cut-off.
TEST(NeighborList, MonteCarloCellGridInDiluteHugeBox) {
  for (double side : {1e3, 1e7}) {
    const Box box({0, 0, 0}, {side, side, side}, 0.2 * side);
    const Particles p = dilute_clusters(box, 30, 7);
    const double cutoff = 2.5;
    CellGrid grid(box, cutoff);
    grid.build(p.position);
    const auto d = grid.dims();
    EXPECT_LE(static_cast<double>(d[0]) * d[1] * d[2], static_cast<double>(max_cells_for(p.size())));
    const auto expected = brute_force_pairs(p, box, cutoff);
    std::set<std::pair<std::size_t, std::size_t>> got;
    for (std::size_t i = 0; i < p.size(); ++i)
      grid.for_each_near(p.position[i], [&](std::size_t j) {
        if (j != i && norm2(box.min_image(p.position[j] - p.position[i])) < cutoff * cutoff)
          got.insert({std::min(i, j), std::max(i, j)});
      });
    EXPECT_EQ(got, expected) << "side " << side;
  }
}

}  // namespace
}  // namespace vitrum
