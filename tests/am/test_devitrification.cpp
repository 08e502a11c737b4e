// Devitrification: JMAK in the isothermal limit, the gfa module's R_c and TTT nose, accumulation under reheating.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/am/build_devitrification.hpp"
#include "vitrum/am/devitrification.hpp"
#include "vitrum/gfa/ttt.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"

using namespace vitrum::am;
namespace gfa = vitrum::gfa;

namespace {
gfa::MeltKinetics amz4_kinetics() { return gfa::read_ttt_recipe(std::string(VITRUM_RECIPES) + "/ttt_amz4.toml").kinetics; }

// Time to reach `x` holding at T after an instant quench from the melt, through devitrify(), by bisection.
double hold_time(const KineticsTable& k, double t_hold, double x) {
  double lo = 1e-9, hi = 1e6;
  for (int it = 0; it < 100; ++it) {
    const double mid = std::sqrt(lo * hi);
    const std::vector<HistorySample> h{{0, k.liquidus_k() + 1}, {1e-12, t_hold}, {1e-12 + mid, t_hold}};
    (devitrify(h, k).fraction() > x ? hi : lo) = mid;
  }
  return std::sqrt(lo * hi);
}
}  // namespace

TEST(AmDevitrification, IsothermalLimitIsJmak) {
  const auto mk = amz4_kinetics();
  const KineticsTable k(mk);
  for (double t : {720.0, 850.0, 908.0, 1050.0}) {
    const double i = k.nucleation_rate(t), u = k.growth_rate(t);
    EXPECT_NEAR(i / mk.nucleation_rate(t), 1.0, 1e-3) << t;  // the table reproduces the CNT rates
    EXPECT_NEAR(u / mk.growth_rate(t), 1.0, 1e-3) << t;
    for (double time : {1e-3, 1e-2, 5e-2}) {
      // Many constant-T steps, as the history integrator takes them.
      CrystalMoments c;
      for (int s = 0; s < 1000; ++s) c.advance(i, u, time / 1000);
      const double jmak = -std::expm1(-M_PI / 3 * i * u * u * u * std::pow(time, 4));
      EXPECT_NEAR(c.fraction(), jmak, 1e-9 * jmak + 1e-300) << t << " K, " << time << " s";
    }
  }
  // Heating above T_l dissolves everything; no kinetics below T_g.
  CrystalMoments c;
  c.advance(1e10, 1e-3, 1e-2);
  EXPECT_GT(c.fraction(), 0.0);
  const auto after = devitrify({{0, 900}, {1e-3, 1300}}, k, {}, c);
  EXPECT_EQ(after.fraction(), 0.0);
  EXPECT_EQ(k.nucleation_rate(600), 0.0);
  EXPECT_EQ(devitrify({{0, 400}, {100, 600}}, k).fraction(), 0.0);
}

TEST(AmDevitrification, NonIsothermalRouteReproducesTheGfaNoseAndCriticalRate) {
  const auto r = gfa::read_ttt_recipe(std::string(VITRUM_RECIPES) + "/ttt_amz4.toml");
  const KineticsTable k(r.kinetics);
  // `vitrum ttt recipes/ttt_amz4.toml`: the recipe's σ was calibrated to R_c = 2500 K/s.
  const double rc_gfa = gfa::critical_cooling_rate(r.kinetics, r.fraction);
  EXPECT_NEAR(rc_gfa / 2500, 1.0, 0.01);
  EXPECT_NEAR(critical_cooling_rate(k, r.fraction) / rc_gfa, 1.0, 0.01);
  // Isothermal holds through the history integrator on the TTT curve's own temperature grid.
  const auto ttt = gfa::ttt_curve(r.kinetics, r.fraction);
  double nose_t = 0, nose_time = 1e300;
  for (const auto& p : ttt.points) {
    if (std::abs(p.t_k - ttt.nose_temperature_k) > 40) continue;
    const double time = hold_time(k, p.t_k, r.fraction);
    EXPECT_NEAR(time / p.time_s, 1.0, 0.01) << p.t_k;
    if (time < nose_time) { nose_time = time; nose_t = p.t_k; }
  }
  EXPECT_NEAR(nose_t, ttt.nose_temperature_k, 1.5);
  EXPECT_NEAR(nose_time / ttt.nose_time_s, 1.0, 0.01);
}

TEST(AmDevitrification, HeatingIsHarderToSurviveThanCooling) {
  // Nuclei formed low in the window grow fast higher up: the critical heating rate exceeds R_c (REFERENCES.md: 18×
  // for AMZ4 by fast calorimetry). The quench that made the glass leaves nuclei; a faster one leaves fewer.
  const KineticsTable k(amz4_kinetics());
  const double rc = critical_cooling_rate(k, 1e-6);
  const double rh_slow = critical_heating_rate(k, 1e-6, 1e4), rh_fast = critical_heating_rate(k, 1e-6, 1e6);
  EXPECT_GT(rh_fast, 10 * rc);
  EXPECT_GT(rh_slow, rh_fast);
}

TEST(AmDevitrification, RepeatedReheatingAccumulatesMonotonically) {
  // A point in the substrate, below every pool, reheated by six layers of a small pad: its fraction never falls
  // and grows from one layer to the next while the peaks reach the crystallisation window.
  const ThermalMaterial m{5.0, 6620, 326, 1190, 300};
  const KineticsTable k(amz4_kinetics());
  const ScanStrategy scan{80e-6, 20e-6, 0.5e-3, 67, 0.02, 0.0, true};
  const BuildThermalModel model(MovingGaussianSource(m, 0.5, 20e-6), build_scan(scan, 90, 2.0, 6));
  HistoryOptions o;
  o.active_k = 623;
  o.cool_time_s = 0.02;
  const double z = -70e-6;  // 90 µm below the first surface; the single-track pool is 49 µm deep
  const auto h = model.history(0, 0, z, 0, o);
  std::vector<double> x;
  devitrify(h, k, {}, {}, &x);
  double peak = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    peak = std::max(peak, h[i].temperature_k);
    if (i > 0) {
      ASSERT_GE(x[i], x[i - 1]) << "t = " << h[i].t_s;
    }
  }
  ASSERT_LT(peak, 1190);  // never remelted
  // Fraction at the end of each layer's window.
  std::vector<double> per_layer;
  for (std::size_t L = 1; L < model.layers().size(); ++L) {
    std::size_t i = 0;
    while (i + 1 < h.size() && h[i + 1].t_s <= model.layers()[L].t_start) ++i;
    per_layer.push_back(x[i]);
  }
  per_layer.push_back(x.back());
  EXPECT_GT(per_layer.front(), 0.0);
  int grew = 0;
  for (std::size_t L = 1; L < per_layer.size(); ++L) grew += per_layer[L] > per_layer[L - 1] * (1 + 1e-6);
  EXPECT_GE(grew, 3) << "the reheats must add crystals";
  EXPECT_GT(per_layer.back(), 1.5 * per_layer.front());
}
