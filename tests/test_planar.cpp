// Two-dimensional (planar) systems: generated in the plane, kept there by MD, Monte Carlo and
// minimisers, with 2N − 2 degrees of freedom, stresses per area, and recipe checks.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/thermo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/d2min.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

constexpr const char* kModel = "polydisperse-ss";

System planar_system(std::size_t n, std::uint32_t seed) {
  GenerateOptions g;
  g.n = n;
  g.density = 1.0;
  g.seed = seed;
  g.dimension = 2;
  return make_system(generate_configuration(find_model(kModel), g), kModel, "planar test");
}

void expect_planar(const System& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    ASSERT_EQ(s.cfg.particles.position[i].z, 0.0) << "atom " << i;
    if (s.cfg.has_velocities) {
      ASSERT_EQ(s.cfg.particles.velocity[i].z, 0.0) << "atom " << i;
    }
  }
}

TEST(Planar, GeneratedSystemLiesInThePlaneAtTheAreaDensity) {
  const System s = planar_system(400, 3);
  EXPECT_EQ(s.dimension(), 2);
  expect_planar(s);
  const Vec3 l = s.box().lengths();
  EXPECT_NEAR(s.volume(), 400.0, 1e-9);  // N / ρ with ρ per area
  EXPECT_NEAR(l.x * l.y, s.volume(), 1e-9);
  EXPECT_GT(l.z, 2.0 * s.potential->cutoff());  // no particle meets its own z image
  EXPECT_NEAR(s.box().lo().z, -0.5 * l.z, 1e-12);  // slab straddles z = 0, as LAMMPS `dimension 2` wants
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s.cfg.particles.force[i].z, 0.0);
}

TEST(Planar, ConfigurationOutOfThePlaneIsRejected) {
  GenerateOptions g;
  g.n = 200;
  g.density = 1.0;
  g.seed = 4;
  Configuration c = generate_configuration(find_model(kModel), g);  // three-dimensional
  c.dimension = 2;
  try {
    make_system(c, kModel, "bulk.data");
    FAIL() << "a 3D configuration passed as planar";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bulk.data"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("same z"), std::string::npos) << e.what();
  }
}

// Langevin acts on each particle alone, whatever the degrees of freedom: the measured temperature
// reaches the target only if it divides by 2N − 2 (with 3N − 3 it would read 2/3 of it). The x and y
// kinetic energies share it equally (equipartition), z has none.
TEST(Planar, LangevinDynamicsStaysInThePlaneAtTheTargetTemperature) {
  System s = planar_system(400, 5);
  minimize(s, {.method = "fire", .ftol = 1e-2, .max_iterations = 2000});
  create_velocities(s, 0.5, 2);
  EXPECT_NEAR(measure(s).temperature, 0.5, 1e-12);
  expect_planar(s);
  auto integ = make_integrator({.ensemble = "langevin", .dt = 0.005, .tdamp = 0.5, .seed = 3});
  std::vector<double> t, kx, ky;
  for (int k = 1; k <= 8000; ++k) {
    integ->step(s, k, 0.5);
    if (k > 1000 && k % 10 == 0) {
      t.push_back(measure(s).temperature);
      double x = 0, y = 0;
      for (std::size_t i = 0; i < s.size(); ++i) {
        x += s.cfg.particles.mass[i] * s.cfg.particles.velocity[i].x * s.cfg.particles.velocity[i].x;
        y += s.cfg.particles.mass[i] * s.cfg.particles.velocity[i].y * s.cfg.particles.velocity[i].y;
      }
      kx.push_back(x / static_cast<double>(s.size()));
      ky.push_back(y / static_cast<double>(s.size()));
    }
  }
  expect_planar(s);
  const MeanError mt = block_average(t, 10);
  EXPECT_NEAR(mt.mean, 0.5, std::max(0.01, 4 * mt.stderr_));
  EXPECT_NEAR(block_average(kx, 10).mean, block_average(ky, 10).mean, 0.02);
}

// Nosé–Hoover MD (which thermostats the kinetic energy against dof · T) and swap Monte Carlo (no
// kinetic energy at all) sample the same potential energy of a 2D liquid only if dof = 2N − 2.
TEST(Planar, MonteCarloAndMdSampleTheSameTwoDimensionalLiquid) {
  const double T = 0.3;
  System s = planar_system(256, 11);
  minimize(s, {.method = "fire", .ftol = 1e-2, .max_iterations = 2000});
  auto u = make_potential(kModel);
  Configuration start = s.cfg;
  SwapMonteCarlo chain(*u, start.particles, start.box, swap_rule_for(kModel), 7, 2);
  std::uint64_t sweep = 0;
  for (; sweep < 1000; ++sweep) {
    chain.sweep(sweep, T, 0.2);
    if (sweep % 10 == 9) chain.adapt_step(0.4);
  }
  for (const Vec3& r : start.particles.position) ASSERT_EQ(r.z, 0.0);
  s.cfg = start;
  s.list.build(s.particles(), s.box());
  std::vector<double> md, mc;
  for (std::uint64_t end = sweep + 3000; sweep < end; ++sweep) {
    chain.sweep(sweep, T, 0.2);
    if (sweep % 2 == 0) mc.push_back(chain.energy() / 256.0);
  }
  auto integ = make_integrator({.ensemble = "nvt", .dt = 0.005, .tdamp = 0.5, .seed = 5});
  create_velocities(s, T, 5);
  s.compute_forces();
  for (int k = 1; k <= 30000; ++k) {
    integ->step(s, k, T);
    if (k > 3000 && k % 20 == 0) md.push_back(s.last.energy / 256.0);
  }
  expect_planar(s);
  const MeanError a = block_average(md, 10), b = block_average(mc, 10);
  const double err = std::hypot(a.stderr_, b.stderr_);
  std::printf("2D polydisperse T = %.2f: E/N MD %.5f +- %.5f, MC %.5f +- %.5f\n", T, a.mean, a.stderr_, b.mean, b.stderr_);
  ASSERT_GT(err, 0);
  EXPECT_LT(std::abs(a.mean - b.mean), 3.5 * err);
}

