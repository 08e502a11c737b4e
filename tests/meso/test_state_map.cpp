// The SEEP stochastic map (meso/state_map, shear_history, seep_recipe, seep_run): the reader's errors, exact
// harvesting of an elastic history, and recovery of a known two-variable stochastic process (docs/seep.md).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

#include "vitrum/core/error.hpp"
#include "vitrum/meso/seep_recipe.hpp"
#include "vitrum/meso/seep_run.hpp"
#include "vitrum/meso/shear_history.hpp"
#include "vitrum/meso/state_map.hpp"

namespace vitrum::meso {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / fmt::format("vitrum_seep_{}_{}", ::getpid(), counter()++)) {
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// The known process: stress rises by 1/8 a step; at or above its threshold a state drops with probability 1/2.
// An annealed state (energy 0) holds to stress 2 and its first drop is 1 and rejuvenates it (energy 1); a rejuvenated
// state drops by 1/2 from stress 1. All values are exact binary fractions. Potential energy = energy + s^2 / (2 G rho)
// with G = 2, rho = 1.
constexpr double kG = 2.0;
ShearHistory known_process(std::uint32_t seed, std::uint64_t id, std::size_t steps) {
  ShearHistory h;
  h.dgamma = 1.0 / 16;
  double s = 0, u = 0;
  for (std::size_t k = 0; k <= steps; ++k) {
    h.stress.push_back(s);
    h.energy.push_back(u + s * s / (2 * kG));
    Rng rng(Stream::SeepMap, seed, k, id, 99);
    const bool annealed = u == 0;
    if (s >= (annealed ? 2.0 : 1.0) && rng.uniform() < 0.5) {
      s -= annealed ? 1.0 : 0.5;
      u = 1;
    } else {
      s += 0.125;
    }
  }
  return h;
}

std::string csv_of(const ShearHistory& h) {
  std::string t = "gamma,stress_xy,pe_per_particle,event\n";
  for (std::size_t k = 0; k < h.stress.size(); ++k)
    t += fmt::format("{:.12g},{:.17g},{:.17g},0\n", k * h.dgamma, h.stress[k], h.energy[k]);
  return t;
}

TEST(ShearHistory, ReadsAnAqsCsvAndRefusesBadOnesWithFileAndLine) {
  TempDir d;
  write(d.path / "good.csv", "gamma,stress_xy,pe_per_particle,event\n0,0.1,1.5,0\n0.001,0.2,1.6,0\n0.002,0.15,1.55,1\n");
  const auto h = read_shear_history(d.path / "good.csv");
  EXPECT_DOUBLE_EQ(h.dgamma, 0.001);
  EXPECT_EQ(h.stress, (std::vector<double>{0.1, 0.2, 0.15}));
  EXPECT_EQ(h.energy, (std::vector<double>{1.5, 1.6, 1.55}));

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"gamma,stress_xy,event\n0,0.1,0\n", "bad.csv:1: no column 'pe_per_particle'"},
      {"gamma,stress_xy,pe_per_particle\n0,0.1,1\n0.001,nan,1\n0.002,0.1,1\n", "bad.csv:3: gamma, stress_xy and pe_per_particle must be finite"},
      {"gamma,stress_xy,pe_per_particle\n0,0.1,1\n0.001,0.1,1\n0.0015,0.1,1\n", "bad.csv:4: strain step 0.0005 differs from the first one, 0.001"},
      {"gamma,stress_xy,pe_per_particle\n0,0.1,1\n0,0.1,1\n", "bad.csv:3: the strain must increase"},
      {"gamma,stress_xy,pe_per_particle\n0,0.1,1\n0.001,0.1\n", "bad.csv:3: 2 fields, the header has 3"},
      {"gamma,stress_xy,pe_per_particle\n0,0.1,1\n0.001,0.1,1\n", "bad.csv: 2 rows: a history needs at least 3"},
      {"gamma,stress_xy,pe_per_particle\n0,x,1\n", "bad.csv:2: expected a number for stress_xy, found 'x'"},
      {"", "bad.csv: empty file"},
  };
  for (const auto& [text, message] : bad) {
    write(d.path / "bad.csv", text);
    const auto e = error_of([&] { read_shear_history(d.path / "bad.csv"); });
    EXPECT_NE(e.find(message), std::string::npos) << e;
  }
  // Folders give their .csv files in name order; a missing entry and a folder without histories are refused.
  fs::create_directories(d.path / "db");
  fs::create_directories(d.path / "empty");
  write(d.path / "db" / "b.csv", "");
  write(d.path / "db" / "a.csv", "");
  write(d.path / "db" / "notes.txt", "");
  const auto files = history_files({"db", "good.csv"}, d.path);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].filename(), "a.csv");
  EXPECT_EQ(files[2].filename(), "good.csv");
  EXPECT_NE(error_of([&] { history_files({"missing"}, d.path); }).find("missing: no such history file or folder"),
            std::string::npos);
  EXPECT_NE(error_of([&] { history_files({"empty"}, d.path); }).find("empty: no .csv history files"), std::string::npos);
}

