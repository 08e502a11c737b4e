// Cyclic AQS: a cycle far below the first event returns to the same state (stroboscopic MSD at round-off,
// no events), a large one does not (events in both shear directions), the stroboscopic MSD by hand, and
// the `cyclic_aqs` recipe stage (keys, errors naming key and file, summary and CSVs).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "test_helpers.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

// A KA glass quenched instantly from a random state and minimised to 1e-10 (made once).
const System& glass(std::size_t n) {
  static std::map<std::size_t, System> made;
  auto it = made.find(n);
  if (it == made.end()) {
    System s = make_system(test::random_configuration("kob-andersen", n, 7, 0.0), "kob-andersen", "ka");
    MinimizeOptions m;
    m.method = "cg";
    m.ftol = 1e-10;
    EXPECT_TRUE(minimize(s, m).converged);
    it = made.emplace(n, std::move(s)).first;
  }
  return it->second;
}

using test::copy_of;

CyclicAqsOptions cyclic_options(double amplitude, double dgamma, std::int64_t cycles) {
  CyclicAqsOptions o;
  o.amplitude = amplitude;
  o.dgamma = dgamma;
  o.cycles = cycles;
  o.minimize.method = "cg";
  o.minimize.ftol = 1e-10;
  return o;
}

TEST(CyclicAqs, StroboscopicMsdRemovesTheCentreOfMassByHand) {
  const std::vector<Vec3> a{{0, 0, 0}, {1, 0, 0}};
  EXPECT_NEAR(stroboscopic_msd(a, {{0.3, -0.1, 2}, {1.3, -0.1, 2}}), 0.0, 1e-30);
  // One particle moves by 0.2 in x: centre of mass by 0.1, each particle 0.1 from it.
  EXPECT_NEAR(stroboscopic_msd(a, {{0.2, 0, 0}, {1, 0, 0}}), 0.01, 1e-15);
  EXPECT_THROW((void)stroboscopic_msd(a, {{0, 0, 0}}), Error);
}

TEST(CyclicAqs, CycleFarBelowTheFirstEventIsExactlyReversible) {
  System s = copy_of(glass(500));
  const double e0 = s.last.energy;
  // This instantly quenched glass has soft spots that flip already at γ = 2e-4 (measured: MSD 7e-9 after
  // one cycle, then a period-1 orbit); 2e-5 is far below them.
  const CyclicAqsResult r = run_cyclic_aqs(s, cyclic_options(2e-5, 5e-6, 2));
  ASSERT_EQ(r.cycles.size(), 2u);
  ASSERT_EQ(r.curve.size(), 1u + 2 * 16);
  EXPECT_TRUE(r.converged);
  // The strain path: +A at step 4, −A at step 12, back to the start at 16 and 32.
  EXPECT_NEAR(r.curve[4].gamma, 2e-5, 1e-15);
  EXPECT_NEAR(r.curve[12].gamma, -2e-5, 1e-15);
  EXPECT_NEAR(r.curve.back().gamma, 0.0, 1e-15);
  EXPECT_GT(r.curve[4].stress_xy, r.curve[0].stress_xy);
  EXPECT_LT(r.curve[12].stress_xy, r.curve[0].stress_xy);
  for (const CyclicAqsCycle& c : r.cycles) {
    EXPECT_EQ(c.events, 0);
    // Round-off: both ends minimised to max |F| < 1e-10 (an affine displacement left in would give ~1e-9).
    EXPECT_LT(c.msd, 1e-20);
    EXPECT_LT(c.msd_from_start, 1e-20);
    EXPECT_EQ(c.period, 1);
    EXPECT_NEAR(c.pe_per_particle, r.start_pe_per_particle, 1e-13);
  }
  EXPECT_NEAR(r.start_pe_per_particle * static_cast<double>(s.size()), e0, 1e-9);
  EXPECT_EQ(r.absorbed_at, 1);
}

