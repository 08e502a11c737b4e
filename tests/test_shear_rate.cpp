// Finite-rate shear (SLLOD, `shear_rate`) and creep: free particles follow exact straight lab-frame lines across
// y crossings and tilt flips; γ̇ = 0 is the NVT integrator bit for bit; a sheared KA liquid keeps T, a flat
// peculiar profile and σ_xy > 0; the creep PI law converges on model materials; creep of a glass at zero
// stress arrests, creep of a liquid carries its target stress; the recipe stages and their errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "test_helpers.hpp"
#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/atomistic/protocol/flow_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/atomistic/shear/sllod.hpp"

namespace vitrum {
namespace {

// An equilibrated KA liquid at T = 1, N = 400 (made once): 2000 NVT steps from a random start.
const System& ka_liquid() {
  static const System liquid = [] {
    System s = make_system(test::random_configuration("kob-andersen", 400, 3, 0.0), "kob-andersen", "ka400");
    create_velocities(s, 1.0, 11);
    IntegratorOptions o;
    o.ensemble = "nvt";
    o.tdamp = 0.5;
    auto nvt = make_integrator(o);
    for (std::int64_t k = 1; k <= 2000; ++k) nvt->step(s, k, 1.0);
    return s;
  }();
  return liquid;
}

System copy_with_velocities(const System& s) {
  System c = make_system(s.cfg, std::string(s.potential->name()), "copy", s.list.skin());
  c.cfg.has_velocities = s.cfg.has_velocities;
  return c;
}

// Free particles (every pair far beyond the cut-off at all times) under SLLOD: in the lab frame each moves on a
// straight line with velocity c_x(0) + γ̇ (y(0) − ylo), whatever the box does. Eight particles on a 2×2×2 lattice
// of spacing 15 share one peculiar velocity, so rows in y stay 15 apart and never interact. γ̇ t = 2.4 takes
// the tilt through two flips; c_y carries every particle across the y faces.
TEST(ShearRate, FreeParticlesMoveOnStraightLabLinesAcrossFlips) {
  GenerateOptions g;
  g.n = 8;
  g.density = 8.0 / 27000.0;
  g.seed = 1;
  Configuration cfg = generate_configuration(find_model("kob-andersen"), g);
  ASSERT_NEAR(cfg.box.lengths().x, 30.0, 1e-9);
  const Vec3 lo = cfg.box.lo();
  const Vec3 c0{0.3, 0.7, -0.2};
  for (std::size_t i = 0; i < 8; ++i) {
    cfg.particles.position[i] = lo + Vec3{3.75 + 15.0 * (i & 1), 3.75 + 15.0 * ((i >> 1) & 1), 3.75 + 15.0 * ((i >> 2) & 1)};
    cfg.particles.velocity[i] = c0;
    cfg.particles.image[i] = {0, 0, 0};
  }
  cfg.has_velocities = true;
  System s = make_system(cfg, "kob-andersen", "free particles");
  std::vector<Vec3> start(8);
  for (std::size_t i = 0; i < 8; ++i) start[i] = s.particles().position[i];
  const std::vector<std::int64_t> ids = s.particles().id;
  SllodOptions o;
  o.dt = 0.01;
  o.tdamp = 1e9;  // the chain stays at rest to round-off: pure SLLOD
  Sllod sllod(o);
  const double rate = 0.12, T = 2.0 * kinetic_energy(s.particles()) / degrees_of_freedom(s);
  const int steps = 2000;
  for (int k = 1; k <= steps; ++k) {
    sllod.step(s, k, T, rate);
    double fmax = 0;
    for (const Vec3& f : s.particles().force) fmax = std::max(fmax, norm2(f));
    ASSERT_EQ(fmax, 0.0) << "particles interacted at step " << k;
  }
  const double t = steps * o.dt;
  EXPECT_NEAR(s.cfg.box.strain_xy(), rate * t, 1e-12);
  EXPECT_LE(std::abs(s.cfg.box.xy()), 0.5 * s.cfg.box.lengths().x);
  int crossed = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const auto k = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), s.particles().id[i]) - ids.begin());
    const Vec3 r = s.cfg.box.unwrap(s.particles().position[i], s.particles().image[i]);
    const Vec3& r0 = start[k];
    const double lab_vx = c0.x + rate * (r0.y - lo.y);
    EXPECT_NEAR(r.x, r0.x + lab_vx * t, 1e-9) << "particle " << k;
    EXPECT_NEAR(r.y, r0.y + c0.y * t, 1e-9);
    EXPECT_NEAR(r.z, r0.z + c0.z * t, 1e-9);
    // The lab velocity is constant: peculiar c_x has lost γ̇ c_y t, the streaming part gained it.
    const Vec3& c = s.particles().velocity[i];
    EXPECT_NEAR(c.x + rate * (r.y - lo.y), lab_vx, 1e-9);
    EXPECT_NEAR(c.y, c0.y, 1e-12);
    crossed += s.particles().image[i][1] != 0;
  }
  EXPECT_EQ(crossed, 4);  // the upper row went through the y face (18.75 + 14 > 30), the lower did not
}