// A purely elastic history (potential energy = u0 + s^2 / (2 G rho)) has a constant inelastic energy u0, and the map
// of such histories walks them again exactly: every increment is G dgamma.
TEST(StateMap, ElasticHistoriesAreWalkedExactly) {
  const ElasticEnergy elastic{3.0, 1.25, 1.0};
  std::vector<ShearHistory> hs;
  for (int j = 0; j < 4; ++j) {
    ShearHistory h;
    h.dgamma = 0.01;
    for (int k = 0; k <= 50; ++k) {
      const double s = 0.05 * j + 3.0 * 0.01 * k;
      h.stress.push_back(s);
      h.energy.push_back(0.7 + s * s / (2 * 3.0 * 1.25));
    }
    hs.push_back(h);
  }
  for (const auto& st : history_states(hs[2], elastic)) EXPECT_NEAR(st.energy, 0.7, 1e-14);
  const StateMap map(hs, elastic, {8, 3, 5});
  EXPECT_EQ(map.transitions(), 200u);
  State s{0.05, 0.7};
  for (std::size_t k = 0; k < 50; ++k) {
    Rng rng(Stream::SeepMap, 1, k, 0);
    s = map.step(s, rng).next;
    EXPECT_NEAR(s.stress, 0.05 + 0.03 * (k + 1), 1e-12);
    EXPECT_NEAR(s.energy, 0.7, 1e-12);
  }
}

struct CurveStats {
  std::vector<double> mean, sem;
};
CurveStats mean_curve(const std::vector<std::vector<State>>& walks) {
  const std::size_t n = walks.size(), points = walks[0].size();
  CurveStats c{std::vector<double>(points), std::vector<double>(points)};
  for (std::size_t k = 0; k < points; ++k) {
    double a = 0, b = 0;
    for (const auto& w : walks) {
      a += w[k].stress;
      b += w[k].stress * w[k].stress;
    }
    c.mean[k] = a / n;
    c.sem[k] = std::sqrt(std::max(0.0, b / n - c.mean[k] * c.mean[k]) / (n - 1));
  }
  return c;
}

