// Voronoi (voro++): volume sum = box volume (also tilted), lattice indices, icosahedral centre, local order vs annealing.
#include <gtest/gtest.h>
#include <voro++.hh>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "lattices.hpp"
#include "vitrum/core/error.hpp"
#include "test_helpers.hpp"
#include "vitrum/analysis/voronoi.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {
namespace {

std::vector<double> ka_radii(const Configuration& cfg) {
  std::vector<double> r;
  for (int t : cfg.particles.type) r.push_back(t == 1 ? 0.5 : 0.44);  // σ_AA/2, σ_BB/2
  return r;
}

TEST(Voronoi, VolumesSumToBoxVolume) {
  for (double tilt : {0.0, 0.3, -0.45}) {
    const Configuration cfg = test::random_configuration("kob-andersen", 1000, 11, tilt);
    for (bool radical : {false, true}) {
      analysis::Voronoi v;
      v.compute(cfg.box, cfg.particles.position, radical ? ka_radii(cfg) : std::vector<double>{});
      EXPECT_NEAR(v.volume_sum() / cfg.box.volume(), 1.0, 1e-10) << "tilt " << tilt << " radical " << radical;
      for (double vol : v.volumes()) EXPECT_GT(vol, 0.0);
      // Face neighbours are mutual, and their face areas agree.
      const auto& nb = v.neighbors();
      for (std::size_t i = 0; i < 50; ++i)
        for (std::size_t k = nb.offset[i]; k < nb.offset[i + 1]; ++k) {
          const auto j = static_cast<std::size_t>(nb.index[k]);
          bool found = false;
          for (std::size_t m = nb.offset[j]; m < nb.offset[j + 1]; ++m)
            if (static_cast<std::size_t>(nb.index[m]) == i && std::abs(nb.weight[m] - nb.weight[k]) < 1e-9) found = true;
          EXPECT_TRUE(found) << i << " " << j;
        }
    }
  }
}

TEST(Voronoi, PolydisperseRadicalVolumesSumToBoxVolume) {
  const Configuration cfg = test::random_configuration("polydisperse-ss", 800, 5, 0.2);
  std::vector<double> radii;
  for (double d : cfg.particles.diameter) radii.push_back(0.5 * d);
  analysis::Voronoi v;
  v.compute(cfg.box, cfg.particles.position, radii);
  EXPECT_NEAR(v.volume_sum() / cfg.box.volume(), 1.0, 1e-10);
}

TEST(Voronoi, LatticeIndices) {
  // Degenerate vertices of perfect lattices split into tiny faces; the relative threshold drops them.
  analysis::Voronoi v(1e-3);
  const auto f = test::fcc(4, 1.5);
  v.compute(f.box, f.positions);
  for (const auto& idx : v.indices()) EXPECT_EQ(idx.str(), "<0,12,0,0>");
  EXPECT_NEAR(v.volumes()[0], 1.5 * 1.5 * 1.5 / 4, 1e-12);
  const auto b = test::bcc(4, 1.2);
  v.compute(b.box, b.positions);
  for (const auto& idx : v.indices()) EXPECT_EQ(idx.str(), "<0,6,0,8>");
  for (const auto& [index, fraction] : analysis::top_indices(v.indices(), 3)) {
    EXPECT_EQ(index, "<0,6,0,8>");
    EXPECT_DOUBLE_EQ(fraction, 1.0);
  }
}

TEST(Voronoi, IcosahedronCentre) {
  const auto ico = test::icosahedron(1.0, 6.0);
  analysis::Voronoi v;
  v.compute(ico.box, ico.positions);
  EXPECT_TRUE(v.indices()[0].icosahedral()) << v.indices()[0].str();
  EXPECT_EQ(v.neighbors().count(0), 12u);
}

TEST(Voronoi, RejectsBadInput) {
  EXPECT_THROW(analysis::Voronoi(-0.1), Error);
  const auto f = test::fcc(2, 1.0);
  analysis::Voronoi v;
  EXPECT_THROW(v.compute(f.box, f.positions, std::vector<double>(3, 0.5)), Error);
}

// A long thin cell with a small tilt (500 x 6 x 6, xy ~ 20 Ly^2 / Lx = 1.44) makes voro++ exit(2) with "Periodic cell
// computation failed": its unit cell needs more than 19 image shells. Voronoi refuses exactly those boxes: across tilts
// on both sides of that band it throws where voro++'s own unitcell dies (a death test) and not where it lives. Near the
// band voro++ also returns wrong tilings without a word (cells that overlap or leave gaps); those are refused too.
TEST(Voronoi, RefusesTheCellsVoroExitsOnOrMistiles) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Vec3> pos;
  for (int i = 0; i < 200; ++i) pos.push_back({500 * u(rng), 6 * u(rng), 6 * u(rng)});
  int exits = 0, mistiled = 0;
  std::vector<double> refused;
  for (int k = 0; k <= 40; ++k) {
    const double xy = 0.05 * k;
    const Box box({0, 0, 0}, {500, 6, 6}, xy);
    analysis::Voronoi v;
    try {
      v.compute(box, pos);
      EXPECT_NEAR(v.volume_sum() / box.volume(), 1.0, 1e-10) << "xy " << xy;
      EXPECT_EXIT((voro::unitcell(500, xy, 6, 0, 0, 6), std::exit(0)), testing::ExitedWithCode(0), "") << "xy " << xy;
    } catch (const Error& e) {
      refused.push_back(xy);
      const std::string what = e.what();
      if (what.find("is too long and thin for voro++") != std::string::npos) {
        ++exits;
        EXPECT_EXIT(voro::unitcell(500, xy, 6, 0, 0, 6), testing::ExitedWithCode(2), "Periodic cell computation failed")
            << "xy " << xy;
      } else {
        ++mistiled;
        EXPECT_NE(what.find("of the box volume instead of all of it"), std::string::npos) << what;
        EXPECT_EXIT((voro::unitcell(500, xy, 6, 0, 0, 6), std::exit(0)), testing::ExitedWithCode(0), "") << "xy " << xy;
      }
    }
  }
  EXPECT_EQ(exits, 4);      // xy = 1.35 ... 1.5
  EXPECT_GE(mistiled, 1);  // measured with voro++ 0.4.6: xy = 0.35, whose cells overlap by 1.2e-5 of the box
  // The remedy the messages give: the box replicated along y (the tilt grows with it) to Lx/Ly = 500/24 tiles.
  for (double xy : refused) {
    std::vector<Vec3> copies;
    for (int c = 0; c < 4; ++c)
      for (const Vec3& r : pos) copies.push_back({r.x + c * xy, r.y + c * 6, r.z});
    const Box replicated({0, 0, 0}, {500, 24, 6}, 4 * xy);
    analysis::Voronoi v;
    v.compute(replicated, copies);
    EXPECT_NEAR(v.volume_sum() / replicated.volume(), 1.0, 1e-10) << "xy " << xy;
  }
}

