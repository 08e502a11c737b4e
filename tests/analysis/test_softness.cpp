// Softness (Cubuk et al. 2015): structure functions on arrangements with known sums, the linear SVM on separable data,
// the model file's round trip and its refusal of a configuration it does not fit.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "lattices.hpp"
#include "vitrum/analysis/softness.hpp"
#include "vitrum/analysis/softness_events.hpp"
#include "vitrum/analysis/structure_functions.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {
namespace {

// The Gaussian of structure_functions.hpp, truncated where it is: beyond 5 widths of the grid point.
double gauss(double x, double width) { return std::abs(x) <= 5 * width ? std::exp(-x * x / (2 * width * width)) : 0.0; }

// Two particles (types 1 and 2) at distance d in a box far larger than the cut-off: each sees one Gaussian at d in the
// block of the other's type and nothing in its own.
TEST(SoftnessStructureFunctions, TwoParticlesGiveOneGaussianAtTheirDistance) {
  const Box box({0, 0, 0}, {20, 20, 20});
  const double d = 1.37;
  const std::vector<Vec3> x{{5, 5, 5}, {5 + d / std::sqrt(3.0), 5 + d / std::sqrt(3.0), 5 + d / std::sqrt(3.0)}};
  const RadialGrid g;  // 0.4 .. 5.0 step 0.1, width 0.1
  const std::size_t n = g.count();
  ASSERT_EQ(n, 47u);
  const std::vector<double> f = radial_structure_functions(box, x, {1, 2}, 2, g);
  ASSERT_EQ(f.size(), 2 * 2 * n);
  for (std::size_t k = 0; k < n; ++k) {
    const double expect = gauss(d - g.r(k), g.width);
    EXPECT_NEAR(f[0 * 2 * n + 0 * n + k], 0.0, 1e-15) << k;     // particle 0, type-1 neighbours: none
    EXPECT_NEAR(f[0 * 2 * n + 1 * n + k], expect, 1e-12) << k;  // particle 0, type-2 neighbours: particle 1
    EXPECT_NEAR(f[1 * 2 * n + 0 * n + k], expect, 1e-12) << k;  // particle 1, type-1 neighbours: particle 0
    EXPECT_NEAR(f[1 * 2 * n + 1 * n + k], 0.0, 1e-15) << k;
  }
  // The peak sits at the grid point nearest d.
  EXPECT_NEAR(f[n + 10], 1.0 * gauss(d - 1.4, 0.1), 1e-12);
}

// One particle in a cubic box of side 3 (smaller than twice the cut-off 5.5): its own images are a simple cubic
// lattice, 6 at 3, 12 at 3√2, 8 at 3√3 within the cut-off, which the direct sum over images must find.
TEST(SoftnessStructureFunctions, OwnImagesInASmallBoxAreNeighbours) {
  const double a = 3.0;
  const Box box({0, 0, 0}, {a, a, a});
  const RadialGrid g;
  const std::vector<double> f = radial_structure_functions(box, {{1, 1, 1}}, {1}, 1, g);
  for (std::size_t k = 0; k < g.count(); ++k) {
    const double r = g.r(k);
    const double expect = 6 * gauss(a - r, g.width) + 12 * gauss(a * std::sqrt(2.0) - r, g.width) +
                          8 * gauss(a * std::sqrt(3.0) - r, g.width);
    EXPECT_NEAR(f[k], expect, 1e-12) << "r = " << r;
  }
}

// A random two-species configuration in a tilted box: the cell-list path and the direct sum over images agree.
TEST(SoftnessStructureFunctions, CellListAndDirectSumAgreeInATiltedBox) {
  Box box({-1, 2, 0}, {11, 10, 9}, 3.7);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Vec3> x;
  std::vector<int> t;
  for (int i = 0; i < 150; ++i) {
    x.push_back(box.from_fractional({u(rng), u(rng), u(rng)}));
    t.push_back(i % 4 == 0 ? 2 : 1);
  }
  RadialGrid g;
  g.r_max = 3.0;  // cut-off 3.5: the cell list applies (widths about 8.7 .. 10)
  const std::vector<std::size_t> some{0, 3, 17, 149};
  const auto cells = radial_structure_functions(box, x, t, 2, g, some);
  const auto direct = radial_structure_functions(box, x, t, 2, g, some, 3, true);
  ASSERT_EQ(cells.size(), direct.size());
  double largest = 0;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    EXPECT_NEAR(cells[k], direct[k], 1e-10) << k;
    largest = std::max(largest, cells[k]);
  }
  EXPECT_GT(largest, 0.5);  // something was counted
}