// The map harvested from the known process reproduces its ensemble: the mean stress after every step agrees with
// independent walks of the process itself within 5 standard errors, overshoot included. With one energy bin the map
// cannot tell the annealed state from the rejuvenated one and the overshoot is lost: the second variable is needed.
TEST(StateMap, RecoversAKnownTwoVariableProcess) {
  constexpr std::size_t steps = 60, walks = 3000;
  std::vector<ShearHistory> db;
  for (std::uint64_t i = 0; i < 400; ++i) db.push_back(known_process(1, i, steps));
  std::vector<std::vector<State>> truth;
  for (std::uint64_t i = 0; i < walks; ++i) truth.push_back(history_states(known_process(2, i, steps), {kG, 1.0, 1.0}));
  const auto exact = mean_curve(truth);

  auto walk_map = [&](int energy_bins) {
    // 400 stress bins: each exact stress value (a multiple of 1/8 within the range) has a bin of its own.
    const StateMap map(db, {kG, 1.0, 1.0}, {400, energy_bins, 1});
    std::vector<std::vector<State>> w(walks, std::vector<State>(steps + 1));
    for (std::size_t t = 0; t < walks; ++t)
      for (std::size_t k = 0; k < steps; ++k) {
        Rng rng(Stream::SeepMap, 3, k, t);
        const auto st = map.step(w[t][k], rng);
        EXPECT_EQ(st.radius, 0);
        w[t][k + 1] = st.next;
      }
    return mean_curve(w);
  };
  const auto two = walk_map(2);
  double worst = 0;
  for (std::size_t k = 0; k <= steps; ++k) {
    const double se = std::hypot(exact.sem[k], two.sem[k]);
    worst = std::max(worst, se > 0 ? std::abs(two.mean[k] - exact.mean[k]) / se : std::abs(two.mean[k] - exact.mean[k]) / 1e-12);
  }
  EXPECT_LT(worst, 5.0);
  const double exact_peak = *std::max_element(exact.mean.begin(), exact.mean.end());
  EXPECT_GT(exact_peak, 1.6);  // the annealed overshoot the test is about
  const auto one = walk_map(1);
  const double one_peak = *std::max_element(one.mean.begin(), one.mean.end());
  EXPECT_LT(one_peak, exact_peak - 0.1) << "one energy bin should lose the overshoot";
}

TEST(StateMap, SparseBinsWidenTheirPoolAndOutsideStatesAreFlagged) {
  std::vector<ShearHistory> db{known_process(1, 0, 40), known_process(1, 1, 40)};
  const StateMap map(db, {kG, 1.0, 1.0}, {10, 2, 30});
  bool widened = false;
  for (int is = 0; is < 10; ++is)
    for (int ie = 0; ie < 2; ++ie) widened |= map.radius(is, ie) > 0;
  EXPECT_TRUE(widened);
  Rng rng(Stream::SeepMap, 1, 0, 0);
  const auto far = map.step({100.0, -5.0}, rng);
  EXPECT_TRUE(far.outside);
  EXPECT_TRUE(std::isfinite(far.next.stress));
  Rng again(Stream::SeepMap, 1, 0, 0);
  EXPECT_FALSE(map.step({0.0, 0.0}, again).outside);
  EXPECT_NE(error_of([&] { (void)map.step({std::nan(""), 0.0}, again); }).find("not finite"), std::string::npos);
  ShearHistory other = known_process(1, 2, 40);
  other.dgamma = 0.5;
  other.file = "other.csv";
  db.push_back(other);
  EXPECT_NE(error_of([&] { StateMap(db, {kG, 1.0, 1.0}, {}); }).find("other.csv: strain step 0.5"), std::string::npos);
}

TEST(SeepMetrics, CurveMetricsAndKolmogorovSmirnov) {
  const std::vector<State> s = {{0, 0}, {1, 0}, {3, 0}, {2, 1}, {2.5, 1}, {1, 2}, {1.5, 2}, {1.5, 2}, {1.5, 2}};
  const auto m = curve_metrics(s, 0.5);
  EXPECT_DOUBLE_EQ(m.peak, 3);
  EXPECT_DOUBLE_EQ(m.peak_strain, 1.0);
  EXPECT_DOUBLE_EQ(m.flow, 1.5);  // the last third: 3 of 9 points
  EXPECT_DOUBLE_EQ(m.flow_energy, 2);
  EXPECT_DOUBLE_EQ(m.overshoot, 1.5);
  EXPECT_DOUBLE_EQ(m.largest_drop, 1.5);
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2, 3}, {1, 2, 3}), 0);
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2}, {3, 4}), 1);
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2, 3, 4}, {3, 4, 5, 6}), 0.5);
  EXPECT_DOUBLE_EQ(ks_statistic({}, {1}), 1);
}