// AQS in the plane: σ_xy is the virial per area; a small strain gives a positive modulus and the
// system stays planar.
TEST(Planar, ShearStressIsPerAreaAndTheGlassStaysPlanar) {
  System s = planar_system(400, 6);
  minimize(s, {.method = "cg", .ftol = 1e-10});
  const Vec3 l = s.box().lengths();
  EXPECT_NEAR(shear_stress(s), -s.last.virial[3] / (l.x * l.y), 1e-14);
  AqsOptions o;
  o.dgamma = 1e-4;
  o.gamma_max = 5e-4;
  o.refine = false;
  const AqsResult r = run_aqs(s, o);
  expect_planar(s);
  ASSERT_GE(r.curve.size(), 2u);
  EXPECT_GT((r.curve[1].stress_xy - r.curve[0].stress_xy) / (r.curve[1].gamma - r.curve[0].gamma), 1.0);
}

// D²min in the plane: the 3D fit would be singular (no z extent); the 2D one gives zero for an affine
// shear and a positive value where one particle was moved.
TEST(Planar, D2minFitsInThePlane) {
  System s = planar_system(400, 9);
  const Configuration ref = s.cfg;
  for (int k = 0; k < 10; ++k) affine_shear(s, 0.002);
  std::vector<double> d2 = d2min(ref, s.cfg, 2.0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    ASSERT_TRUE(std::isfinite(d2[i])) << "atom " << i;
    ASSERT_LT(d2[i], 1e-20) << "atom " << i;
  }
  s.cfg.particles.position[7].x += 0.1;
  d2 = d2min(ref, s.cfg, 2.0);
  EXPECT_GT(d2[7], 1e-3);
}

// The isotropic F_s(q) of a planar system is the in-plane average J0(q d), not the 3D sin(qd)/(qd):
// every particle moved by d in its own in-plane direction gives exactly J0(q d). The S(q) peak search
// uses in-plane wave vectors only.
TEST(Planar, SelfIntermediateScatteringIsTheInPlaneAverage) {
  System s = planar_system(400, 12);
  const std::vector<Vec3> ref = unwrapped_positions(s.particles(), s.box());
  const double d = 0.3, q = 7.0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double phi = 0.1 * static_cast<double>(i);
    s.cfg.particles.position[i] += Vec3{d * std::cos(phi), d * std::sin(phi), 0.0};
  }
  const SelfDynamics f = self_dynamics(s.particles(), s.box(), ref, q, 2);
  EXPECT_NEAR(f.fs, std::cyl_bessel_j(0.0, q * d), 1e-12);
  EXPECT_NEAR(f.msd, d * d, 1e-12);
  const double q_peak = first_peak_q(s.particles(), s.box(), 4.0, 10.0, 0.1, 2);
  EXPECT_GT(q_peak, 4.0);
  EXPECT_LT(q_peak, 10.0);
}

TEST(Planar, BarostatRefusesTwoDimensions) {
  System s = planar_system(200, 8);
  create_velocities(s, 0.3, 1);
  auto integ = make_integrator({.ensemble = "npt", .dt = 0.002, .pressure = 1.0, .seed = 1});
  EXPECT_THROW(integ->step(s, 1, 0.3), Error);
}

TEST(Planar, RecipeDimensionKey) {
  const std::string head = "[system]\npotential = \"polydisperse-ss\"\ngenerate = { model = \"polydisperse-ss\", n = 100 }\n";
  const std::string stage = "[[stage]]\nkind = \"minimize\"\n";
  EXPECT_EQ(parse_recipe(head + stage, "r.toml", ".").system.dimension, 3);
  const Recipe two = parse_recipe(head + "dimension = 2\n" + stage, "r.toml", ".");
  EXPECT_EQ(two.system.dimension, 2);
  EXPECT_EQ(two.system.generate.dimension, 2);
  for (const std::string bad : {"dimension = 4\n", "dimension = 2\nreplicate = [2, 2, 2]\n"}) {
    try {
      parse_recipe(head + bad + stage, "r.toml", ".");
      FAIL() << bad;
    } catch (const Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("r.toml"), std::string::npos) << what;
      EXPECT_TRUE(what.find("dimension") != std::string::npos || what.find("replicate") != std::string::npos) << what;
    }
  }
}

}  // namespace
}  // namespace vitrum
