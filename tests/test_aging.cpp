// Two-time correlations for aging: the correlator against synthetic trajectories with known displacements
// (F_s = sin(q d)/(q d), MSD = d², C(t_w, t_w) = 1 exactly, checkpoint mid-run = uninterrupted), the `aging` stage on
// a KA liquid "quenched" to its own temperature (stationary: no trend of τ with t_w), and bad values naming the key.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "test_helpers.hpp"
#include "vitrum/analysis/two_time_correlator.hpp"
#include "vitrum/atomistic/protocol/aging_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"

namespace vitrum {
namespace {

// Particle i at step k: r_i(k) = r_i(0) + s(k) a_i, with s(k) = sqrt(k) (not a linear drift, so the curve of each
// waiting time differs: only the displacement since t_w enters) and a_i of length |a_i| = 0.1 (type 1) or 0.2 (type 2).
std::vector<Vec3> synthetic(std::int64_t k, const std::vector<int>& types) {
  std::vector<Vec3> r;
  const double s = std::sqrt(static_cast<double>(k));
  for (std::size_t i = 0; i < types.size(); ++i) {
    const double len = types[i] == 1 ? 0.1 : 0.2, th = 0.7 * static_cast<double>(i), ph = 1.3 * static_cast<double>(i);
    const Vec3 a{len * std::sin(th) * std::cos(ph), len * std::sin(th) * std::sin(ph), len * std::cos(th)};
    r.push_back(Vec3{static_cast<double>(i), 0.5 * static_cast<double>(i), -2.0} + s * a);
  }
  return r;
}

double exact_fs(double q, double d) { return d == 0 ? 1.0 : std::sin(q * d) / (q * d); }

TEST(AgingCorrelator, SyntheticDisplacementsGiveSinQdOverQdExactly) {
  const std::vector<int> types = {1, 2, 1, 1, 2, 1, 2, 1};
  TwoTimeCorrelatorOptions o;
  o.q = 7.25;
  o.origins = {0, 30, 200};
  o.max_lag = 500;
  o.points_per_decade = 8;
  TwoTimeCorrelator full(o, types, 2), split(o, types, 2);
  ASSERT_EQ(full.last_step(), 700);
  ASSERT_EQ(full.lags().front(), 0);
  ASSERT_EQ(full.lags().back(), 500);
  std::string saved;
  for (std::int64_t k = 0; k <= full.last_step(); ++k) {
    if (full.due(k)) full.add(k, synthetic(k, types));
    if (k == 250) {  // checkpoint half-way (two waiting times active, one done), continue on a fresh object
      if (split.due(k)) split.add(k, synthetic(k, types));
      ArchiveWriter w;
      split.checkpoint(w);
      saved = w.buffer();
      split = TwoTimeCorrelator(o, types, 2);
      ArchiveReader r(saved, "test");
      split.checkpoint(r);
      EXPECT_TRUE(r.at_end());
      continue;
    }
    if (split.due(k)) split.add(k, synthetic(k, types));
  }
  for (std::size_t j = 0; j < o.origins.size(); ++j) {
    const double tw = static_cast<double>(o.origins[j]);
    for (int g = 0; g <= 2; ++g) {
      const std::vector<double> fs = full.fs(j, g), msd = full.msd(j, g);
      EXPECT_EQ(fs[0], 1.0) << "C(t_w, t_w) = 1 exactly";
      EXPECT_EQ(msd[0], 0.0);
      EXPECT_EQ(fs, split.fs(j, g)) << "a checkpoint mid-run changes nothing";
      EXPECT_EQ(msd, split.msd(j, g));
      for (std::size_t l = 0; l < full.lags().size(); ++l) {
        const double ds = std::sqrt(tw + static_cast<double>(full.lags()[l])) - std::sqrt(tw);
        double f = 0, m = 0, n = 0;
        for (int t : types)
          if (g == 0 || t == g) {
            const double d = (t == 1 ? 0.1 : 0.2) * ds;
            f += exact_fs(o.q, d), m += d * d, n += 1;
          }
        EXPECT_NEAR(fs[l], f / n, 1e-12) << "t_w " << tw << " lag " << full.lags()[l] << " group " << g;
        EXPECT_NEAR(msd[l], m / n, 1e-12 * (1 + m / n));
      }
    }
  }
  // Older waiting times decay more slowly here (s(k) = sqrt(k) slows down), as in an aging glass.
  EXPECT_GT(full.fs(2, 0)[10], full.fs(1, 0)[10]);
  EXPECT_GT(full.fs(1, 0)[10], full.fs(0, 0)[10]);
}

TEST(AgingCorrelator, RefusesBadOptionsAndLagsBeforeTheirWaitingTime) {
  TwoTimeCorrelatorOptions o;
  o.origins = {10, 5};
  EXPECT_THROW(TwoTimeCorrelator(o, {1}, 1), Error);
  o.origins = {-1};
  EXPECT_THROW(TwoTimeCorrelator(o, {1}, 1), Error);
  o.origins = {};
  EXPECT_THROW(TwoTimeCorrelator(o, {1}, 1), Error);
  o.origins = {0};
  o.max_lag = 0;
  EXPECT_THROW(TwoTimeCorrelator(o, {1}, 1), Error);
  o.max_lag = 10;
  TwoTimeCorrelator c(o, {1}, 1);
  EXPECT_FALSE(c.due(11));
  EXPECT_THROW(c.add(1, {Vec3{0, 0, 0}}), Error);  // step 0 (the waiting time) was never offered
}

const char* kStationary = R"([system]
generate = { model = "kob-andersen", n = 500, density = 1.2 }
potential = "kob-andersen"
seed = 11
[output]
checkpoint_every = 0
[[stage]]
kind = "minimize"
ftol = 1e-2
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 1.0
steps = 5000
[[stage]]
kind = "aging"
temperature = 1.0
waiting_times = [0, 1, 2, 4, 8, 16]
max_lag = 3
q = 7.25
)";

// An equilibrium liquid does not age: "quenched" to its own temperature T = 1.0, τ(t_w) shows no trend with t_w. One
// origin of N = 500 is noisy (τ scatters by about 17 % between origins of one run, single values 0.76 ... 2.1;
// measured over six seeds, docs/liquid.md), so the test asserts what stationarity implies beyond that noise: the
// aging exponent over t_w = 1 ... 16 is near 0 (six seeds gave -0.01 ... 0.11; the real quench to T = 0.4 gives 1.1),
// the mean τ is the liquid stage's τ_α(all) at T = 1.0 (1.10 and 1.14 for N = 500, two seeds), every τ lies within a
// factor 1.8 of it, and C(t_w, t_w) = 1.
TEST(AgingStage, EquilibriumLiquidQuenchedToItsOwnTemperatureDoesNotAge) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_test_aging";
  std::filesystem::remove_all(dir);
  const Recipe recipe = parse_recipe(kStationary, "aging.toml", ".");
  const AgingSpec& spec = recipe.stages[2].as<AgingStage>().spec;
  ASSERT_EQ(spec.waiting_times, (std::vector<std::int64_t>{0, 200, 400, 800, 1600, 3200}));
  ASSERT_EQ(spec.max_lag, 600);
  const nlohmann::json sum = run_recipe(recipe, RunOptions{dir, false});
  const auto& st = sum["stages"][2];
  ASSERT_EQ(st["kind"], "aging");
  EXPECT_EQ(st["steps"], 3800);
  const auto& w = st["waiting_times"];
  ASSERT_EQ(w.size(), 6u);
  EXPECT_NEAR(w[0]["temperature_at_t_w"].get<double>(), 1.0, 1e-12) << "velocities rescaled to T at the quench";
  double mean = 0;
  for (const auto& e : w) {
    ASSERT_FALSE(e["tau"].is_null()) << e.dump();
    const double tau = e["tau"];
    mean += tau / static_cast<double>(w.size());
    EXPECT_GT(tau, 1.12 / 1.8) << "t_w = " << e["t_w"];
    EXPECT_LT(tau, 1.12 * 1.8) << "t_w = " << e["t_w"];
    EXPECT_NEAR(e["temperature_at_t_w"].get<double>(), 1.0, 0.1);
  }
  EXPECT_GT(mean, 0.9);
  EXPECT_LT(mean, 1.4);
  ASSERT_FALSE(st["mu"]["value"].is_null()) << st["mu"].dump();
  EXPECT_EQ(st["mu"]["points"], 5);
  EXPECT_LT(std::abs(st["mu"]["value"].get<double>()), 0.3) << st["mu"].dump();
  EXPECT_GT(st["mu"]["stderr"].get<double>(), 0);
  // The CSV: 6 waiting times x 3 groups x every lag, C(t_w, t_w) = 1 and MSD 0 on each first row.
  std::ifstream csv(dir / "stage3-aging.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "t_w,t,group,C,msd");
  std::getline(csv, line);
  EXPECT_EQ(line, "0,0,all,1,0");
  int rows = 1;
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows % 18, 0);
  EXPECT_GT(rows, 18 * 20);
  std::filesystem::remove_all(dir);
}