// The recipe end to end on histories of the known process written as aqs CSVs: the outputs and the summary, and
// every recipe error names the file and line.
TEST(SeepRecipe, RunsEndToEndAndNamesFileAndLineInErrors) {
  TempDir d;
  fs::create_directories(d.path / "train");
  fs::create_directories(d.path / "test");
  for (std::uint64_t i = 0; i < 60; ++i) write(d.path / "train" / fmt::format("h{:03}.csv", i), csv_of(known_process(1, i, 40)));
  for (std::uint64_t i = 0; i < 20; ++i) write(d.path / "test" / fmt::format("h{:03}.csv", i), csv_of(known_process(5, i, 40)));
  const std::string text = R"(units = "reduced"
seed = 4
[database]
histories = ["train"]
density = 1.0
shear_modulus = 2.0
[map]
stress_bins = 400
energy_bins = 2
min_transitions = 1
[[predict]]
name = "held_out"
histories = "test"
trajectories = 500
[[predict]]
name = "fresh"
start = [0.0, 0.0]
steps = 30
trajectories = 10
)";
  write(d.path / "seep.toml", text);
  const auto r = read_seep_recipe(d.path / "seep.toml");
  EXPECT_EQ(r.histories.size(), 60u);
  EXPECT_EQ(r.predictions.size(), 2u);
  const auto summary = run_seep(r, d.path / "out");
  EXPECT_EQ(summary["database"]["transitions"].get<std::size_t>(), 60u * 40u);
  const auto& p = summary["predictions"][0];
  EXPECT_EQ(p["steps"].get<std::size_t>(), 40u);
  EXPECT_EQ(p["reference"]["members"].get<std::size_t>(), 20u);
  EXPECT_EQ(p["outside_draws"].get<std::size_t>(), 0u);
  EXPECT_LT(p["drop_ks"].get<double>(), 0.2);  // drops of 1/2 and 1 in both
  const double model_peak = p["model"]["peak_stress"]["mean"], ref_peak = p["reference"]["peak_stress"]["mean"];
  const double se = std::hypot(p["model"]["peak_stress"]["sem"].get<double>(), p["reference"]["peak_stress"]["sem"].get<double>());
  EXPECT_LT(std::abs(model_peak - ref_peak), 5 * se);
  EXPECT_TRUE(fs::exists(d.path / "out" / "seep_held_out.csv"));
  EXPECT_TRUE(fs::exists(d.path / "out" / "seep_fresh.csv"));
  EXPECT_TRUE(fs::exists(d.path / "out" / "seep_map.csv"));
  std::ifstream curve(d.path / "out" / "seep_held_out.csv");
  std::string header;
  std::getline(curve, header);
  EXPECT_EQ(header, "gamma,stress_mean,stress_sd,energy_mean,energy_sd,ref_stress_mean,ref_stress_sd,ref_energy_mean,ref_energy_sd");

  auto replace = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  const std::vector<std::pair<std::string, std::string>> bad = {
      {replace("density = 1.0", "densty = 1.0"), "seep.toml:5: unknown key 'densty'"},
      {replace("histories = [\"train\"]", "histories = [\"nowhere\"]"), "seep.toml:4:"},
      {replace("units = \"reduced\"", "units = \"lj\""), "seep.toml:1: [top level] units: unknown 'lj'"},
      {replace("stress_bins = 400", "stress_bins = 0"), "seep.toml:8:"},
      {replace("start = [0.0, 0.0]", "start = [0.0]"), "seep.toml:17:"},
      {replace("steps = 30", "histories = \"test\""), "give exactly one of `histories` (held-out) and `start`"},
      {replace("name = \"fresh\"", "name = \"held_out\""), "two [[predict]] tables are named 'held_out'"},
      {replace("density = 1.0", "density = -1.0"), "seep.toml:5:"},
  };
  for (const auto& [t, message] : bad) {
    const auto e = error_of([&] { parse_seep_recipe(t, d.path / "seep.toml"); });
    EXPECT_NE(e.find(message), std::string::npos) << e;
  }
  // Longer than the held-out histories: refused when the run reads them.
  auto longer = parse_seep_recipe(replace("trajectories = 500", "trajectories = 5\nsteps = 41"), d.path / "seep.toml");
  EXPECT_NE(error_of([&] { run_seep(longer, d.path / "out2"); }).find("steps = 41 is longer than its shortest held-out history (40 steps)"),
            std::string::npos);
}

}  // namespace
}  // namespace vitrum::meso
