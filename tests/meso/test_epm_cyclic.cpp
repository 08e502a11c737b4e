// Cyclic quasistatic shear of the EPM: elastic reversibility below threshold, macroscopic Hooke's law and dissipation
// above it, absorbing states at small amplitude, and the cyclic protocol end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "vitrum/meso/epm_run.hpp"

namespace vitrum::meso {
namespace {

EpmParameters weibull_2d(int L, std::uint32_t seed) {
  EpmParameters p;
  p.lattice = {2, L};
  p.shear_modulus = 0.5;  // 2 mu = 1: stress and strain in the same units
  p.thresholds.kind = ThresholdDistribution::Kind::Weibull;
  p.thresholds.shape = 2.0;
  p.thresholds.scale = 1.0;
  p.stress_noise = 0.05;
  p.seed = seed;
  return p;
}

// One cycle 0 -> +a -> -a -> 0 with extremal driving; calls visit(avalanche) after every step.
template <class Visit>
std::uint64_t cycle(QuasistaticDriver& d, EpmModel& m, double a, Visit&& visit) {
  std::uint64_t events = 0;
  for (double target : {a, -a, 0.0}) {
    const int dir = target > m.strain() ? +1 : -1;
    for (;;) {
      const Avalanche av = d.step(dir, target);
      visit(av);
      if (av.reached_strain_limit) break;
      events += av.size;
    }
  }
  return events;
}

TEST(EpmCyclic, BelowTheWeakestThresholdACycleIsElasticAndReversible) {
  EpmModel m(weibull_2d(32, 4), LoadControl::Strain);
  double weakest = INFINITY;
  for (double s : m.thresholds()) weakest = std::min(weakest, s);
  const std::vector<double> start = m.stress();
  QuasistaticDriver d(m, UpdateRule::Sequential);
  double peak = 0;
  const auto events = cycle(d, m, 0.9 * weakest, [&](const Avalanche& a) { peak = std::max(peak, std::abs(a.stress_after)); });
  EXPECT_EQ(events, 0u);
  EXPECT_NEAR(peak, 0.9 * weakest, 1e-12);  // reached the amplitude elastically (2 mu = 1)
  EXPECT_EQ(m.strain(), 0.0);
  for (std::size_t i = 0; i < m.sites(); ++i) ASSERT_NEAR(m.stress()[i], start[i], 1e-12) << i;
  for (double e : m.plastic_strain()) ASSERT_EQ(e, 0.0);
}

TEST(EpmCyclic, LargeAmplitudeLoopsReversePlasticityAndDissipate) {
  // Amplitude 1.2 is twice the yield strain (flow stress ~ 0.6 with 2 mu = 1): every cycle yields both ways.
  for (auto rule : {UpdateRule::Sequential, UpdateRule::Synchronous}) {
    EpmModel m(weibull_2d(32, 7), LoadControl::Strain);
    QuasistaticDriver d(m, rule);
    const double a = 1.2;
    double worst_hooke = 0;
    for (int c = 0; c < 3; ++c) {
      double area = 0, last_strain = m.strain(), last_stress = m.mean_stress(), peak = -INFINITY, trough = INFINITY;
      double e_at_peak = NAN, e_at_trough = NAN;  // mean plastic strain on reaching +a and -a
      cycle(d, m, a, [&](const Avalanche& av) {
        if (av.reached_strain_limit && av.strain == a) e_at_peak = m.mean_plastic_strain();
        if (av.reached_strain_limit && av.strain == -a) e_at_trough = m.mean_plastic_strain();
        // Macroscopic Hooke's law under strain control: Sigma = 2 mu (gamma - mean plastic strain), at every state.
        worst_hooke = std::max(worst_hooke, std::abs(m.mean_stress() - (m.strain() - m.mean_plastic_strain())));
        area += 0.5 * (last_stress + av.stress_before) * (av.strain - last_strain);  // elastic stretch; drops at fixed strain
        last_strain = av.strain;
        last_stress = av.stress_after;
        peak = std::max(peak, av.stress_before);
        trough = std::min(trough, av.stress_before);
      });
      EXPECT_GT(peak, 0.45) << "cycle " << c;
      EXPECT_LT(trough, -0.45) << "cycle " << c;
      // From +a to -a the strain changes by -2a = -2.4 while the stress changes by about -1.2: the rest is reverse
      // plastic strain.
      EXPECT_LT(e_at_trough, e_at_peak - 0.8) << "reverse leg must undo plastic strain, cycle " << c;
      // The loop is traversed clockwise in (gamma, Sigma): the work of one cycle is positive (dissipated).
      EXPECT_GT(area, 0.5) << "cycle " << c;
      if (c > 0) {
        EXPECT_NEAR(peak, -trough, 0.15 * peak) << "symmetric loop once the initial state is forgotten";
      }
    }
    EXPECT_LT(worst_hooke, 1e-10);
  }
}

TEST(EpmCyclic, BelowYieldCyclesFallIntoAnAbsorbingStateAboveYieldTheyDoNot) {
  // Below yield, the events of each cycle die out: the system finds a configuration that the cycle no longer
  // changes (absorbing state; Khirallah et al., PRL 126, 218005 (2021), for cyclically sheared EPMs), and it takes
  // longer the closer the amplitude is to yield. Once one cycle is event-free every later one is too (the state at
  // the start of the cycle is then unchanged). Above yield (flow stress ~ 0.6) every cycle keeps flowing.
  auto events_per_cycle = [](double a, std::uint32_t seed, int cycles) {
    EpmModel m(weibull_2d(32, seed), LoadControl::Strain);
    QuasistaticDriver d(m, UpdateRule::Sequential);
    std::vector<std::uint64_t> events;
    for (int c = 0; c < cycles; ++c) events.push_back(cycle(d, m, a, [](const Avalanche&) {}));
    return events;
  };
  long quiet_small = 0, quiet_large = 0;
  for (std::uint32_t seed : {1u, 2u, 3u, 4u}) {
    for (double a : {0.3, 0.5}) {
      const auto events = events_per_cycle(a, seed, 200);
      EXPECT_GT(events.front(), 0u) << "seed " << seed;
      const auto first_quiet = std::find(events.begin(), events.end(), 0u);
      ASSERT_NE(first_quiet, events.end()) << "no absorbing state in 200 cycles, a " << a << " seed " << seed;
      EXPECT_TRUE(std::all_of(first_quiet, events.end(), [](auto e) { return e == 0; })) << "seed " << seed;
      (a < 0.4 ? quiet_small : quiet_large) += first_quiet - events.begin();
    }
    const auto flowing = events_per_cycle(1.2, seed, 20);
    EXPECT_TRUE(std::all_of(flowing.begin(), flowing.end(), [](auto e) { return e > 100; })) << "seed " << seed;
  }
  EXPECT_GT(quiet_large, quiet_small);
}

TEST(EpmCyclic, CyclicRecipeRunsEndToEndAndIsReproducible) {
  const std::string text = R"(units = "reduced"
seed = 11
[lattice]
dimension = 2
size = 32
[elasticity]
shear_modulus = 0.5
[thresholds]
distribution = "weibull"
shape = 2.0
scale = 1.0
[events]
stress_noise = 0.05
[protocol]
kind = "cyclic"
amplitude = 1.0
cycles = 4
)";
  const auto recipe = parse_epm_recipe(text, "cyclic.toml");
  const auto dir = std::filesystem::temp_directory_path() / ("vitrum_epm_cyclic_" + std::to_string(::getpid()));
  EpmRunOptions o;
  o.out = dir / "a";
  auto s1 = run_epm(recipe, o);
  o.out = dir / "b";
  auto s2 = run_epm(recipe, o);
  ASSERT_EQ(s1["cycles"].size(), 4u);
  for (const auto& c : s1["cycles"]) {
    EXPECT_GT(c["plastic_events"].get<std::uint64_t>(), 0u);
    EXPECT_GT(c["max_stress"].get<double>(), 0.4);
    EXPECT_LT(c["min_stress"].get<double>(), -0.4);
  }
  EXPECT_EQ(s1["cycles"], s2["cycles"]);  // counter-based random numbers: bit for bit
  EXPECT_EQ(s1["plastic_events"], s2["plastic_events"]);
  // The written curve stays inside [-amplitude, amplitude] and ends back at zero strain.
  std::ifstream in(dir / "a" / "stress_strain.csv");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "cycle,strain,stress");
  double strain = 1, lo = 0, hi = 0;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string c, g;
    std::getline(ss, c, ',');
    std::getline(ss, g, ',');
    strain = std::stod(g);
    lo = std::min(lo, strain);
    hi = std::max(hi, strain);
    ++rows;
  }
  EXPECT_GT(rows, 100u);
  EXPECT_NEAR(hi, 1.0, 1e-12);
  EXPECT_NEAR(lo, -1.0, 1e-12);
  EXPECT_NEAR(strain, 0.0, 1e-12);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vitrum::meso