// γ̇ = 0: the SLLOD step is the Nosé–Hoover chain NVT step operation for operation (bit for bit).
TEST(ShearRate, ZeroRateIsTheNvtIntegratorBitForBit) {
  System a = copy_with_velocities(ka_liquid()), b = copy_with_velocities(ka_liquid());
  IntegratorOptions io;
  io.ensemble = "nvt";
  io.tdamp = 0.3;
  io.dt = 0.004;
  auto nvt = make_integrator(io);
  SllodOptions so;
  so.dt = 0.004;
  so.tdamp = 0.3;
  so.chain = io.chain;  // 3, the md default
  Sllod sllod(so);
  for (std::int64_t k = 1; k <= 300; ++k) {
    nvt->step(a, k, 0.9);
    sllod.step(b, k, 0.9, 0.0);
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.particles().position[i], b.particles().position[i]) << i;
    ASSERT_EQ(a.particles().velocity[i], b.particles().velocity[i]) << i;
  }
  EXPECT_EQ(b.cfg.box.strain_xy(), 0.0);
}

// A KA liquid at T = 1 sheared at γ̇ = 0.1 (strain 1): the thermostat on the peculiar velocities holds T, the
// peculiar velocity has no profile left in y (the box carries the linear one), and σ_xy > 0 with η = σ/γ̇ near
// LAMMPS's 10.9 at N = 1000 (validation/shear_rate). At γ̇ = 0.5 the viscous heating is strong enough that
// Bussi (ΔT = 2 H tdamp/dof) and a Nosé–Hoover *chain* (its second thermostat damps the first's mean friction)
// settle ~0.2 above the target with tdamp = 0.5; README notes it.
TEST(ShearRate, ThermostatHoldsTAndProfileStaysLinearInAKaLiquid) {
  for (const std::string thermostat : {"nose-hoover", "bussi"}) {
    System s = copy_with_velocities(ka_liquid());
    SllodOptions o;
    o.thermostat = thermostat;
    o.tdamp = 0.1;
    o.seed = 4;
    Sllod sllod(o);
    const double rate = 0.1, ly = s.cfg.box.lengths().y, ylo = s.cfg.box.lo().y;
    std::vector<double> temperature, stress;
    constexpr int kSlabs = 4;
    double slab_sum[kSlabs] = {}, slab_n[kSlabs] = {};
    for (std::int64_t k = 1; k <= 2000; ++k) {
      s.need_energy_virial = k % 10 == 0;
      sllod.step(s, k, 1.0, rate);
      if (k % 10 || k <= 400) continue;
      const Thermo t = measure(s);
      temperature.push_back(t.temperature);
      stress.push_back(-t.stress[3]);
      for (std::size_t i = 0; i < s.size(); ++i) {
        Vec3 r = s.particles().position[i];
        Int3 img{};
        s.cfg.box.wrap(r, img);
        const int b = std::min(kSlabs - 1, static_cast<int>((r.y - ylo) / ly * kSlabs));
        slab_sum[b] += s.particles().velocity[i].x;
        slab_n[b] += 1;
      }
    }
    const MeanError te = block_average(temperature, 10), se = block_average(stress, 10);
    EXPECT_NEAR(te.mean, 1.0, 0.02) << thermostat;
    EXPECT_GT(se.mean, 5 * se.stderr_) << thermostat;
    EXPECT_GT(se.mean / rate, 5.0) << thermostat;
    EXPECT_LT(se.mean / rate, 20.0) << thermostat;
    // A missing or doubled affine step would leave a peculiar profile ±γ̇ Ly/2 ≈ ±0.35 at the slab ends.
    for (int b = 0; b < kSlabs; ++b) EXPECT_LT(std::abs(slab_sum[b] / slab_n[b]), 0.08) << thermostat << " slab " << b;
  }
}