using test::replace_first;

TEST(AgingStage, BadValuesAreErrorsNamingTheKey) {
  auto err = [](const std::string& from, const std::string& to) {
    return test::recipe_error(replace_first(kStationary, from, to));
  };
  std::string m = err("waiting_times = [0, 1, 2, 4, 8, 16]", "waiting_times = [0, -1, 4]");
  EXPECT_NE(m.find("waiting_times: every waiting time must be >= 0, got -1"), std::string::npos) << m;
  m = err("waiting_times = [0, 1, 2, 4, 8, 16]", "waiting_times = [0, 0.0021]");
  EXPECT_NE(m.find("waiting_times: 0.0021 is not a whole number of time steps"), std::string::npos) << m;
  m = err("waiting_times = [0, 1, 2, 4, 8, 16]", "waiting_times = [4, 1, 4.0]");
  EXPECT_NE(m.find("waiting_times: two waiting times fall on the same time step"), std::string::npos) << m;
  m = err("waiting_times = [0, 1, 2, 4, 8, 16]", "waiting_times = []");
  EXPECT_NE(m.find("waiting_times: give at least one waiting time"), std::string::npos) << m;
  m = err("max_lag = 3", "max_lag = 0");
  EXPECT_NE(m.find("max_lag: must be > 0"), std::string::npos) << m;
  m = err("max_lag = 3", "");
  EXPECT_NE(m.find("max_lag"), std::string::npos) << m;
  m = err("temperature = 1.0\nwaiting", "temperature = -0.4\nwaiting");
  EXPECT_NE(m.find("temperature: must be > 0, got -0.4"), std::string::npos) << m;
  m = err("q = 7.25", "q = 7.25\ntau_fit = 2");
  EXPECT_NE(m.find("unknown key 'tau_fit'"), std::string::npos) << m;
  m = err("q = 7.25", "q = 7.25\nthermostat = \"langevin\"");
  EXPECT_NE(m.find("thermostat"), std::string::npos) << m;
}

TEST(AgingStage, MetalUnitsConvertTemperature) {
  const std::string metal = R"([system]
potential = { style = "eam/fs", file = "/usr/share/lammps/potentials/CuZr_mm.eam.fs", elements = ["Cu", "Zr"] }
generate = { n = 100, composition = [0.64, 0.36], seed = 1 }
[[stage]]
kind = "aging"
temperature = 700
waiting_times = [0, 1.0]
max_lag = 2.0
)";
  if (!std::filesystem::exists("/usr/share/lammps/potentials/CuZr_mm.eam.fs"))
    GTEST_SKIP() << "Debian lammps-data is not installed";
  const Recipe r = parse_recipe(metal, "metal.toml", ".");
  const AgingSpec& s = r.stages[0].as<AgingStage>().spec;
  EXPECT_NEAR(s.temperature, 700 * 8.617343e-5, 1e-12);
  EXPECT_DOUBLE_EQ(s.integrator.dt, 0.002);  // ps
  EXPECT_EQ(s.waiting_times, (std::vector<std::int64_t>{0, 500}));
  EXPECT_EQ(s.max_lag, 1000);
}

}  // namespace
}  // namespace vitrum
