// EPM block dynamics: stress conservation under both q = 0 conventions, recovery, threshold draws and renewal.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/meso/epm_model.hpp"
#include "vitrum/meso/quasistatic_driver.hpp"

namespace vitrum::meso {
namespace {

EpmParameters small_2d() {
  EpmParameters p;
  p.lattice = {2, 32};
  p.thresholds.kind = ThresholdDistribution::Kind::Gaussian;
  p.thresholds.mean = 1.0;
  p.thresholds.std = 0.2;
  return p;
}

TEST(EpmModel, StrainControlLowersMeanStressByDropOverN) {
  EpmModel m(small_2d(), LoadControl::Strain);
  m.load(0.7);
  const double n = static_cast<double>(m.sites());
  const double before = m.mean_stress();
  const std::size_t site = 100;
  const double drop = m.event_stress_drop(site);
  EXPECT_NEAR(drop, 0.7, 1e-15);  // recovery 1, no noise: back to zero
  m.fail_one(site);
  EXPECT_NEAR(m.stress()[site], 0.0, 1e-12);
  EXPECT_NEAR(m.mean_stress(), before - drop / n, 1e-13);
  // Macroscopic Hooke's law with the plastic strain of the event, drop / (2 mu).
  EXPECT_NEAR(m.mean_stress(), 2.0 * (m.strain() - m.mean_plastic_strain()), 1e-13);
  EXPECT_NEAR(m.plastic_strain()[site], drop / 2.0, 1e-15);
}

TEST(EpmModel, StressControlConservesMeanStress) {
  EpmModel m(small_2d(), LoadControl::Stress);
  m.load(0.5);
  const double before = m.mean_stress();
  m.fail_one(7);
  m.fail_many({3, 500, 901});
  EXPECT_NEAR(m.mean_stress(), before, 1e-13);
  EXPECT_LT(std::abs(m.stress()[7]), 0.1);    // relaxed, plus small kicks from the later events
  EXPECT_LT(std::abs(m.stress()[500]), 0.1);  // relaxed, plus small kicks from the other two
}

TEST(EpmModel, SequentialRealSpaceAndSynchronousFftUpdatesAgree) {
  for (int dim : {2, 3}) {
    EpmParameters p = small_2d();
    p.lattice = {dim, dim == 2 ? 32 : 12};
    p.stress_noise = 0.05;
    EpmModel a(p, LoadControl::Strain), b(p, LoadControl::Strain);
    a.load(0.3);
    b.load(0.3);
    // One event at a time: the real-space kernel and the FFT convolution are the same linear map.
    for (std::size_t site : {5ul, 77ul, 300ul}) {
      a.fail_one(site);
      b.fail_many({site});
      for (std::size_t j = 0; j < a.sites(); ++j) ASSERT_NEAR(a.stress()[j], b.stress()[j], 1e-12) << j;
      EXPECT_EQ(a.thresholds()[site], b.thresholds()[site]);
    }
  }
}

// A synchronous step takes every drop from the stresses before the step, then propagates them together: by the
// real-space kernel for a few sites, by one FFT convolution for more. Both paths against the explicit sum.
TEST(EpmModel, SynchronousStepPropagatesAllDropsFromTheStressesBefore) {
  for (int dim : {2, 3}) {
    EpmParameters p = small_2d();
    p.lattice = {dim, dim == 2 ? 32 : 12};
    p.stress_noise = 0.05;
    for (std::size_t count : {3ul, EpmModel::kRealSpaceEvents + 5}) {
      EpmModel m(p, LoadControl::Strain);
      m.load(0.4);
      std::vector<std::size_t> sites;
      for (std::size_t k = 0; k < count; ++k) sites.push_back((k * 37 + 11) % m.sites());
      std::vector<double> expected = m.stress();
      const auto& g = m.propagator().real_space_kernel();
      const auto& lat = m.lattice();
      for (std::size_t i : sites) {
        const double drop = m.event_stress_drop(i);
        const auto [xi, yi, zi] = lat.coords(i);
        for (std::size_t j = 0; j < m.sites(); ++j) {
          const auto [xj, yj, zj] = lat.coords(j);
          expected[j] += drop * g[lat.index(xj - xi, yj - yi, zj - zi)];
        }
      }
      m.fail_many(sites);
      for (std::size_t j = 0; j < m.sites(); ++j) ASSERT_NEAR(m.stress()[j], expected[j], 1e-12) << count << " " << j;
      for (std::size_t i : sites) EXPECT_EQ(m.failures()[i], 1u);
    }
  }
}

// The threaded event update splits rows between threads and compares their worst sites in row order, so the
// trajectory is bit for bit the one of a single thread (each site's update is the same operation either way).
TEST(EpmModel, TwoThreadsGiveTheSameTrajectoryBitForBit) {
  EpmParameters p = small_2d();
  p.lattice = {2, 256};  // 65536 sites: at the threading threshold
  p.stress_noise = 0.05;
  ASSERT_GE(p.lattice.sites(), kThreadedSites);
  EpmParameters p2 = p;
  p2.threads = 2;
  EpmModel a(p, LoadControl::Strain), b(p2, LoadControl::Strain);
  QuasistaticDriver da(a, UpdateRule::Sequential), db(b, UpdateRule::Sequential);
  a.load(0.45);  // far below the mean threshold: small avalanches first
  b.load(0.45);
  std::uint64_t events = 0;
  for (int k = 0; k < 40; ++k) {
    const auto x = da.step(+1, 10.0), y = db.step(+1, 10.0);
    ASSERT_EQ(x.size, y.size) << k;
    events += x.size;
  }
  EXPECT_GT(events, 100u);  // and avalanches of more than one event
  EXPECT_EQ(a.stress(), b.stress());
  EXPECT_EQ(a.thresholds(), b.thresholds());
  EXPECT_EQ(a.weakest(+1), b.weakest(+1));
  EXPECT_EQ(a.weakest(-1), b.weakest(-1));
}

// weakest() is the next site to fail under extremal loading: the first site with the smallest s_i -/+ sigma_i.
// After a real-space event it comes from that event's pass; it must equal a plain scan.
TEST(EpmModel, WeakestSiteIsTheFirstSmallestDistanceToThreshold) {
  for (int threads : {1, 2}) {
    EpmParameters p = small_2d();
    p.lattice = {2, 256};
    p.threads = threads;
    p.stress_noise = 0.05;
    EpmModel m(p, LoadControl::Strain);
    m.load(0.5);
    auto scan = [&](double sign) {
      std::pair<double, std::size_t> best{INFINITY, 0};
      for (std::size_t i = 0; i < m.sites(); ++i)
        if (m.thresholds()[i] - sign * m.stress()[i] < best.first) best = {m.thresholds()[i] - sign * m.stress()[i], i};
      return best;
    };
    for (std::size_t site : {3ul, 4000ul, 65000ul}) {
      m.fail_one(site);
      EXPECT_EQ(m.weakest(+1), scan(+1.0)) << "after event at " << site;  // from the event's own pass
      EXPECT_EQ(m.weakest(-1), scan(-1.0));
    }
    m.set_stress(17, -5.0);  // a direct change invalidates what the last pass found
    EXPECT_EQ(m.weakest(-1), scan(-1.0));
    EXPECT_EQ(m.weakest(-1).second, 17u);
    m.fail_many({10, 20, 30, 40, 50, 60, 70, 80, 90, 100});  // FFT path
    EXPECT_EQ(m.weakest(+1), scan(+1.0));
  }
}

TEST(EpmModel, RecoveryRelaxesTheGivenFractionOfLocalStress) {
  EpmParameters p = small_2d();
  p.recovery = 0.4;
  EpmModel m(p, LoadControl::Strain);
  m.load(1.0);
  m.fail_one(10);
  EXPECT_NEAR(m.stress()[10], 0.6, 1e-12);
}

TEST(EpmModel, ThresholdsAreRenewedAfterAnEventAndReproducible) {
  EpmModel a(small_2d(), LoadControl::Strain), b(small_2d(), LoadControl::Strain);
  const double old = a.thresholds()[42];
  a.load(0.5);
  a.fail_one(42);
  EXPECT_NE(a.thresholds()[42], old);
  EXPECT_EQ(a.failures()[42], 1u);
  b.load(0.5);
  b.fail_one(42);
  EXPECT_EQ(a.thresholds()[42], b.thresholds()[42]);  // counter-based: same seed, same draw
  EXPECT_EQ(a.stress(), b.stress());
}

TEST(ThresholdDistribution, WeibullAndGaussianMoments) {
  ThresholdDistribution w;
  w.kind = ThresholdDistribution::Kind::Weibull;
  w.shape = 2.0;
  w.scale = 1.5;
  ThresholdDistribution g;
  g.kind = ThresholdDistribution::Kind::Gaussian;
  g.mean = 1.0;
  g.std = 0.1;
  g.minimum = 0.5;
  const int n = 200000;
  double sw = 0, sw2 = 0, sg = 0, sg2 = 0, gmin = 1e9;
  for (int i = 0; i < n; ++i) {
    Rng r1(Stream::EpmThreshold, 9, 0, i, 0), r2(Stream::EpmThreshold, 9, 1, i, 0);
    const double x = w.draw(r1), y = g.draw(r2);
    sw += x; sw2 += x * x; sg += y; sg2 += y * y; gmin = std::min(gmin, y);
  }
  // Weibull: mean = scale Gamma(1 + 1/k), variance = scale^2 [Gamma(1 + 2/k) - Gamma(1 + 1/k)^2].
  const double mw = 1.5 * std::tgamma(1.5), vw = 2.25 * (std::tgamma(2.0) - std::tgamma(1.5) * std::tgamma(1.5));
  EXPECT_NEAR(sw / n, mw, 5 * std::sqrt(vw / n));
  EXPECT_NEAR(sw2 / n - (sw / n) * (sw / n), vw, 0.01 * vw);
  EXPECT_NEAR(w.mean_value(), mw, 1e-14);
  EXPECT_NEAR(sg / n, 1.0, 5 * 0.1 / std::sqrt(n));
  EXPECT_NEAR(std::sqrt(sg2 / n - (sg / n) * (sg / n)), 0.1, 0.002);
  EXPECT_GE(gmin, 0.5);
}

TEST(EpmModel, AnnealingShiftsOnlyTheInitialThresholds) {
  EpmParameters p = small_2d();
  EpmModel plain(p, LoadControl::Strain);
  p.stability = 0.8;
  EpmModel stable(p, LoadControl::Strain);
  for (std::size_t i = 0; i < plain.sites(); ++i) ASSERT_NEAR(stable.thresholds()[i] - plain.thresholds()[i], 0.8, 1e-14);
  plain.load(0.5);
  stable.load(0.5);
  plain.fail_one(3);
  stable.fail_one(3);
  EXPECT_EQ(plain.thresholds()[3], stable.thresholds()[3]);  // renewed from the unshifted distribution
}

}  // namespace
}  // namespace vitrum::meso