// The PI law on model materials with exact answers: an elastic solid σ = G γ settles at γ = σ*/G; a Newtonian
// liquid σ = η γ̇ settles at γ̇ = σ*/η; the proportional law alone leaves the offset γ̇ = σ*/(η + η_box).
TEST(Creep, PiLawConvergesOnSolidAndLiquid) {
  const double target = 0.3, dt = 0.005, G = 15, eta = 3;
  CreepController c{target, 10, 3, 0};
  double gamma = 0;
  for (int k = 0; k < 40000; ++k) gamma += c.rate(G * gamma, dt) * dt;
  EXPECT_NEAR(gamma, target / G, 1e-8);
  CreepController l{target, 10, 3, 0};
  double rate = 0;
  for (int k = 0; k < 400000; ++k) rate = l.rate(eta * rate, dt);
  EXPECT_NEAR(rate, target / eta, 1e-6);
  CreepController p{target, 10, 0, 0};
  rate = 0;
  for (int k = 0; k < 1000; ++k) rate = p.rate(eta * rate, dt);
  EXPECT_NEAR(rate, target / (eta + 10), 1e-12);
}

struct CreepRun {
  double mean_stress = 0, stress_stderr = 0, mean_rate = 0, rate_stderr = 0, strain = 0;
};

CreepRun creep(System& s, double temperature, double target, int steps) {
  SllodOptions o;
  o.tdamp = 0.5;
  o.chain = 3;  // the creep stage's default
  Sllod sllod(o);
  CreepController c{target, 10, 3, 0};
  s.need_energy_virial = true;
  s.compute_forces();
  const double g0 = s.cfg.box.strain_xy();
  std::vector<double> stress, rate;
  for (int k = 1; k <= steps; ++k) {
    const double r = c.rate(sheared_stress_xy(s), o.dt);
    sllod.step(s, k, temperature, r);
    if (k > steps / 2 && k % 10 == 0) {
      stress.push_back(sheared_stress_xy(s));
      rate.push_back(r);
    }
  }
  const MeanError se = block_average(stress, 10), re = block_average(rate, 10);
  return {se.mean, se.stderr_, re.mean, re.stderr_, s.cfg.box.strain_xy() - g0};
}

// A KA glass (instant quench, then T = 0.1) under zero target stress does not flow: the strain stays at the
// residual-stress offset (≪ 0.01) and the mean rate over the second half is zero within noise.
TEST(Creep, GlassAtZeroStressDoesNotFlow) {
  System s = copy_with_velocities(ka_liquid());
  MinimizeOptions m;
  m.method = "fire";
  m.ftol = 1e-6;
  (void)minimize(s, m);
  create_velocities(s, 0.1, 5);
  const CreepRun r = creep(s, 0.1, 0.0, 4000);
  EXPECT_LT(std::abs(r.strain), 0.01);
  EXPECT_LT(std::abs(r.mean_rate), 1e-3);
  EXPECT_LT(std::abs(r.mean_stress), 0.05);
}

// A KA liquid at T = 1 (η ≈ 11) under σ* = 1 flows (γ̇ ≈ 0.1) and carries the target stress on average.
TEST(Creep, LiquidCarriesTargetStressOnAverage) {
  System s = copy_with_velocities(ka_liquid());
  const CreepRun r = creep(s, 1.0, 1.0, 8000);
  EXPECT_NEAR(r.mean_stress, 1.0, std::max(0.05, 4 * r.stress_stderr)) << r.stress_stderr;
  EXPECT_GT(r.mean_rate, 0.03);
  EXPECT_GT(r.mean_rate, 5 * r.rate_stderr);
  EXPECT_GT(r.strain, 0.5);
}