// Three particles forming a right angle at particle 0 (legs 1): Ψ(0) = e^{−4/ξ²} (cos θ = 0) and
// Ψ(1) = e^{−4/ξ²} (1 + λ/√2)^ζ (its bonds 1 and √2 at 45°, the third side 1), for every (ξ, λ, ζ) in order.
TEST(SoftnessStructureFunctions, AngularFunctionsOfARightAngle) {
  const Box box({0, 0, 0}, {20, 20, 20});
  const AngularSet a;  // xi 1, 1.5; lambda -1, 1; zeta 1, 2, 4, 16; cut-off 3.5
  const std::vector<double> f = angular_structure_functions(box, {{5, 5, 5}, {6, 5, 5}, {5, 6, 5}}, a);
  ASSERT_EQ(f.size(), 3 * a.count());
  std::size_t k = 0;
  for (double xi : a.xi)
    for (double lambda : a.lambda)
      for (int zeta : a.zeta) {
        const double g = std::exp(-4.0 / (xi * xi));
        EXPECT_NEAR(f[k], g, 1e-14) << k;
        EXPECT_NEAR(f[a.count() + k], g * std::pow(1 + lambda / std::sqrt(2.0), zeta), 1e-13) << k;
        EXPECT_NEAR(f[2 * a.count() + k], f[a.count() + k], 1e-13) << k;  // particle 2 mirrors particle 1
        ++k;
      }
  // Cell list and direct image sum agree in a tilted box.
  Box tilted({0, 0, 0}, {9, 8, 8.5}, -2.1);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Vec3> x;
  for (int i = 0; i < 120; ++i) x.push_back(tilted.from_fractional({u(rng), u(rng), u(rng)}));
  AngularSet small;
  small.cutoff = 2.5;  // widths about 7.6 .. 8.5: the cell list applies
  const auto cells = angular_structure_functions(tilted, x, small, {0, 5, 119});
  const auto direct = angular_structure_functions(tilted, x, small, {0, 5, 119}, 3, true);
  for (std::size_t i = 0; i < cells.size(); ++i) EXPECT_NEAR(cells[i], direct[i], 1e-10 * (1 + std::abs(direct[i]))) << i;
}

// Two linearly separable classes (margin 1 along a known direction u, in 6 features of different scales and offsets,
// 150 positives and 400 negatives): balanced to 150 + 150, every training point on its side, and the hyperplane's
// normal in raw feature units (w_k / sd_k) along u.
TEST(SoftnessSvm, SeparableDataAreSeparatedAlongTheirDirection) {
  const std::size_t f = 6;
  const std::vector<double> u0{1.0, -2.0, 0.5, 0.0, 3.0, -1.0}, scale{1, 2, 0.5, 3, 1, 10}, offset{0, 5, -2, 1, 0, 100};
  double un = 0;
  for (double v : u0) un += v * v;
  un = std::sqrt(un);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> gauss01(0, 1);
  std::vector<double> x;
  std::vector<int> y;
  std::size_t pos = 0, neg = 0;
  while (pos < 150 || neg < 400) {
    std::vector<double> row(f);
    double proj = 0;
    for (std::size_t k = 0; k < f; ++k) {
      row[k] = offset[k] + scale[k] * gauss01(rng);
      proj += (row[k] - offset[k]) * u0[k] / un;
    }
    if (std::abs(proj) < 0.5) continue;  // the gap
    const int label = proj > 0 ? 1 : -1;
    if ((label == 1 && pos == 150) || (label == -1 && neg == 400)) continue;
    (label == 1 ? pos : neg)++;
    x.insert(x.end(), row.begin(), row.end());
    y.push_back(label);
  }
  SvmOptions o;
  o.c_grid = {0.1, 1.0, 100.0};
  const LinearClassifier c = train_linear_svm(x, f, y, o);
  EXPECT_EQ(c.positives, 150u);
  EXPECT_EQ(c.negatives, 150u);
  EXPECT_GT(c.cv_accuracy, 0.97);
  std::size_t right = 0;
  for (std::size_t i = 0; i < y.size(); ++i) right += (c.distance(&x[i * f]) > 0) == (y[i] == 1);
  EXPECT_EQ(right, y.size());  // the unused negatives too
  double dot = 0, wn = 0;
  for (std::size_t k = 0; k < f; ++k) {
    const double w = c.w[k] / c.sd[k];
    dot += w * u0[k] / un;
    wn += w * w;
  }
  EXPECT_GT(dot / std::sqrt(wn), 0.98);
}

