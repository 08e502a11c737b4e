// Nanoindentation: the indenter's force is minus the gradient of its energy, the Hertz and Oliver–Pharr analyses on
// curves with known answers, load drops, the frozen base and the free-surface check of run_indent, and the `indent`
// stage in metal units (loads in eV/Å and nN, moduli in bar and GPa).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "test_helpers.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/shear/indent.hpp"
#include "vitrum/atomistic/shear/indent_analysis.hpp"
#include "vitrum/atomistic/shear/indenter.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {
namespace {

// A few particles around a sphere of radius 2 centred near a box face (the lateral minimum image in play).
Particles particles_near(const std::vector<Vec3>& at) {
  Particles p;
  p.resize(at.size());
  for (std::size_t i = 0; i < at.size(); ++i) p.position[i] = at[i];
  return p;
}

double indenter_energy(SphericalIndenter& ind, const Box& box, Particles p) {
  for (auto& f : p.force) f = Vec3{};
  ForceResult r;
  ind.apply(p, box, r, true);
  return r.energy;
}

TEST(Indenter, ForceIsMinusTheEnergyGradientAndLoadIsTheirSum) {
  const Box box({0, 0, 0}, {10, 10, 30});
  SphericalIndenter ind(2, 2.0, 7.0);
  ind.set_center({9.5, 5.0, 12.0});
  // Inside (one across the x boundary: 0.3 is 0.8 from the centre's image at −0.5), outside, one straight below.
  Particles p = particles_near({{0.3, 5.2, 11.1}, {8.4, 4.1, 11.0}, {9.0, 6.5, 13.0}, {4.0, 5.0, 12.0}, {9.5, 5.0, 10.4}});
  for (auto& f : p.force) f = Vec3{};
  ForceResult r;
  ind.apply(p, box, r, true);
  EXPECT_EQ(ind.contacts(), 4u);
  EXPECT_EQ(norm2(p.force[3]), 0.0);
  double load = 0;
  for (const Vec3& f : p.force) load -= f.z;
  EXPECT_NEAR(ind.load(), load, 1e-14);
  EXPECT_GT(ind.load(), 0.0);  // the atom below is pushed down: the indenter feels it push back
  EXPECT_NEAR(r.energy, ind.energy(), 1e-14);
  const double h = 1e-6;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (int k = 0; k < 3; ++k) {
      Particles plus = p, minus = p;
      plus.position[i][k] += h;
      minus.position[i][k] -= h;
      const double fd = -(indenter_energy(ind, box, plus) - indenter_energy(ind, box, minus)) / (2 * h);
      EXPECT_NEAR(p.force[i][k], fd, 1e-7) << "particle " << i << " axis " << k;
    }
}

TEST(Indenter, FrozenParticlesHaveNoForce) {
  Particles p = particles_near({{1, 1, 1}, {2, 2, 2}});
  p.force = {{1, 2, 3}, {4, 5, 6}};
  FrozenParticles frozen({1, 0});
  ForceResult r;
  frozen.apply(p, Box({0, 0, 0}, {5, 5, 5}), r, true);
  EXPECT_EQ(norm2(p.force[0]), 0.0);
  EXPECT_EQ(p.force[1].y, 5.0);
  EXPECT_EQ(frozen.count(), 1u);
}

TEST(IndentAnalysis, HertzFitRecoversModulusAndSurfaceOfAnExactCurve) {
  const double R = 8, Er = 37.5, h0 = 0.13;
  std::vector<double> depth, load;
  for (int k = 0; k <= 30; ++k) {
    const double h = 0.04 * k;
    depth.push_back(h);
    load.push_back(h > h0 ? 4.0 / 3.0 * Er * std::sqrt(R) * std::pow(h - h0, 1.5) : 0.0);
  }
  const HertzFit f = fit_hertz(depth, load, R, 10.0);
  ASSERT_TRUE(f.ok);
  EXPECT_NEAR(f.reduced_modulus, Er, 1e-9 * Er);
  EXPECT_NEAR(f.h0, h0, 1e-10);
  EXPECT_NEAR(f.exponent, 1.5, 1e-9);
  EXPECT_LT(f.residual, 1e-12);
  EXPECT_EQ(f.points, 27u);  // h = 0.16 .. 1.2; the zero loads are left out
  // A linear (not Hertzian) curve gives exponent 1 and a visible residual.
  for (std::size_t k = 0; k < depth.size(); ++k) load[k] = 10 * depth[k];
  const HertzFit lin = fit_hertz(depth, load, R, 0.8);
  EXPECT_EQ(lin.points, 20u);  // depth <= 0.8, P > 0
  EXPECT_GT(lin.residual, 1e-3);
}

// For a purely elastic Hertz contact unloading retraces loading: S = 2 E_r a with a² = R h, and h_c = h/2, so the
// sphere-area Oliver–Pharr estimate is E_r · a / √(2 R h_c − h_c²) = E_r / √(1 − h/(4R)).
TEST(IndentAnalysis, OliverPharrOnAnElasticHertzUnloading) {
  const double R = 10, Er = 50, hmax = 1.0, dh = 1e-5;
  std::vector<double> depth, load;
  for (int k = 0; k <= 3; ++k) {
    const double h = hmax - k * dh;
    depth.push_back(h);
    load.push_back(4.0 / 3.0 * Er * std::sqrt(R) * std::pow(h, 1.5));
  }
  const OliverPharr op = oliver_pharr(depth, load, R, 3);
  ASSERT_TRUE(op.ok) << op.why;
  // The secant over 3 dh differs from dP/dh by ~ dh / h relatively.
  const double S = 2 * Er * std::sqrt(R * hmax);
  EXPECT_NEAR(op.stiffness, S, 1e-4 * S);
  EXPECT_NEAR(op.contact_depth, hmax / 2, 1e-4);
  EXPECT_NEAR(op.reduced_modulus, Er / std::sqrt(1 - hmax / (4 * R)), 1e-4 * Er);
  const double H = load[0] / (std::numbers::pi * (R * hmax - hmax * hmax / 4));
  EXPECT_NEAR(op.hardness, H, 1e-4 * H);
  // A load that rises on unloading has no stiffness.
  const OliverPharr bad = oliver_pharr({1.0, 0.9}, {5.0, 6.0}, R, 1);
  EXPECT_FALSE(bad.ok);
  EXPECT_FALSE(oliver_pharr({1.0}, {5.0}, R, 1).ok);
}

TEST(IndentAnalysis, LoadDropsAboveTheThreshold) {
  const std::vector<double> depth{0, 0.1, 0.2, 0.3, 0.4, 0.5};
  const std::vector<double> load{0, 1.0, 2.0, 1.9995, 3.0, 2.0};
  const std::vector<LoadDrop> d = load_drops(depth, load, 1e-3);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].index, 5u);
  EXPECT_DOUBLE_EQ(d[0].depth, 0.5);
  EXPECT_DOUBLE_EQ(d[0].load_before, 3.0);
  EXPECT_DOUBLE_EQ(d[0].drop, 1.0);
  EXPECT_EQ(load_drops(depth, load, 1e-4).size(), 2u);
}