// Inherent structures (IS) of a Kob–Andersen N = 1000 liquid quenched from T = 2.0 and from the equilibrated
// T = 0.6 liquid: 8 of each (seeds 1 and 2, samples 0, 2, 4, 6 of validation/analysis/make_recipes.py; the
// snapshots of one run are >= 3 tau_alpha apart). Stored with positions rounded to 1e-7 and minimised again here.
// Expected per state: e_IS and the counts of <0,0,12,0> around A and <0,2,8,0> around B, measured by
// `vitrum analyze --compute voronoi` on the full-precision files (validation/analysis/local_order.py).
// The annealed states have a lower e_IS and more of KA's locally favoured structure, the B-centred <0,2,8,0>
// twisted bicapped square prism (Coslovich & Pastore, JCP 127, 124504 (2007)), and more pentagonal faces
// around A. Full icosahedra around A do not grow (validation/analysis/README.md: ~0.6 % from T = 2.0 to 0.55,
// 0.35 % after slow cooling), so their fraction is printed, not asserted.
struct StoredIs {
  const char* file;
  double e_is;
  int ico_a;    // A particles with <0,0,12,0>
  int lfs_b;    // B particles with <0,2,8,0>
};
constexpr StoredIs kQuenched[] = {
    {"ka1000-is-T2-s1-0.data", -7.5481408583, 3, 12}, {"ka1000-is-T2-s1-2.data", -7.5634329235, 2, 27},
    {"ka1000-is-T2-s1-4.data", -7.5415789187, 5, 13}, {"ka1000-is-T2-s1-6.data", -7.5533194723, 6, 29},
    {"ka1000-is-T2-s2-0.data", -7.5495933904, 3, 24}, {"ka1000-is-T2-s2-2.data", -7.5547637927, 4, 35},
    {"ka1000-is-T2-s2-4.data", -7.5528928541, 5, 17}, {"ka1000-is-T2-s2-6.data", -7.5588473078, 4, 33}};
