// Per-atom virials (they sum to the total, pair and EAM) and the frozen-matrix local yield stress: with every particle
// free it is global AQS and finds the same first event; a frozen matrix stiffens a region; bad options are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "test_helpers.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/local_yield.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

MinimizeOptions cg(double ftol) {
  MinimizeOptions m;
  m.method = "cg";
  m.ftol = ftol;
  return m;
}

// A KA glass quenched instantly from a random state: N = 500, minimised to 1e-10 (made once).
const System& quenched_ka_glass() {
  static const System glass = [] {
    System s = make_system(test::random_configuration("kob-andersen", 500, 7, 0.0), "kob-andersen", "ka500");
    EXPECT_TRUE(minimize(s, cg(1e-10)).converged);
    s.need_energy_virial = true;
    s.compute_forces();
    return s;
  }();
  return glass;
}

void expect_virials_sum_to_total(System& s, double tol) {
  s.need_energy_virial = true;
  const ForceResult total = s.compute_forces();
  const auto w = s.potential->per_atom_virials(s.cfg.particles, s.cfg.box, s.list);
  ASSERT_EQ(w.size(), s.size());
  double scale = 0;
  for (double v : total.virial) scale = std::max(scale, std::abs(v));
  for (int a = 0; a < 6; ++a) {
    double sum = 0;
    for (const Sym6& wi : w) sum += wi[a];
    EXPECT_NEAR(sum, total.virial[a], tol * scale) << "component " << a;
  }
}

TEST(PerAtomVirials, PairModelSumsToTheTotalInATiltedBox) {
  System s = make_system(test::random_configuration("kob-andersen", 400, 3, 0.2), "kob-andersen", "tilted");
  expect_virials_sum_to_total(s, 1e-12);
}

TEST(PerAtomVirials, EamSumsToTheTotal) {
  const std::filesystem::path file = "/usr/share/lammps/potentials/CuZr_mm.eam.fs";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "Debian lammps-data is not installed (scripts/install-deps installs it)";
  Configuration cfg = read_configuration(test::data_dir() / "eam" / "cuzr_tilt.data");
  System s = make_system(std::move(cfg), PotentialSpec{"eam/fs", {file}, {"Cu", "Zr"}}, "cuzr_tilt", 1.0);
  expect_virials_sum_to_total(s, 1e-12);
}

// A region larger than the box frees every particle: the loading is then the global AQS of run_aqs step for step, and
// the first local instability is run_aqs's first event (the same strain, the stress at it, the drop), to round-off.
TEST(LocalYield, RegionCoveringTheBoxIsGlobalAqsAndFindsItsFirstEvent) {
  const System& glass = quenched_ka_glass();
  LocalYieldOptions o;
  o.inner_radius = 2.0 * glass.box().lengths().x;
  o.dgamma = 1e-3;
  o.gamma_max = 0.1;
  o.drop_threshold = 1e-3;
  o.minimize = cg(1e-8);
  const LocalYieldSite site = local_yield(glass, glass.box().from_fractional({0.5, 0.5, 0.5}), o);
  ASSERT_TRUE(site.yielded);
  EXPECT_EQ(site.inner, glass.size());

  System g = glass.copy();
  AqsOptions a;
  a.dgamma = o.dgamma;
  a.gamma_max = site.gamma_c + 2 * o.dgamma;
  a.drop_threshold = o.drop_threshold;
  a.refine = false;
  a.minimize = o.minimize;
  const AqsResult r = run_aqs(g, a);
  ASSERT_FALSE(r.events.empty());
  const AqsEvent& first = r.events.front();
  EXPECT_NEAR(site.gamma_c, first.gamma_before, 1e-12);
  // After the instability both minimisations cross the same avalanche, where round-off in the order of the stress
  // sums (per-atom here, global there) can steer CG to a neighbouring minimum: the drop agrees closely, not exactly.
  EXPECT_NEAR(site.stress_drop, first.stress_drop, 1e-3 * first.stress_drop);
  std::printf("first event at gamma %.4f, drop %.5f, %lld force evaluations\n", site.gamma_c, site.stress_drop,
              static_cast<long long>(site.force_evaluations));
  EXPECT_NEAR(site.tau0, r.curve.front().stress_xy, 1e-9);
  for (const AqsPoint& pt : r.curve)
    if (std::abs(pt.gamma - first.gamma_before) < 1e-12) EXPECT_NEAR(site.tau_c, pt.stress_xy, 1e-9);
  EXPECT_GT(site.delta_tau, 0.0);
  EXPECT_GT(site.gamma_c, 0.0);
}