TEST(CyclicAqs, LargeCycleHasEventsBothWaysAndMovesParticles) {
  System s = copy_of(glass(256));
  CyclicAqsOptions o = cyclic_options(0.12, 0.01, 1);
  o.drop_threshold = 0.01;
  const CyclicAqsResult r = run_cyclic_aqs(s, o);
  ASSERT_EQ(r.curve.size(), 1u + 48);
  int forward = 0, backward = 0;
  for (std::size_t k = 1; k < r.curve.size(); ++k)
    if (r.curve[k].event) ++(r.curve[k].gamma < r.curve[k - 1].gamma ? backward : forward);
  EXPECT_GT(forward, 0);
  EXPECT_GT(backward, 0) << "a drop of |σ| while γ decreases is σ rising";
  EXPECT_EQ(r.cycles[0].events, forward + backward);
  EXPECT_GT(r.cycles[0].msd, 1e-3);
  EXPECT_EQ(r.cycles[0].period, 0);
  EXPECT_EQ(r.absorbed_at, 0);
}

TEST(CyclicAqs, RejectsBadOptions) {
  System s = copy_of(glass(256));
  EXPECT_THROW(run_cyclic_aqs(s, cyclic_options(2.5e-4, 1e-4, 1)), Error);  // not a whole number of steps
  EXPECT_THROW(run_cyclic_aqs(s, cyclic_options(1e-4, 1e-4, 0)), Error);
  EXPECT_THROW(run_cyclic_aqs(s, cyclic_options(0, 1e-4, 1)), Error);
}

const std::string kCyclicHead = "[system]\ngenerate = { model = \"kob-andersen\", n = 100 }\npotential = \"kob-andersen\"\n";

TEST(RecipeCyclicAqs, BadKeysAreErrorsNamingKeyAndFile) {
  const std::string good = kCyclicHead + "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 1e-3\namplitude = 0.01\ncycles = 3\n";
  EXPECT_EQ(test::recipe_error(good), "");
  auto expect = [&](const std::string& text, const std::string& key, const std::string& what) {
    const std::string msg = test::recipe_error(text);
    EXPECT_NE(msg.find("bad.toml"), std::string::npos) << msg;
    EXPECT_NE(msg.find(key), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  };
  expect(good + "gamma_max = 0.1\n", "gamma_max", "gamma_max");
  expect(good + "refine = false\n", "refine", "refine");
  expect(kCyclicHead + "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 1e-3\ncycles = 3\n", "amplitude", "amplitude");
  expect(kCyclicHead + "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 1e-3\namplitude = 0.01\n", "cycles", "cycles");
  expect(kCyclicHead + "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 3e-3\namplitude = 0.01\ncycles = 3\n", "amplitude",
         "whole number of steps");
  expect(good + "strain_step = 1e-3\n", "strain_step", "not both");
  expect(kCyclicHead + "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 1e-3\namplitude = 0.01\ncycles = 0\n", "cycles", ">= 1");
  expect(good + "absorbing_msd = -1\n", "absorbing_msd", "positive");
  expect(good + "method = \"newton\"\n", "method", "known: fire, cg, lbfgs");
}

TEST(RecipeCyclicAqs, StageWritesPerCycleCsvAndSummary) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_cyclic_aqs_stage";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_configuration(dir / "glass.data", glass(256).cfg, "KA glass for the cyclic_aqs recipe test");
  const std::string text = R"([system]
read = "glass.data"
potential = "kob-andersen"
[[stage]]
kind = "cyclic_aqs"
strain_step = 5e-5
amplitude = 1e-4
cycles = 2
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, "cyclic.toml", dir), {.out_dir = dir / "out"});
  const auto& st = summary["stages"][0];
  EXPECT_EQ(st["kind"], "cyclic_aqs");
  ASSERT_EQ(st["strobe_msd"].size(), 2u);
  ASSERT_EQ(st["events_per_cycle"].size(), 2u);
  ASSERT_EQ(st["strobe_pe_per_particle"].size(), 2u);
  EXPECT_TRUE(st["absorbing"].get<bool>());
  EXPECT_EQ(st["absorbed_at_cycle"].get<int>(), 1);
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "stage1-cyclic_aqs.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "stage1-cyclic_aqs-curve.csv"));
}

}  // namespace
}  // namespace vitrum