constexpr StoredIs kAnnealed[] = {
    {"ka1000-is-T0.6-s1-0.data", -7.6007766194, 5, 33}, {"ka1000-is-T0.6-s1-2.data", -7.5973563319, 5, 32},
    {"ka1000-is-T0.6-s1-4.data", -7.5951075878, 5, 30}, {"ka1000-is-T0.6-s1-6.data", -7.5904790746, 5, 32},
    {"ka1000-is-T0.6-s2-0.data", -7.5930047149, 4, 36}, {"ka1000-is-T0.6-s2-2.data", -7.5979496219, 5, 27},
    {"ka1000-is-T0.6-s2-4.data", -7.6076933295, 3, 32}, {"ka1000-is-T0.6-s2-6.data", -7.5825926519, 6, 30}};

struct Sample {
  std::vector<double> e_is, ico_a, lfs_b, f5_a;
  static std::pair<double, double> mean_se(const std::vector<double>& x) {
    double m = 0, v = 0;
    for (double a : x) m += a / static_cast<double>(x.size());
    for (double a : x) v += (a - m) * (a - m) / static_cast<double>(x.size() - 1);
    return {m, std::sqrt(v / static_cast<double>(x.size()))};
  }
};

Sample analyse_stored(const StoredIs* states, std::size_t n) {
  Sample out;
  for (std::size_t k = 0; k < n; ++k) {
    const StoredIs& st = states[k];
    System s = make_system(read_configuration(test::data_dir() / "analysis" / st.file), "kob-andersen", st.file);
    MinimizeOptions opt;
    opt.method = "cg";
    opt.ftol = 1e-8;
    const auto r = minimize(s, opt);
    EXPECT_LT(r.fmax, 1e-8) << st.file;
    const double n_total = static_cast<double>(s.particles().size());
    // The rounding moved the atoms by <= 5e-8: the same minimum comes back.
    EXPECT_NEAR(r.energy / n_total, st.e_is, 1e-8) << st.file;
    analysis::Voronoi v;
    v.compute(s.box(), s.particles().position, ka_radii(s.cfg));
    int na = 0, nb = 0, ico = 0, lfs = 0;
    double pent = 0, faces = 0;
    for (std::size_t i = 0; i < v.indices().size(); ++i) {
      const auto& idx = v.indices()[i];
      if (s.particles().type[i] == 1) {
        ++na;
        if (idx.icosahedral()) ++ico;
        pent += idx.n[2];
        faces += idx.n[0] + idx.n[1] + idx.n[2] + idx.n[3];
      } else {
        ++nb;
        if (idx.n == std::array<int, 4>{0, 2, 8, 0} && idx.larger == 0) ++lfs;
      }
    }
    EXPECT_EQ(na, 800);
    EXPECT_NEAR(ico, st.ico_a, 1) << st.file;  // ±1: a near-degenerate vertex may resolve differently
    EXPECT_NEAR(lfs, st.lfs_b, 1) << st.file;
    EXPECT_NEAR(analysis::icosahedral_fraction(v.indices(), s.particles().type, 1), ico / 800.0, 1e-15);
    out.e_is.push_back(r.energy / n_total);
    out.ico_a.push_back(ico / static_cast<double>(na));
    out.lfs_b.push_back(lfs / static_cast<double>(nb));
    out.f5_a.push_back(pent / faces);
  }
  return out;
}

// Difference of the means (annealed − quenched) in units of its standard error.
double z_score(const std::vector<double>& quenched, const std::vector<double>& annealed) {
  const auto [m0, s0] = Sample::mean_se(quenched);
  const auto [m1, s1] = Sample::mean_se(annealed);
  std::printf("    %.4f +- %.4f -> %.4f +- %.4f  (%+.1f SE)\n", m0, s0, m1, s1, (m1 - m0) / std::hypot(s0, s1));
  return (m1 - m0) / std::hypot(s0, s1);
}

TEST(Voronoi, LocallyFavouredStructureGrowsWithAnnealing) {
  const Sample q = analyse_stored(kQuenched, std::size(kQuenched));
  const Sample a = analyse_stored(kAnnealed, std::size(kAnnealed));
  std::printf("e_IS:\n");
  EXPECT_LT(z_score(q.e_is, a.e_is), -8.0);      // measured -12.1
  std::printf("B-centred <0,2,8,0> fraction:\n");
  EXPECT_GT(z_score(q.lfs_b, a.lfs_b), 2.0);      // measured +2.4 (0.119 -> 0.157)
  std::printf("fraction of pentagonal faces around A:\n");
  EXPECT_GT(z_score(q.f5_a, a.f5_a), 2.5);        // measured +3.1 (0.475 -> 0.490)
  std::printf("A-centred <0,0,12,0> fraction (no assertion on the trend):\n");
  z_score(q.ico_a, a.ico_a);
}

}  // namespace
}  // namespace vitrum
