// Shear fatigue: the work of a reversible loop (0, and a quarter's work is the stored energy), the failure rule on a
// small swap-annealed glass (a large amplitude fails by a band within a few cycles, a small one falls into a limit
// cycle), the `fatigue` stage's files and summary, its key errors, and one cycle of a CuZr EAM glass in metal units.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "test_helpers.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/shear/fatigue.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {
namespace {

// tests/data/fatigue/poly500_swap.data: N = 500 polydisperse soft spheres (rho = 1) annealed by swap Monte Carlo
// down to T = 0.08 and minimised (tests/data/fatigue/README.md says how it was made).
System swap_glass() {
  return make_system(read_configuration(test::data_dir() / "fatigue" / "poly500_swap.data"), "polydisperse-ss", "swap glass");
}

FatigueOptions fatigue_options(double amplitude, double dgamma, std::int64_t cycles) {
  FatigueOptions o;
  o.cyclic.amplitude = amplitude;
  o.cyclic.dgamma = dgamma;
  o.cyclic.cycles = cycles;
  o.cyclic.minimize.method = "cg";
  o.cyclic.minimize.ftol = 1e-10;
  o.band.slab_width = 1.5;  // 5 slabs across the 7.9 sigma box
  return o;
}

TEST(Fatigue, LoopWorkByTheTrapezoidRule) {
  // σ = 2γ from 0 to 0.1 and back: ∫ σ dγ is 0.01 up and −0.01 down; times V/N = 3.
  std::vector<AqsPoint> c;
  for (int k : {0, 1, 2, 1, 0}) c.push_back({0.05 * k, 0.1 * k, 0, false, 0, 0});
  EXPECT_NEAR(loop_work(c, 0, 2, 30.0, 10), 0.03, 1e-15);
  EXPECT_NEAR(loop_work(c, 0, 4, 30.0, 10), 0.0, 1e-15);
  // σ falls to 0 on the way down: the loop's area is 0.01 up less 0.005 back.
  c[3].stress_xy = 0.0;
  c[4].stress_xy = 0.0;
  EXPECT_NEAR(loop_work(c, 0, 4, 1.0, 1), 0.005, 1e-15);
  EXPECT_THROW((void)loop_work(c, 3, 2, 1.0, 1), Error);
  EXPECT_THROW((void)loop_work(c, 0, 5, 1.0, 1), Error);
}

TEST(Fatigue, ReversibleCycleDoesNoWorkAndItsQuarterStoresTheEnergy) {
  System s = swap_glass();
  // Far below the first plastic event: the loop is elastic (and nonlinear only at the 1e-4 level).
  const FatigueResult r = run_fatigue(s, fatigue_options(1e-4, 2.5e-5, 3));
  ASSERT_GE(r.cycles.size(), 1u);
  EXPECT_EQ(r.outcome, "limit_cycle");
  EXPECT_EQ(r.limit_cycle_at, 1);
  EXPECT_EQ(r.cycles.size(), 1u) << "stop_at_limit_cycle stops at the first repeated state";
  const FatigueCycle& c = r.cycles[0];
  EXPECT_EQ(c.strobe.events, 0);
  EXPECT_FALSE(c.failed);
  // Elastic: e_el = ½ γ_max Δσ V/N = (G/2) γ_max² V/N with G ~ 5-20 in these units at rho = 1: e_el ~ 1e-7.
  EXPECT_GT(r.elastic_energy, 1e-8);
  EXPECT_LT(r.elastic_energy, 1e-6);
  // The closed loop's work is zero up to the minimiser's round-off (the same states up and down).
  EXPECT_LT(std::abs(c.strobe.work), 1e-6 * r.elastic_energy);
  // The first quarter's work ∫σ dγ · V/N is the energy it stored, E(γ_max) − E(0) (the trapezoid is exact for a linear
  // σ(γ)); the start's residual stress σ0 makes that σ0 γ_max V/N + e_el, of either sign (here σ0 < 0 dominates).
  const double quarter = loop_work(r.curve, 0, 4, s.volume(), s.size());
  const double stored = r.curve[4].pe_per_particle - r.curve[0].pe_per_particle;
  EXPECT_NEAR(quarter, stored, 1e-4 * std::abs(stored));
  const double sigma0 = r.curve[0].stress_xy * s.volume() / static_cast<double>(s.size());
  EXPECT_NEAR(stored, sigma0 * 1e-4 + r.elastic_energy, 1e-3 * std::abs(stored));
}

TEST(Fatigue, LargeAmplitudeFailsByOneBandAndSmallOneReachesALimitCycle) {
  {
    System s = swap_glass();
    const FatigueResult r = run_fatigue(s, fatigue_options(0.16, 0.01, 8));
    ASSERT_EQ(r.outcome, "failed");
    EXPECT_GE(r.failed_at, 1);
    EXPECT_LE(r.failed_at, 4);
    EXPECT_EQ(static_cast<std::int64_t>(r.cycles.size()), r.failed_at) << "stop_at_failure";
    const FatigueCycle& f = r.cycles.back();
    EXPECT_TRUE(f.failed);
    EXPECT_TRUE(f.band.detected);
    EXPECT_GE(f.band.localization_index, 0.25);
    EXPECT_GE(f.energy_rise, FatigueOptions{}.energy_rise * r.elastic_energy);
    EXPECT_GE(r.band_at, 1);
    EXPECT_LE(r.band_at, r.failed_at);
    // Work of a plastic loop: positive, and at least the stored energy change (the rest is lost in the events).
    EXPECT_GT(f.strobe.work, 0.0);
    const double before = r.cycles.size() > 1 ? r.cycles[r.cycles.size() - 2].strobe.pe_per_particle : r.start_pe_per_particle;
    EXPECT_GT(f.strobe.work, f.strobe.pe_per_particle - before);
    EXPECT_GT(f.strobe.events, 0);
  }
  {
    System s = swap_glass();
    const FatigueResult r = run_fatigue(s, fatigue_options(0.02, 0.01, 8));
    EXPECT_EQ(r.outcome, "limit_cycle");
    EXPECT_EQ(r.failed_at, 0);
    EXPECT_LE(r.limit_cycle_at, 3);
    for (const FatigueCycle& c : r.cycles) EXPECT_FALSE(c.failed);
  }
}

TEST(Fatigue, RejectsBadOptions) {
  System s = swap_glass();
  FatigueOptions o = fatigue_options(0.02, 0.01, 1);
  o.energy_rise = -1;
  EXPECT_THROW(run_fatigue(s, o), Error);
  o = fatigue_options(0.02, 0.01, 1);
  o.d2min_cutoff = 0;
  EXPECT_THROW(run_fatigue(s, o), Error);
  EXPECT_THROW(run_fatigue(s, fatigue_options(0.025, 0.01, 1)), Error);  // not a whole number of steps
  EXPECT_THROW(run_fatigue(s, fatigue_options(0.02, 0.01, 0)), Error);
}

const std::string kFatigueHead = "[system]\ngenerate = { model = \"kob-andersen\", n = 100 }\npotential = \"kob-andersen\"\n";

TEST(RecipeFatigue, BadKeysAreErrorsNamingKeyAndFile) {
  const std::string stage = "[[stage]]\nkind = \"fatigue\"\ndgamma = 1e-3\n";
  const std::string good = kFatigueHead + stage + "amplitude = 0.01\n";
  EXPECT_EQ(test::recipe_error(good), "");
  auto expect = [&](const std::string& text, const std::string& key, const std::string& what) {
    const std::string msg = test::recipe_error(text);
    EXPECT_NE(msg.find("bad.toml"), std::string::npos) << msg;
    EXPECT_NE(msg.find(key), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  };
  expect(kFatigueHead + stage, "amplitude", "amplitude");
  expect(kFatigueHead + stage + "amplitude = 0.0\n", "amplitude", "positive whole number of steps");
  expect(kFatigueHead + stage + "amplitude = -0.01\n", "amplitude", "positive whole number of steps");
  expect(kFatigueHead + stage + "amplitude = 0.0105\n", "amplitude", "whole number of steps");
  expect(good + "max_cycles = 0\n", "max_cycles", "1 .. 1000000");
  expect(good + "cycles = 5\n", "cycles", "unknown key");
  expect(good + "strain_step = 1e-3\n", "strain_step", "not both");
  expect(good + "energy_rise = -0.5\n", "energy_rise", ">= 0");
  expect(good + "band_threshold = 1.0\n", "band_threshold", "(0, 1)");
  expect(good + "d2min_cutoff = 0.0\n", "d2min_cutoff", "positive");
  expect(good + "stop_at_failure = 1\n", "stop_at_failure", "stop_at_failure");
  expect(good + "method = \"newton\"\n", "method", "known: fire, cg, lbfgs");
}

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path, std::string& header) {
  std::ifstream in(path);
  std::getline(in, header);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> row;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

TEST(RecipeFatigue, StageWritesCyclesLoopsBandMapAndSummary) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_fatigue_stage";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(test::data_dir() / "fatigue" / "poly500_swap.data", dir / "glass.data");
  const std::string text = R"([system]
read = "glass.data"
potential = "polydisperse-ss"
[[stage]]
kind = "fatigue"
strain_step = 0.01
amplitude = 0.16
max_cycles = 8
band_slab_width = 1.5
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, "fatigue.toml", dir), {.out_dir = dir / "out"});
  const auto& st = summary["stages"][0];
  EXPECT_EQ(st["kind"], "fatigue");
  EXPECT_EQ(st["outcome"], "failed");
  ASSERT_TRUE(st["failed"].get<bool>());
  const auto n = st["cycles_to_failure"].get<std::int64_t>();
  EXPECT_EQ(st["cycles"].get<std::int64_t>(), n);
  EXPECT_EQ(st["dissipated_work_per_cycle"].size(), static_cast<std::size_t>(n));
  EXPECT_EQ(st["strobe_pe_per_particle"].size(), static_cast<std::size_t>(n));
  EXPECT_TRUE(st["band"].is_object());
  EXPECT_EQ(st["energy_unit"], "epsilon");
  EXPECT_TRUE(st["limit_cycle_at"].is_null());
  std::string header;
  const auto cycles = read_csv(dir / "out" / "stage1-fatigue.csv", header);
  EXPECT_EQ(header.rfind("cycle,pe_per_particle,energy_rise,dissipated_work,", 0), 0u) << header;
  ASSERT_EQ(cycles.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(cycles.back()[18], "1") << "the failed column of the last row";
  const auto curve = read_csv(dir / "out" / "stage1-fatigue-curve.csv", header);
  EXPECT_EQ(header, "cycle,gamma,stress_xy,pe_per_particle,event,iterations");
  ASSERT_EQ(curve.size(), 1u + 64 * static_cast<std::size_t>(n));
  EXPECT_EQ(curve[0][0], "0");
  EXPECT_EQ(curve[64][0], "1");
  EXPECT_EQ(curve.back()[0], std::to_string(n));
  const auto d2 = read_csv(dir / "out" / "stage1-fatigue-d2min.csv", header);
  EXPECT_EQ(d2.size(), 500u);
}