// Holding the matrix removes the relaxation of everything outside the region: its small-strain stress rise is
// steeper than the global one (and below the affine, Born limit that a region of one particle would approach).
TEST(LocalYield, FrozenMatrixStiffensTheRegion) {
  const System& glass = quenched_ka_glass();
  LocalYieldOptions o;
  o.dgamma = 2e-4;
  o.gamma_max = 2e-4;  // one step
  o.drop_threshold = 1.0;
  o.minimize = cg(1e-10);
  const Vec3 c = glass.box().from_fractional({0.5, 0.5, 0.5});
  o.inner_radius = 2.0 * glass.box().lengths().x;
  const LocalYieldSite whole = local_yield(glass, c, o);
  o.inner_radius = 3.0;
  const LocalYieldSite region = local_yield(glass, c, o);
  ASSERT_GT(region.inner, 50u);
  ASSERT_LT(region.inner, glass.size());
  const double g_whole = whole.delta_tau / o.dgamma, g_region = region.delta_tau / o.dgamma;
  EXPECT_GT(g_whole, 5.0);  // KA glass: G ≈ 10-15
  EXPECT_GT(g_region, g_whole);
}

// In a box much larger than the region only the particles within R_in + 1.5 r_c can act on it: dropping the rest
// changes nothing but the order of the force sums. Five elastic steps of a region of an N = 1500 KA solid (L = 10.8) (CG to
// 1e-3 from a random state: the frozen matrix need not be at a minimum), trimmed and whole.
TEST(LocalYield, TrimmingTheMatrixChangesOnlyRoundOff) {
  System s = make_system(test::random_configuration("kob-andersen", 1500, 11, 0.0), "kob-andersen", "ka1500");
  (void)minimize(s, cg(1e-3));
  LocalYieldOptions o;
  o.inner_radius = 2.5;
  o.dgamma = 1e-3;
  o.gamma_max = 5e-3;
  o.drop_threshold = 10.0;  // no event: compare the elastic loading
  o.minimize = cg(1e-8);
  const Vec3 c = s.box().from_fractional({0.3, 0.6, 0.4});
  const LocalYieldSite trimmed = local_yield(s, c, o);
  o.trim = false;
  const LocalYieldSite whole = local_yield(s, c, o);
  EXPECT_EQ(trimmed.inner, whole.inner);
  EXPECT_EQ(whole.particles, s.size());
  EXPECT_LT(trimmed.particles, s.size());  // the corners of the box were dropped
  EXPECT_NEAR(trimmed.tau0, whole.tau0, 1e-7);
  EXPECT_NEAR(trimmed.delta_tau, whole.delta_tau, 1e-6);
  EXPECT_GT(whole.force_evaluations, 0);
  EXPECT_NE(trimmed.delta_tau, 0.0);
}

TEST(LocalYield, BadOptionsAreRefused) {
  const System& glass = quenched_ka_glass();
  LocalYieldOptions o;
  o.minimize = cg(1e-10);
  const Vec3 c = glass.box().from_fractional({0.5, 0.5, 0.5});
  auto message = [&](LocalYieldOptions bad, Vec3 at) {
    try {
      (void)local_yield(glass, at, bad);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  LocalYieldOptions b = o;
  b.inner_radius = 0;
  EXPECT_NE(message(b, c).find("inner_radius"), std::string::npos);
  b = o;
  b.direction = 0;
  EXPECT_NE(message(b, c).find("direction"), std::string::npos);
  b = o;
  b.inner_radius = 1e-3;
  EXPECT_NE(message(b, c + Vec3{1e-4, 0, 0}).find("no particle"), std::string::npos);
  EXPECT_THROW((void)site_grid(glass.box(), {0, 1, 1}), Error);
  EXPECT_EQ(site_grid(glass.box(), {2, 3, 4}).size(), 24u);
}

}  // namespace
}  // namespace vitrum