TEST(SoftnessSvm, RefusesTooFewSamples) {
  const std::vector<double> x{0, 1, 2, 3};
  EXPECT_THROW((void)train_linear_svm(x, 1, {1, 1, -1, -1}, SvmOptions{}), Error);
}

SoftnessModel small_model() {
  SoftnessModel m;
  m.type_count = 2;
  m.grid.r_max = 2.0;  // 17 points per species
  const std::size_t f = m.feature_count();
  LinearClassifier c;
  for (std::size_t k = 0; k < f; ++k) {
    c.mean.push_back(0.1 * static_cast<double>(k));
    c.sd.push_back(1.0 + 0.01 * static_cast<double>(k));
    c.w.push_back(std::sin(static_cast<double>(k)));
  }
  c.b = 0.25;
  m.has_classifier = {true, false};
  m.classifiers = {c, LinearClassifier{}};
  m.labels = {{"rearranging", 0.5}};
  return m;
}

// With and without the angular functions (16 more features, weights on them too).
class SoftnessModelRoundTrip : public ::testing::TestWithParam<bool> {};

TEST_P(SoftnessModelRoundTrip, GivesTheSameSoftness) {
  SoftnessModel m = small_model();
  if (GetParam()) {
    m.use_angular = true;
    for (std::size_t k = 0; k < m.angular.count(); ++k) {
      m.classifiers[0].mean.push_back(0.5);
      m.classifiers[0].sd.push_back(2.0);
      m.classifiers[0].w.push_back(0.3 * std::cos(static_cast<double>(k)));
    }
  }
  const auto path = std::filesystem::temp_directory_path() / "vitrum_softness_model_test.json";
  write_softness_model(path, m);
  const SoftnessModel r = read_softness_model(path);
  std::filesystem::remove(path);
  Configuration cfg;
  cfg.box = Box({0, 0, 0}, {8, 8, 8}, 1.0);
  cfg.type_count = 2;
  cfg.particles.resize(3);
  cfg.particles.position = {{1, 1, 1}, {2, 1.5, 1}, {1, 2.2, 1.3}};
  cfg.particles.type = {1, 2, 1};
  const auto a = predict_softness(m, cfg), b = predict_softness(r, cfg);
  ASSERT_EQ(a.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    if (cfg.particles.type[i] == 2) {
      EXPECT_TRUE(std::isnan(a[i]) && std::isnan(b[i]));  // no hyperplane for type 2
      continue;
    }
    EXPECT_TRUE(std::isfinite(a[i]));
    EXPECT_EQ(a[i], b[i]);
  }
  EXPECT_EQ(r.labels, m.labels);
  EXPECT_EQ(r.use_angular, GetParam());
  EXPECT_EQ(r.feature_count(), GetParam() ? 50u : 34u);
}
INSTANTIATE_TEST_SUITE_P(SoftnessModelFile, SoftnessModelRoundTrip, ::testing::Bool());

TEST(SoftnessModelFile, MismatchedModelIsRefusedWithOneLine) {
  const SoftnessModel m = small_model();
  Configuration cfg;
  cfg.type_count = 3;
  try {
    check_model_fits(m, "model.json", cfg, "lj", "glass.data");
    FAIL() << "a 3-type configuration passed a 2-type model";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "model.json: model has 2 particle types, but glass.data has 3");
  }
  cfg.type_count = 2;
  EXPECT_NO_THROW(check_model_fits(m, "model.json", cfg, "lj", "glass.data"));
  try {
    check_model_fits(m, "model.json", cfg, "metal", "glass.data");
    FAIL() << "metal units passed an lj model";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "model.json: model trained in lj units, but glass.data is in metal units");
  }
  nlohmann::json j = to_json(m);
  j["version"] = 99;
  EXPECT_THROW((void)softness_model_from_json(j, "m.json"), Error);
  j = to_json(m);
  j["classifiers"][0]["weights"].erase(0);
  try {
    (void)softness_model_from_json(j, "m.json");
    FAIL() << "a short weight vector was read";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "m.json: classifier of type 1: mean, sd and weights need 34 entries each");
  }
}