// Metal units: one cycle of the Cu64Zr36 EAM glass (2000 atoms, tests/data/fatigue/cuzr_is.data): stresses in bar,
// work and energies in eV per atom; the first quarter's work from the curve (bar × strain × Å³ per atom, / 1.6021765e6
// bar per eV/Å³) is the stored energy the summary reports in eV.
TEST(Fatigue, StageReportsMetalUnits) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_fatigue_metal";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(test::data_dir() / "fatigue" / "cuzr_is.data", dir / "cuzr.data");
  const std::string text = R"([system]
read = "cuzr.data"
potential = { style = "eam/fs", file = "/usr/share/lammps/potentials/CuZr_mm.eam.fs", elements = ["Cu", "Zr"] }
[[stage]]
kind = "fatigue"
amplitude = 0.005
dgamma = 0.005
max_cycles = 1
ftol = 1e-6
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, (dir / "fatigue.toml").string(), dir), {.out_dir = dir / "out"});
  const nlohmann::json& st = summary["stages"][0];
  EXPECT_EQ(st["units"], "metal");
  EXPECT_EQ(st["energy_unit"], "eV");
  EXPECT_EQ(st["stress_unit"], "bar");
  EXPECT_DOUBLE_EQ(st["d2min_cutoff"].get<double>(), 6.25);
  const double amp = st["stress_amplitude"][0].get<double>();
  // G of a CuZr glass ~ 25-35 GPa: 0.5 % strain is ~ 1.5 kbar.
  EXPECT_GT(amp, 500.0);
  EXPECT_LT(amp, 5000.0);
  const double e_el = st["elastic_energy"].get<double>();
  EXPECT_GT(e_el, 1e-5);
  EXPECT_LT(e_el, 1e-3);
  std::string header;
  const auto curve = read_csv(dir / "out" / "stage1-fatigue-curve.csv", header);
  ASSERT_EQ(curve.size(), 5u);  // the start, then +0.005, 0, −0.005, 0
  const double w_bar = 0.5 * (std::stod(curve[1][2]) + std::stod(curve[0][2])) * (std::stod(curve[1][1]) - std::stod(curve[0][1]));
  const double volume_per_atom = st["final"]["volume"].get<double>() / 2000.0;
  const double stored = std::stod(curve[1][3]) - std::stod(curve[0][3]);  // eV per atom
  EXPECT_NEAR(w_bar * volume_per_atom / 1.6021765e6, stored, 0.05 * std::abs(stored) + 0.02 * e_el);
  // e_el from the curve's stresses in bar: ½ γ_max (σ(γ_max) − σ(0)) V/N.
  const double e_el_bar = 0.5 * 0.005 * (std::stod(curve[1][2]) - std::stod(curve[0][2])) * volume_per_atom / 1.6021765e6;
  EXPECT_NEAR(e_el_bar, e_el, 1e-6 * e_el);
  // One loop of 0.5 % in a glass: nearly elastic, its work a small fraction of the stored energy.
  EXPECT_LT(std::abs(st["dissipated_work_per_cycle"][0].get<double>()), 0.5 * e_el);
}

}  // namespace
}  // namespace vitrum
