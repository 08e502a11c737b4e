// StEP pieces of the EPM: thresholds measured on atomistic glasses (a local_yield CSV), separate initial and renewed
// distributions, and structural rejuvenation of a failing block's neighbours.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "vitrum/core/error.hpp"
#include "vitrum/meso/epm_model.hpp"
#include "vitrum/meso/epm_recipe.hpp"
#include "vitrum/meso/measured_thresholds.hpp"

#include <nlohmann/json.hpp>

namespace vitrum::meso {
namespace {

namespace fs = std::filesystem;

class StructuralThresholds : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vitrum_step_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // A local_yield CSV whose tau_c and delta_tau columns hold the given values; `unyielded` sites get yielded = 0.
  fs::path write_csv(const std::string& name, const std::vector<double>& tau_c, const std::vector<double>& delta,
                     int unyielded = 0) {
    const auto f = dir_ / name;
    std::ofstream out(f);
    out << "site,x,y,z,inner,tau0,tau_c,delta_tau,gamma_c,stress_drop,yielded,converged,force_evaluations\n";
    for (std::size_t i = 0; i < tau_c.size(); ++i)
      out << i << ",0,0,0,60," << tau_c[i] - delta[i] << ',' << tau_c[i] << ',' << delta[i] << ",0.05,0.01,"
          << (static_cast<int>(i) < unyielded ? 0 : 1) << ",1,100\n";
    return f;
  }
  static std::vector<double> ramp(double a, double b, int n) {
    std::vector<double> v;
    for (int i = 0; i < n; ++i) v.push_back(a + (b - a) * i / (n - 1));
    return v;
  }
  fs::path dir_;
};

TEST_F(StructuralThresholds, ReadsTheColumnScalesRaisesAndCounts) {
  std::vector<double> tau = ramp(0.1, 1.0, 10), delta = ramp(-0.2, 0.7, 10);
  const auto f = write_csv("a.csv", tau, delta, 3);
  const auto m = read_measured_thresholds(f, "delta_tau", 2.0, 0.05);
  ASSERT_EQ(m.values.size(), 10u);
  EXPECT_EQ(m.unyielded, 3u);
  EXPECT_EQ(m.raised, 3u);  // -0.2, -0.1, 0.0 times 2 are below 0.05
  EXPECT_DOUBLE_EQ(m.values.front(), 0.05);
  EXPECT_NEAR(m.values.back(), 1.4, 1e-12);
  EXPECT_TRUE(std::is_sorted(m.values.begin(), m.values.end()));
  const auto t = read_measured_thresholds(f, "tau_c", 1.0, 1e-3);
  EXPECT_EQ(t.raised, 0u);
  EXPECT_NEAR(t.values.front(), 0.1, 1e-12);
}

TEST_F(StructuralThresholds, BadFilesAreRefusedNamingFileAndLine) {
  auto message = [](const fs::path& f, const std::string& column) {
    try {
      (void)read_measured_thresholds(f, column, 1.0, 1e-3);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const auto good = write_csv("good.csv", ramp(0.1, 1.0, 10), ramp(0.1, 1.0, 10));
  EXPECT_NE(message(good, "softness").find("good.csv:1: no column 'softness'"), std::string::npos) << message(good, "softness");
  const auto few = write_csv("few.csv", ramp(0.1, 1.0, 5), ramp(0.1, 1.0, 5));
  EXPECT_NE(message(few, "tau_c").find("5 sites: at least 8"), std::string::npos);
  {
    std::ofstream out(dir_ / "nan.csv");
    out << "site,tau_c\n";
    for (int i = 0; i < 9; ++i) out << i << ',' << (i == 4 ? "nan" : "0.5") << '\n';
  }
  EXPECT_NE(message(dir_ / "nan.csv", "tau_c").find("nan.csv:6: tau_c is not a finite number"), std::string::npos)
      << message(dir_ / "nan.csv", "tau_c");
  {
    std::ofstream out(dir_ / "short.csv");
    out << "site,tau_c\n0,0.5\n1\n";
  }
  EXPECT_NE(message(dir_ / "short.csv", "tau_c").find("short.csv:3: 1 fields, the header has 2"), std::string::npos);
  EXPECT_NE(message(dir_ / "missing.csv", "tau_c").find("cannot open"), std::string::npos);
}

// The empirical distribution drawn by inverse transform: every draw inside [min, max], and the fraction below each
// order statistic k is k / (n - 1) (linear interpolation between order statistics).
TEST(MeasuredDistribution, DrawsFollowTheEmpiricalCdf) {
  ThresholdDistribution d;
  d.kind = ThresholdDistribution::Kind::Measured;
  d.values = {0.2, 0.3, 0.35, 0.5, 0.8, 0.9, 1.4, 2.0, 2.1};
  const int n = 200000;
  std::vector<int> below(d.values.size(), 0);
  double lo = 1e9, hi = -1e9;
  for (int i = 0; i < n; ++i) {
    Rng r(Stream::EpmThreshold, 5, 0, i, 0);
    const double x = d.draw(r);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    for (std::size_t k = 0; k < d.values.size(); ++k) below[k] += x < d.values[k];
  }
  EXPECT_GE(lo, 0.2);
  EXPECT_LE(hi, 2.1);
  const double m = static_cast<double>(d.values.size() - 1);
  for (std::size_t k = 0; k < d.values.size(); ++k) {
    const double expected = static_cast<double>(k) / m;
    EXPECT_NEAR(below[k] / double(n), expected, 5 * std::sqrt(0.25 / n) + 1e-12) << "order statistic " << k;
  }
}

EpmParameters two_distributions(double p_neighbour) {
  EpmParameters p;
  p.lattice = {3, 8};
  p.thresholds.kind = ThresholdDistribution::Kind::Measured;
  p.thresholds.values = {1.0, 1.2, 1.5, 2.0};  // the flowing state: renewed thresholds in [1, 2]
  ThresholdDistribution glass;
  glass.kind = ThresholdDistribution::Kind::Measured;
  glass.values = {5.0, 5.5, 6.0};  // the glass: initial thresholds in [5, 6]
  p.initial_thresholds = glass;
  p.neighbour_rejuvenation = p_neighbour;
  return p;
}

TEST(StructuralRejuvenation, InitialFromTheGlassRenewedFromTheFlowingState) {
  EpmModel m(two_distributions(0.0), LoadControl::Strain);
  for (double s : m.thresholds()) ASSERT_TRUE(s >= 5.0 && s <= 6.0);
  m.load(2.0);
  const std::size_t i = m.lattice().index(3, 4, 5);
  m.fail_one(i);
  EXPECT_TRUE(m.thresholds()[i] >= 1.0 && m.thresholds()[i] <= 2.0);
  int renewed = 0;
  for (double s : m.thresholds()) renewed += s < 5.0;
  EXPECT_EQ(renewed, 1);  // no neighbour rejuvenation: only the failing block
}

TEST(StructuralRejuvenation, EveryNearestNeighbourRenewsAtProbabilityOne) {
  EpmModel m(two_distributions(1.0), LoadControl::Strain);
  m.load(2.0);
  const std::size_t i = m.lattice().index(0, 4, 7);  // at the periodic edges in x and z
  m.fail_one(i);
  const auto& L = m.lattice();
  std::vector<std::size_t> expected = {i,
                                       L.index(1, 4, 7), L.index(-1, 4, 7), L.index(0, 5, 7),
                                       L.index(0, 3, 7), L.index(0, 4, 8), L.index(0, 4, 6)};
  std::sort(expected.begin(), expected.end());
  std::vector<std::size_t> renewed;
  for (std::size_t j = 0; j < m.sites(); ++j)
    if (m.thresholds()[j] < 5.0) renewed.push_back(j);
  EXPECT_EQ(renewed, expected);
}

TEST(StructuralRejuvenation, NeighboursRenewWithTheGivenProbability) {
  // 400 events at distinct, well separated sites of a 2D lattice; each renews each of its 4 neighbours with p = 0.3.
  EpmParameters p = two_distributions(0.3);
  p.lattice = {2, 80};
  EpmModel m(p, LoadControl::Strain);
  m.load(1.0);
  int events = 0;
  for (int y = 0; y < 80; y += 4)
    for (int x = 0; x < 80; x += 4, ++events) m.fail_one(m.lattice().index(x, y));
  int renewed = 0;
  for (double s : m.thresholds()) renewed += s < 5.0;
  const double fraction = (renewed - events) / (4.0 * events);
  EXPECT_NEAR(fraction, 0.3, 4 * std::sqrt(0.3 * 0.7 / (4.0 * events)));
  // Counter-based draws: the same run gives the same thresholds.
  EpmModel again(p, LoadControl::Strain);
  again.load(1.0);
  for (int y = 0; y < 80; y += 4)
    for (int x = 0; x < 80; x += 4) again.fail_one(again.lattice().index(x, y));
  EXPECT_EQ(again.thresholds(), m.thresholds());
}

TEST_F(StructuralThresholds, RecipeReadsBothFilesRelativeToItsFolderAndReportsThem) {
  write_csv("flow.csv", ramp(0.3, 0.9, 12), ramp(0.1, 0.5, 12));
  write_csv("glass.csv", ramp(0.5, 1.2, 12), ramp(-0.1, 1.0, 12), 2);
  const std::string text = R"(units = "reduced"
seed = 4
[lattice]
dimension = 3
size = 8
[thresholds]
distribution = "measured"
file = "flow.csv"
column = "tau_c"
[annealing]
initial_thresholds = { distribution = "measured", file = "glass.csv", scale = 1.5, minimum = 0.01 }
[events]
neighbour_rejuvenation = 0.25
[protocol]
kind = "quasistatic"
max_strain = 0.2
)";
  const auto r = parse_epm_recipe(text, dir_ / "step.toml");
  ASSERT_EQ(r.model.thresholds.kind, ThresholdDistribution::Kind::Measured);
  ASSERT_TRUE(r.model.initial_thresholds.has_value());
  EXPECT_EQ(r.model.thresholds.values.size(), 12u);
  EXPECT_NEAR(r.model.initial_thresholds->values.back(), 1.5, 1e-12);
  const auto j = r.to_json();
  EXPECT_EQ(j["thresholds"]["column"], "tau_c");
  EXPECT_EQ(j["annealing"]["initial_thresholds"]["unyielded_sites"], 2);
  EXPECT_EQ(j["annealing"]["initial_thresholds"]["raised_to_minimum"], 2);  // -0.1 and 0 (x 1.5) below 0.01
  EXPECT_EQ(j["events"]["neighbour_rejuvenation"], 0.25);

  auto refused = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    try {
      (void)parse_epm_recipe(t, dir_ / "step.toml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(refused("flow.csv", "absent.csv").find("step.toml:8: [top level.thresholds] file:"), std::string::npos)
      << refused("flow.csv", "absent.csv");
  EXPECT_NE(refused("= 0.25", "= 1.5").find("neighbour_rejuvenation: must be a probability"), std::string::npos);
  EXPECT_NE(refused("\"tau_c\"", "\"tau_x\"").find("no column 'tau_x'"), std::string::npos);
}

}  // namespace
}  // namespace vitrum::meso
