// Ternary screening: grid and system counts, thread invariance, and the known Cu–Zr–Al glass region.
#include <gtest/gtest.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/dataset.hpp"
#include "vitrum/gfa/model.hpp"
#include "vitrum/gfa/periodic_table.hpp"
#include "vitrum/gfa/random_forest.hpp"
#include "vitrum/gfa/screening.hpp"

using namespace vitrum::gfa;

TEST(GfaScreening, GridAndSystemCounts) {
  EXPECT_EQ(ternary_grid(100).size(), 5151u);
  std::vector<int> thirty;
  for (int z = 20; z < 50; ++z) thirty.push_back(z);
  EXPECT_EQ(all_ternaries(thirty).size(), 4060u);
  EXPECT_THROW(all_ternaries({29, 40}), vitrum::Error);
  EXPECT_THROW(all_ternaries({29, 40, 29}), vitrum::Error);
  EXPECT_EQ((TernarySystem{{13, 29, 40}}.name()), "Al-Cu-Zr");
}

TEST(GfaScreening, CuZrAlGlassRegionNearCu50Zr45Al5) {
  const auto dir = resolve_data_dir(VITRUM_GFA_TEST_DATA);
  const auto data = ElementData::load(dir);
  const Featurizer f(data);
  const auto ward = load_ward2016_glass(dir);
  ForestParams p;
  p.trees = 20;
  const auto forest = RandomForest::train(featurize(f, ward.comps), ward.y, p);
  const std::vector<TernarySystem> sys{{{13, 29, 40}}, {{13, 28, 29}}};
  std::vector<double> cuzral;
  const auto a = screen_ternaries(sys, 100, f, forest, 1, [&](const TernarySystem& s, const std::vector<double>& pg) {
    if (s.name() == "Al-Cu-Zr") cuzral = pg;
  });
  const auto b = screen_ternaries(sys, 100, f, forest, 2);
  for (std::size_t s = 0; s < sys.size(); ++s) {
    EXPECT_EQ(a.systems[s].max_p, b.systems[s].max_p);
    EXPECT_EQ(a.systems[s].glass_fraction, b.systems[s].glass_fraction);
  }
  const auto grid = ternary_grid(100);
  auto at = [&](int al, int cu, int zr) {
    for (std::size_t g = 0; g < grid.size(); ++g)
      if (grid[g].i == al && grid[g].j == cu && grid[g].k == zr) return cuzral[g];
    ADD_FAILURE();
    return -1.0;
  };
  ASSERT_EQ(cuzral.size(), 5151u);
  EXPECT_GT(at(5, 50, 45), 0.7);   // Cu50Zr45Al5: a known bulk glass former
  EXPECT_LT(at(90, 5, 5), 0.5);    // Al-rich corner: crystalline
  EXPECT_LT(at(0, 95, 5), 0.5);    // Cu-rich corner: crystalline
  // An element without criteria data (H): the worker thread's error reaches the caller (it aborted before).
  EXPECT_THROW((void)screen_ternaries({TernarySystem{{1, 29, 40}}, TernarySystem{{13, 29, 40}}}, 10, f, forest, 2),
               vitrum::Error);
}