// A KA N = 1000 glass, instantly quenched; a slab after open_vacuum.
System ka_slab(double vacuum) {
  System s = make_system(test::random_configuration("kob-andersen", 1000, 11, 0.0), "kob-andersen", "ka1000");
  MinimizeOptions m;
  m.method = "cg";
  m.ftol = 1e-6;
  minimize(s, m);
  open_vacuum(s, 2, vacuum);
  return s;
}

// A 3-sigma indenter pushed 0.3 sigma into a slab in three steps over a 2-sigma frozen base.
IndentOptions small_indent() {
  IndentOptions o;
  o.radius = 3.0;
  o.stiffness = 100.0;
  o.max_depth = 0.3;
  o.depth_step = 0.1;
  o.fixed_thickness = 2.0;
  return o;
}

TEST(Indent, BaseStaysFrozenLoadRisesAndFieldsAreRemoved) {
  System s = ka_slab(12.0);
  const Configuration before = s.cfg;
  IndentOptions o = small_indent();
  o.unload_steps = 1;
  o.minimize.method = "cg";
  o.minimize.ftol = 1e-8;
  const IndentResult r = run_indent(s, o);
  EXPECT_TRUE(r.converged);
  ASSERT_EQ(r.curve.size(), 5u);
  EXPECT_LT(std::abs(r.curve[0].load), 1e-12);  // first contact: the highest atom on the sphere, to round-off
  EXPECT_LE(r.curve[0].contacts, 1u);
  for (int k = 1; k <= 3; ++k) {
    EXPECT_NEAR(r.curve[static_cast<std::size_t>(k)].depth, 0.1 * k, 1e-12);
    EXPECT_GT(r.curve[static_cast<std::size_t>(k)].load, r.curve[static_cast<std::size_t>(k) - 1].load);
  }
  EXPECT_TRUE(r.curve[4].unloading);
  EXPECT_NEAR(r.curve[4].depth, 0.2, 1e-12);
  EXPECT_LT(r.curve[4].load, r.curve[3].load);
  EXPECT_GT(r.frozen, 0u);
  std::size_t frozen = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (before.particles.position[i].z < r.bottom + o.fixed_thickness) {
      ++frozen;
      EXPECT_EQ(s.cfg.particles.position[i].z, before.particles.position[i].z);
    }
  EXPECT_EQ(frozen, r.frozen);
  EXPECT_TRUE(s.external.empty());
}