// Three recorded events on an fcc crystal (256 particles): in the first, particle 0 hops by 0.6 while the rest follow
// the step's affine shear; the second, 0.02 later in strain, moves nothing; the third moves every particle at random.
// Labels: particle 0 rearranges in the first event; particles far from it stay quiet through the window (the affine
// strain between the states is no D²min: the index's strains are used); the third event is box-spanning (max_fraction)
// and the second's window runs past the last event: no labels in either.
TEST(SoftnessLabels, EventHopAndQuietWindowFromRecordedEvents) {
  const test::Lattice lat = test::fcc(4, 1.6);
  Configuration base;
  base.box = lat.box;
  base.type_count = 1;
  base.type_masses = {1.0};
  base.particles.resize(lat.positions.size());
  base.particles.position = lat.positions;
  for (std::size_t i = 0; i < lat.positions.size(); ++i) {
    base.particles.id[i] = static_cast<std::int64_t>(i + 1);
    base.particles.type[i] = 1;
    base.particles.mass[i] = 1.0;
    base.particles.image[i] = {0, 0, 0};
  }
  // The state at strain g: affinely sheared (x += g·(y − ylo)) in a box of tilt g·Ly, plus per-particle moves.
  auto state = [&](double g, const std::vector<Vec3>& move) {
    Configuration c = base;
    c.box.set_xy(g * c.box.lengths().y);
    for (std::size_t i = 0; i < c.particles.size(); ++i) {
      Vec3& x = c.particles.position[i];
      x.x += g * (x.y - c.box.lo().y);
      x += move[i];
      c.box.wrap(x, c.particles.image[i]);
    }
    return c;
  };
  const std::size_t n = base.particles.size();
  std::vector<Vec3> none(n, Vec3{0, 0, 0}), hop = none, noise(n);
  hop[0] = {0.6, 0.0, 0.0};
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-0.3, 0.3);
  for (Vec3& v : noise) v = {u(rng), u(rng), u(rng)};
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_softness_labels_test";
  std::filesystem::create_directories(dir);
  const double g[3][2] = {{0.010, 0.0105}, {0.030, 0.0305}, {0.031, 0.0315}};
  std::ofstream index(dir / "index.csv");
  index << "event,strain_before,strain_after,stress_drop,before,after\n";
  for (int k = 0; k < 3; ++k) {
    write_configuration(dir / fmt::format("b{}.data", k), state(g[k][0], none));
    write_configuration(dir / fmt::format("a{}.data", k), state(g[k][1], k == 0 ? hop : k == 2 ? noise : none));
    index << fmt::format("{},{},{},0.01,b{}.data,a{}.data\n", k, g[k][0], g[k][1], k, k);
  }
  index.close();
  const std::vector<AqsEventRecord> events = read_event_index(dir);
  ASSERT_EQ(events.size(), 3u);
  EventLabelOptions o;  // rearranging 2.0, quiet 0.05, window 0.01, max_fraction 0.1, cut-off 2.5
  const std::vector<LabelledEvent> labelled = label_events(events, o);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(labelled.size(), 3u);
  const LabelledEvent& e = labelled[0];
  EXPECT_EQ(e.label[0], 1);
  EXPECT_GT(e.d2min[0], o.rearranging);
  // The farthest particle from particle 0 (minimum image) is quiet: its D²min is round-off.
  std::size_t far = 1;
  double far_d = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const double d = norm2(e.before.box.min_image(e.before.particles.position[i] - e.before.particles.position[0]));
    if (d > far_d) far_d = d, far = i;
  }
  EXPECT_EQ(e.label[far], -1);
  EXPECT_LT(e.d2min[far], 1e-12);
  EXPECT_GT(e.quiet, n / 2);
  EXPECT_LT(e.rearranging, 13u);  // the hopper and at most its shell
  EXPECT_EQ(labelled[1].rearranging + labelled[1].quiet, 0u);  // window past the last event
  EXPECT_TRUE(labelled[2].spanning);
  EXPECT_EQ(labelled[2].rearranging + labelled[2].quiet, 0u);
}

}  // namespace
}  // namespace vitrum::analysis