const char* kFlowRecipe = R"([system]
generate = { model = "kob-andersen", n = 400, density = 1.2 }
potential = "kob-andersen"
seed = 3
[output]
sample_every = 10
blocks = 10
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 1.0
steps = 1000
tdamp = 0.5
[[stage]]
kind = "shear_rate"
rate = 0.1
gamma_max = 2
temperature = 1.0
tdamp = 0.2
transient_strain = 0.5
[[stage]]
kind = "creep"
stress = 1.0
steps = 2000
temperature = 1.0
tdamp = 0.5
)";

using test::replace_first;

// The recipe stages end to end: summary entries, CSV columns and lengths, the viscosity from the steady part.
TEST(ShearRate, RecipeStagesWriteCsvAndSummary) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_test_shear_rate";
  std::filesystem::remove_all(dir);
  const Recipe recipe = parse_recipe(kFlowRecipe, "flow.toml", ".");
  ASSERT_EQ(recipe.stages[1].as<FlowStage>().flow.steps, 4000);  // 2 / (0.1 · 0.005)
  const nlohmann::json sum = run_recipe(recipe, RunOptions{dir, false});
  const auto& sr = sum["stages"][1];
  EXPECT_EQ(sr["kind"], "shear_rate");
  EXPECT_NEAR(sr["strain"].get<double>(), 2.0, 1e-9);
  const double sigma = sr["stress_xy"]["mean"], err = sr["stress_xy"]["stderr"];
  EXPECT_GT(sigma, 5 * err);
  EXPECT_NEAR(sr["viscosity"]["mean"].get<double>(), sigma / 0.1, 1e-12);
  EXPECT_EQ(sr["steady_samples"], 300);  // samples at strain > 0.5: steps 1010 .. 4000 every 10
  EXPECT_NEAR(sr["mean"]["temperature"].get<double>(), 1.0, 0.03);
  std::ifstream csv(dir / "stage2-shear_rate.csv");
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header, "time,strain,strain_rate,stress_xy,stress_xy_kinetic,temperature,pe_per_particle,pressure");
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows, 401);
  const auto& cr = sum["stages"][2];
  EXPECT_EQ(cr["kind"], "creep");
  EXPECT_TRUE(cr["flowed"].get<bool>());
  EXPECT_GT(cr["final_strain"].get<double>(), 0.3);
  EXPECT_TRUE(std::filesystem::exists(dir / "stage3-creep.csv"));
  std::filesystem::remove_all(dir);
}

TEST(ShearRate, BadValuesAreErrorsNamingTheKey) {
  auto err = [](const std::string& from, const std::string& to) { return test::recipe_error(replace_first(kFlowRecipe, from, to)); };
  std::string m = err("rate = 0.1", "rate = 0");
  EXPECT_NE(m.find("bad.toml:16: [stage[2]] rate: must be a positive strain rate"), std::string::npos) << m;
  EXPECT_NE(m.find("positive strain rate"), std::string::npos) << m;
  m = err("rate = 0.1", "rate = -0.1");
  EXPECT_NE(m.find("positive strain rate"), std::string::npos) << m;
  m = err("transient_strain = 0.5", "transient_strain = 2.0");
  EXPECT_NE(m.find("transient_strain"), std::string::npos) << m;
  m = err("gamma_max = 2", "gamma_max = 2\nsteps = 10");
  EXPECT_NE(m.find("exactly one of `steps` and `gamma_max`"), std::string::npos) << m;
  m = err("transient_strain = 0.5", "transient_strian = 0.5");
  EXPECT_NE(m.find("unknown key 'transient_strian'"), std::string::npos) << m;
  m = err("stress = 1.0", "box_viscosity = 10");
  EXPECT_NE(m.find("'stress'"), std::string::npos) << m;
  m = err("stress = 1.0", "stress = 1.0\nbox_viscosity = 0");
  EXPECT_NE(m.find("box_viscosity"), std::string::npos) << m;
  m = err("stress = 1.0", "stress = 1.0\nrate = 0.1");
  EXPECT_NE(m.find("unknown key 'rate'"), std::string::npos) << m;
}

}  // namespace
}  // namespace vitrum