TEST(Indent, RefusesABulkBoxWithoutAGap) {
  // The check comes before any relaxation: an unrelaxed random bulk state shows it.
  System s = make_system(test::random_configuration("kob-andersen", 1000, 11, 0.0), "kob-andersen", "ka1000");
  const IndentOptions o = small_indent();
  try {
    run_indent(s, o);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no free surface along z"), std::string::npos) << e.what();
  }
}

// Metal units: a Cu64Zr36 EAM slab (the lower 14 Angstrom of tests/data/eam's 32 Angstrom cube, 872 atoms) indented
// by a 10 Angstrom sphere; loads in eV/Angstrom and nN, E_r in bar and GPa as LAMMPS `units metal` users read them.
// The conversions are what is checked: any small slab shows them, so it is thin and relaxed only to 1e-2 eV/Angstrom.
TEST(Indent, StageReportsMetalUnits) {
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_indent_metal";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Configuration cfg = read_configuration(test::data_dir() / "eam" / "cuzr_ortho.data");
  const Vec3 lo = cfg.box.lo(), L = cfg.box.lengths();
  const double thickness = 14.0;
  std::vector<std::size_t> keep, rest;
  for (std::size_t i = 0; i < cfg.particles.size(); ++i) {
    cfg.box.wrap(cfg.particles.position[i], cfg.particles.image[i]);
    (cfg.particles.position[i].z < lo.z + thickness ? keep : rest).push_back(i);
  }
  const std::size_t n = keep.size();
  keep.insert(keep.end(), rest.begin(), rest.end());
  cfg.particles.reorder(keep);
  cfg.particles.resize(n);
  cfg.box = Box(lo, {L.x, L.y, thickness + 10.0});  // already a slab: 10 Angstrom apart across z, more than the reach
  write_configuration(dir / "slab.data", cfg);
  const std::string text = R"([system]
read = "slab.data"
potential = { style = "eam/fs", file = "/usr/share/lammps/potentials/CuZr_mm.eam.fs", elements = ["Cu", "Zr"] }
[[stage]]
kind = "indent"
radius = 10.0
stiffness = 10.0
max_depth = 0.75
depth_step = 0.25
unload_steps = 1
vacuum = 15.0
fixed_thickness = 4.0
ftol = 1e-2
)";
  const nlohmann::json summary = run_recipe(parse_recipe(text, (dir / "indent.toml").string(), dir), {.out_dir = dir / "out"});
  const nlohmann::json& st = summary["stages"][0];
  EXPECT_EQ(st["force_unit"], "eV/Angstrom");
  const double pmax = st["max_load"].get<double>();
  // Hertz at 0.75 Angstrom of a 10 Angstrom sphere with E_r ~ 50 GPa (0.3 eV/Angstrom^3) gives about 0.9 eV/Angstrom;
  // this thin slab with one atom in contact gave 0.45 (E_r 25 GPa). Not nN, not bar: eV/Angstrom.
  EXPECT_GT(pmax, 0.1);
  EXPECT_LT(pmax, 3.0);
  EXPECT_NEAR(st["max_load_nN"].get<double>(), 1.602176634 * pmax, 1e-9 * pmax);
  ASSERT_TRUE(st["hertz"].is_object());
  const double er_bar = st["hertz"]["reduced_modulus"].get<double>();
  EXPECT_NEAR(st["hertz"]["reduced_modulus_GPa"].get<double>(), er_bar * 1e-4, 1e-6 * er_bar * 1e-4);
  EXPECT_GT(er_bar * 1e-4, 10.0);   // GPa: a metallic glass, not a gas
  EXPECT_LT(er_bar * 1e-4, 1000.0);
  std::ifstream csv(dir / "out" / "stage1-indent.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "step,depth,load,load_nN,energy,indenter_energy,contacts,phase,iterations");
}

}  // namespace
}  // namespace vitrum
