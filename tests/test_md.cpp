// MD engine physics: energy conservation, thermostats' temperatures, thread-count independence,
// inherent structures and NVT averages against LAMMPS (tests/data/md/README.md).
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_helpers.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"

namespace vitrum {
namespace {

System liquid4000() {
  return make_system(read_configuration(test::data_dir() / "md" / "ka4000_liquid.data"), "kob-andersen", "liquid");
}

double conserved(const System& s, const Integrator& integ, double t) {
  const Thermo th = measure(s);
  return (th.kinetic_energy + th.potential_energy + integ.reservoir_energy(s, t)) / static_cast<double>(s.size());
}

// Least-squares slope of y against its index.
double slope(const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < y.size(); ++k) {
    sx += k; sy += y[k]; sxx += double(k) * k; sxy += k * y[k];
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// Velocity Verlet keeps E/N, with fluctuations second order in dt (halving dt divides them by about
// four). The energy-shifted KA potential has a force jump at the cut-off, which makes E/N random-walk:
// LAMMPS `fix nve` (dt = 0.005) on the same liquid drifts by 1.9e-4 over 1e5 steps (README).
TEST(Md, NveConservesEnergyWithSecondOrderFluctuations) {
  double spread[2];
  for (int pass = 0; pass < 2; ++pass) {
    const double dt = pass == 0 ? 0.005 : 0.0025;
    System s = liquid4000();
    auto nve = make_integrator({.ensemble = "nve", .dt = dt});
    std::vector<double> e;
    const int steps = static_cast<int>(std::lround(25.0 / dt));
    for (int k = 1; k <= steps; ++k) {
      nve->step(s, k, 0);
      if (k % 50 == 0) e.push_back(conserved(s, *nve, 0));
    }
    const double drift = std::abs(slope(e) * static_cast<double>(e.size()));
    EXPECT_LT(drift, 1e-4) << "dt " << dt;
    double lo = 1e300, hi = -1e300;
    for (double v : e) { lo = std::min(lo, v); hi = std::max(hi, v); }
    spread[pass] = hi - lo;
  }
  EXPECT_GT(spread[0] / spread[1], 2.5) << spread[0] << " vs " << spread[1];
}

// The force-shifted KA (no force jump at r_c) removes the cut-off's random walk of E: issue 4's
// 1e5-step figure (|ΔE|/N < 1e-4 at dt = 0.005) is measured by validation/md/nve_drift.sh; here a
// shorter run on the same liquid, whose fitted drift is 1e-5 over 6.5e4 steps.
TEST(Md, ForceShiftedKaConservesEnergy) {
  System s = make_system(read_configuration(test::data_dir() / "md" / "ka4000_liquid.data"), "kob-andersen-fs",
                         "liquid-fs");
  auto nve = make_integrator({.ensemble = "nve", .dt = 0.005});
  std::vector<double> e;
  for (int k = 1; k <= 6000; ++k) {
    nve->step(s, k, 0);
    if (k % 20 == 0) e.push_back(conserved(s, *nve, 0));
  }
  const double drift = slope(e) * static_cast<double>(e.size());
  EXPECT_LT(std::abs(drift), 3e-5);
  RecordProperty("drift_per_particle", std::to_string(drift));
}

// The extended energy of the chain is conserved as well as LAMMPS conserves it: `fix nvt temp 0.8
// 0.8 0.5 tchain 3` on the same start drifts by -2.5e-4 per particle over these 3000 steps.
TEST(Md, NoseHooverChainConservesExtendedEnergy) {
  System s = liquid4000();
  create_velocities(s, 0.8, 7);
  auto nvt = make_integrator({.ensemble = "nvt", .thermostat = "nose-hoover", .dt = 0.005});
  std::vector<double> e;
  for (int k = 1; k <= 3000; ++k) {
    nvt->step(s, k, 0.8);
    if (k % 50 == 0) e.push_back(conserved(s, *nvt, 0.8));
  }
  EXPECT_LT(std::abs(slope(e) * e.size()), 5e-4);
  EXPECT_NEAR(measure(s).temperature, 0.8, 0.05);
}

// MTK barostat: the mean pressure and temperature reach their targets, the box relaxes to the
// density of that state point (from ρ = 1.2 at T = 1, P ≈ 10 down to P = 5), and the extended
// energy (including P V and the barostat's kinetic energy) is conserved.
TEST(Md, NptReachesTargetPressure) {
  System s = liquid4000();
  auto npt = make_integrator({.ensemble = "npt", .dt = 0.005, .pressure = 5.0});
  double p_sum = 0, t_sum = 0;
  int count = 0;
  std::vector<double> e;
  const double v0 = s.box().volume();
  for (int k = 1; k <= 8000; ++k) {
    s.need_energy_virial = true;
    npt->step(s, k, 1.0);
    if (k > 3000 && k % 10 == 0) {
      const Thermo t = measure(s);
      p_sum += t.pressure;
      t_sum += t.temperature;
      ++count;
    }
    if (k > 3000 && k % 100 == 0) e.push_back(conserved(s, *npt, 1.0));
  }
  EXPECT_NEAR(p_sum / count, 5.0, 0.1);
  EXPECT_NEAR(t_sum / count, 1.0, 0.01);
  EXPECT_GT(s.box().volume(), 1.05 * v0);  // lower pressure, larger volume
  EXPECT_LT(std::abs(slope(e) * e.size()), 5e-4);
}

// Canonical thermostats reach the target: mean temperature, and Bussi's conserved quantity.
TEST(Md, StochasticThermostatsSampleTheTargetTemperature) {
  for (const char* ensemble : {"langevin", "nvt"}) {
    System s = make_system(test::random_configuration("kob-andersen", 1000, 8, 0.0), "kob-andersen", "t");
    MinimizeOptions relax{.method = "fire", .ftol = 1e-2, .max_iterations = 500};
    minimize(s, relax);
    create_velocities(s, 0.3, 3);
    auto integ = make_integrator({.ensemble = ensemble, .thermostat = "bussi", .dt = 0.005, .tdamp = 0.1, .seed = 9});
    double sum = 0;
    int count = 0;
    std::vector<double> e;
    for (int k = 1; k <= 6000; ++k) {
      integ->step(s, k, 1.0);
      if (k > 1000 && k % 10 == 0) {
        sum += measure(s).temperature;
        ++count;
      }
      if (k > 1000 && k % 100 == 0) e.push_back(conserved(s, *integ, 1.0));
    }
    EXPECT_NEAR(sum / count, 1.0, 0.01) << ensemble;
    EXPECT_LT(std::abs(slope(e) * e.size()), 2e-3) << ensemble;
  }
}

// Forces with one and two threads agree to summation round-off (the per-thread force arrays are
// summed in a fixed order, so each thread count is deterministic but the rounding differs).
TEST(Md, OneAndTwoThreadsAgreeToRoundoff) {
  const int saved = omp_get_max_threads();
  std::vector<Vec3> f[2];
  double energy[2];
  std::vector<Vec3> x[2];
  for (int t = 1; t <= 2; ++t) {
    omp_set_num_threads(t);
    System s = liquid4000();
    f[t - 1] = s.cfg.particles.force;
    energy[t - 1] = s.last.energy;
    auto nve = make_integrator({.ensemble = "nve", .dt = 0.005});
    for (int k = 1; k <= 50; ++k) nve->step(s, k, 0);
    x[t - 1] = s.cfg.particles.position;
  }
  omp_set_num_threads(saved);
  EXPECT_NEAR(energy[0], energy[1], 1e-12 * std::abs(energy[0]));
  double worst = 0, worst_x = 0;
  for (std::size_t i = 0; i < f[0].size(); ++i) worst = std::max(worst, norm(f[0][i] - f[1][i]));
  for (std::size_t i = 0; i < x[0].size(); ++i) worst_x = std::max(worst_x, norm(x[0][i] - x[1][i]));
  EXPECT_LT(worst, 1e-11);
  EXPECT_LT(worst_x, 1e-9);
}

// Inherent structure of a KA glass (N = 4000): both minimisers reach max|F| < 1e-10 and the
// e_IS of LAMMPS `minimize` (tests/data/md/minimize_reference.json) to 1e-8 relative.
TEST(Md, MinimisersReachLammpsInherentStructure) {
  std::ifstream in(test::data_dir() / "md" / "minimize_reference.json");
  const auto ref = nlohmann::json::parse(in);
  for (const char* method : {"cg", "fire"}) {
    System s = make_system(read_configuration(test::data_dir() / "md" / "ka4000_glass_prerelaxed.data"),
                           "kob-andersen", "glass");
    const MinimizeResult r = minimize(s, {.method = method, .ftol = 1e-10});
    EXPECT_TRUE(r.converged) << method;
    EXPECT_LT(r.fmax, 1e-10) << method;
    const double lammps = ref[method]["e_is_per_particle"].get<double>();
    EXPECT_NEAR(r.energy / s.size(), lammps, 1e-8 * std::abs(lammps)) << method;
  }
}

// NVT averages of E_pot/N and P at T = 0.8 and 1.0 agree with LAMMPS `fix nvt` (N = 4000,
// 1e5 production steps, tests/data/md/nvt_reference.json) within 3 combined standard errors.
// Ours is a shorter run (2e4 production steps) with its own block-averaged errors. Each temperature starts from a
// liquid already equilibrated there (tests/data/md/README.md: ka4000_T0.8.data, ~100 tau_alpha at T = 0.8 by vitrum;
// ka4000_liquid.data, LAMMPS at T = 1.0), so 4e3 steps (3-4 tau_alpha at T = 0.8) settle the fresh velocities and
// the thermostat; from the T = 1.0 liquid, T = 0.8 took 1e4. A thermostat 0.4 % off (T = 0.803) fails the test.
TEST(Md, NvtAveragesAgreeWithLammps) {
  std::ifstream in(test::data_dir() / "md" / "nvt_reference.json");
  const auto ref = nlohmann::json::parse(in);
  for (const auto& [t, start] : {std::pair{"0.8", "ka4000_T0.8.data"}, std::pair{"1.0", "ka4000_liquid.data"}}) {
    const std::string text = fmt::format(R"(
[system]
read = "{}"
potential = "kob-andersen"
seed = 5
[output]
thermo_every = 1000
checkpoint_every = 0
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = {}
dt = 0.005
steps = 24000
equilibrate = 4000
velocities = "create"
)", (test::data_dir() / "md" / start).string(), t);
    const auto out = std::filesystem::temp_directory_path() / ("vitrum_nvt_" + std::string(t) + "_" + std::to_string(::getpid()));
    const auto summary = run_recipe(parse_recipe(text, "nvt.toml", "."), {out, false});
    std::filesystem::remove_all(out);
    const auto& st = summary["stages"][0];
    const auto& r = ref[std::string("T") + t];
    for (const char* key : {"pe_per_particle", "pressure", "temperature"}) {
      const double ours = st["mean"][key], theirs = r[key]["mean"];
      const double err = std::hypot(st["stderr"][key].get<double>(), r[key]["stderr"].get<double>());
      EXPECT_LT(std::abs(ours - theirs), 3 * err) << "T=" << t << " " << key << ": vitrum " << ours << " LAMMPS " << theirs
                                                  << " combined stderr " << err;
    }
  }
}

}  // namespace
}  // namespace vitrum
