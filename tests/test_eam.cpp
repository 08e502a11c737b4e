// EAM (funcfl, setfl, Finnis–Sinclair) against Debian LAMMPS references, F = −∇U, virial = −dU/dε, and bad potential files.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "test_helpers.hpp"
#include "vitrum/atomistic/potential/eam.hpp"
#include "vitrum/atomistic/protocol/md_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

const std::filesystem::path kPotentials = "/usr/share/lammps/potentials";

// The potential each reference in tests/data/eam was made with (README.md there).
PotentialSpec spec_for(const std::string& style) {
  if (style == "eam-fs") return {"eam/fs", {kPotentials / "CuZr_mm.eam.fs"}, {"Cu", "Zr"}};
  if (style == "eam-alloy") return {"eam/alloy", {kPotentials / "CuNi.eam.alloy"}, {"Cu", "Ni"}};
  return {"eam", {kPotentials / "Cu_u3.eam", kPotentials / "Ni_u3.eam"}, {}};
}

bool have_potentials() { return std::filesystem::exists(kPotentials / "CuZr_mm.eam.fs"); }


// The configuration of a reference; for the Cu-Ni potentials the Cu/Zr element labels are dropped
// so that types map by number (type 2 = Ni), as the LAMMPS inputs do.
System reference_system(const std::string& style, const std::string& geometry) {
  Configuration cfg = read_configuration(test::data_dir() / "eam" / ("cuzr_" + geometry + ".data"));
  if (style != "eam-fs") cfg.type_elements.clear();
  return make_system(std::move(cfg), spec_for(style), style + "_" + geometry, 1.0);
}

class EamReference : public ::testing::TestWithParam<std::string> {};

TEST_P(EamReference, MatchesLammps) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed (scripts/install-deps installs it)";
  const std::string name = GetParam();
  const std::string style = name.substr(0, name.rfind('_')), geometry = name.substr(name.rfind('_') + 1);
  const test::MetalReference ref = test::read_metal_reference(test::data_dir() / "eam" / (name + ".ref"));
  System s = reference_system(style, geometry);
  ASSERT_GE(s.size(), 1000u);
  ASSERT_EQ(ref.atoms.size(), s.size());
  EXPECT_EQ(s.units.name, "metal");
  EXPECT_NEAR(s.box().volume(), ref.volume, 1e-12 * ref.volume);
  EXPECT_NEAR(s.last.energy, ref.pe, 1e-10 * std::abs(ref.pe)) << name;
  double vmax = 0;
  for (double v : ref.virial_bar) vmax = std::max(vmax, std::abs(v));
  for (int a = 0; a < 6; ++a)
    EXPECT_NEAR(s.units.pressure_out(s.last.virial[a] / s.box().volume()), ref.virial_bar[a], 1e-10 * vmax)
        << name << " virial component " << a;
  double fmax = 0, emax = 0;
  for (const auto& [id, a] : ref.atoms) fmax = std::max(fmax, norm(a.f)), emax = std::max(emax, std::abs(a.pe));
  const Particles& p = s.cfg.particles;
  double worst_f = 0;
  for (std::size_t i = 0; i < p.size(); ++i) worst_f = std::max(worst_f, norm(p.force[i] - ref.atoms.at(p.id[i]).f));
  EXPECT_LT(worst_f, 1e-9 * fmax) << name << ": worst force difference " << worst_f << " of max " << fmax;
  // Per-atom energies (compute pe/atom) and their sum.
  const std::vector<double> e = s.potential->per_atom_energies(s.cfg.particles, s.cfg.box, s.list);
  double worst_e = 0, sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    worst_e = std::max(worst_e, std::abs(e[i] - ref.atoms.at(p.id[i]).pe));
    sum += e[i];
  }
  EXPECT_LT(worst_e, 1e-10 * emax) << name << ": worst per-atom energy difference " << worst_e;
  EXPECT_NEAR(sum, ref.pe, 1e-10 * std::abs(ref.pe));
}

INSTANTIATE_TEST_SUITE_P(AllStyles, EamReference,
                         ::testing::Values("eam-fs_ortho", "eam-fs_tilt", "eam-alloy_ortho", "eam-alloy_tilt",
                                           "eam_ortho", "eam_tilt"),
                         test::param_name);

double energy_of(System& s) {
  s.list.build(s.cfg.particles, s.cfg.box);
  return s.potential->compute(s.cfg.particles, s.cfg.box, s.list).energy;
}

// F = −∇U by central differences on a handful of atoms, for each file format.
TEST(Eam, ForceIsMinusEnergyGradient) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  for (const std::string style : {"eam-fs", "eam-alloy", "eam"}) {
    System s = reference_system(style, "tilt");
    const std::vector<Vec3> f = s.cfg.particles.force;
    const double h = 1e-5;
    double worst = 0, fmax = 0;
    for (std::size_t i : {0u, 17u, 500u, 1999u}) {
      for (int d = 0; d < 3; ++d) {
        Vec3& r = s.cfg.particles.position[i];
        const double r0 = r[d];
        r[d] = r0 + h;
        const double ep = energy_of(s);
        r[d] = r0 - h;
        const double em = energy_of(s);
        r[d] = r0;
        worst = std::max(worst, std::abs(-(ep - em) / (2 * h) - f[i][d]));
        fmax = std::max(fmax, std::abs(f[i][d]));
      }
    }
    EXPECT_LT(worst, 1e-6 * std::max(1.0, fmax)) << style;
  }
}

// W_ab = −dU/dε_ab under a homogeneous deformation of box and atoms (xy and xx shown).
TEST(Eam, VirialIsStrainDerivative) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  System s = reference_system("eam-fs", "tilt");
  const Sym6 w = s.last.virial;
  const Configuration start = s.cfg;
  auto strained = [&](double e, int which) {
    s.cfg = start;
    const Vec3 lo = start.box.lo();
    Vec3 L = start.box.lengths();
    double xy = start.box.xy();
    for (Vec3& r : s.cfg.particles.position) {
      const Vec3 d = r - lo;
      if (which == 0) r.x = lo.x + d.x * (1 + e);
      else r.x += e * d.y;
    }
    if (which == 0) L.x *= 1 + e, xy *= 1 + e;
    else xy += e * L.y;
    s.cfg.box = Box(lo, L, xy);
    return energy_of(s);
  };
  const double h = 1e-6;
  const double dxx = -(strained(h, 0) - strained(-h, 0)) / (2 * h);
  const double dxy = -(strained(h, 1) - strained(-h, 1)) / (2 * h);
  const double scale = std::abs(w[0]) + std::abs(w[3]) + 1.0;
  EXPECT_NEAR(dxx, w[0], 1e-6 * scale);
  EXPECT_NEAR(dxy, w[3], 1e-6 * scale);
}

// One and two OpenMP threads give the same forces to round-off.
TEST(Eam, ThreadCountsAgree) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  System s = reference_system("eam-fs", "ortho");
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const ForceResult one = s.potential->compute(s.cfg.particles, s.cfg.box, s.list);
  const std::vector<Vec3> f1 = s.cfg.particles.force;
  omp_set_num_threads(2);
  const ForceResult two = s.potential->compute(s.cfg.particles, s.cfg.box, s.list);
  omp_set_num_threads(before);
  EXPECT_NEAR(one.energy, two.energy, 1e-12 * std::abs(one.energy));
  double worst = 0;
  for (std::size_t i = 0; i < f1.size(); ++i) worst = std::max(worst, norm(f1[i] - s.cfg.particles.force[i]));
  EXPECT_LT(worst, 1e-12);
}

// Types map to the potential's elements by name: a file that lists Zr as type 1 and Cu as type 2
// gives the same energy as the reference numbering.
TEST(Eam, TypesMapToElementsByName) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  Configuration cfg = read_configuration(test::data_dir() / "eam" / "cuzr_ortho.data");
  ASSERT_EQ(cfg.type_elements, (std::vector<std::string>{"Cu", "Zr"}));
  const double reference = make_system(cfg, spec_for("eam-fs"), "ref", 1.0).last.energy;
  for (int& t : cfg.particles.type) t = 3 - t;
  cfg.type_elements = {"Zr", "Cu"};
  cfg.type_masses = {91.224, 63.546};
  System swapped = make_system(cfg, spec_for("eam-fs"), "swapped", 1.0);
  EXPECT_NEAR(swapped.last.energy, reference, 1e-10 * std::abs(reference));
  // An element the potential lacks is an error naming both.
  cfg.type_elements = {"Zr", "Al"};
  try {
    make_system(cfg, spec_for("eam-fs"), "alloy.data", 1.0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("alloy.data"), std::string::npos) << m;
    EXPECT_NE(m.find("Al"), std::string::npos) << m;
    EXPECT_NE(m.find("Cu, Zr"), std::string::npos) << m;
  }
}

// Masses come from the potential file (g/mol outside, m·mvv2e inside) and go back out unchanged.
TEST(Eam, MassesFromTheFileInMetalUnits) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  System s = reference_system("eam-fs", "ortho");
  const Configuration out = s.configuration_for_output();
  EXPECT_DOUBLE_EQ(out.type_masses[0], 63.546);
  EXPECT_DOUBLE_EQ(out.type_masses[1], 91.224);
  EXPECT_NEAR(s.cfg.type_masses[0], 63.546 * 1.0364269e-4, 1e-15);
}

using test::error_of;

// Writes the first `lines` lines of `source` (all if < 0) with line `replace_line` (1-based) swapped for `text`.
std::filesystem::path edited_copy(const std::filesystem::path& source, const std::string& name, int lines,
                                  int replace_line = 0, const std::string& text = "") {
  std::ifstream in(source);
  const auto out_path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream out(out_path);
  std::string line;
  for (int k = 1; std::getline(in, line) && (lines < 0 || k <= lines); ++k) out << (k == replace_line ? text : line) << "\n";
  return out_path;
}

TEST(Eam, BadPotentialFilesNameFileAndLine) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  const auto fs = kPotentials / "CuZr_mm.eam.fs";
  // Truncated table.
  const auto truncated = edited_copy(fs, "truncated.eam.fs", 3000);
  std::string m = error_of([&] { read_eam_tables(EamFormat::fs, {truncated}, {"Cu", "Zr"}); });
  EXPECT_NE(m.find("truncated.eam.fs"), std::string::npos) << m;
  EXPECT_NE(m.find("truncated table"), std::string::npos) << m;
  // Wrong element count in the header.
  const auto count = edited_copy(fs, "count.eam.fs", -1, 4, "3 Cu Zr");
  m = error_of([&] { read_eam_tables(EamFormat::fs, {count}, {"Cu", "Zr"}); });
  EXPECT_NE(m.find("count.eam.fs:4:"), std::string::npos) << m;
  EXPECT_NE(m.find("says 3 elements but names 2"), std::string::npos) << m;
  // An element the file lacks, and no elements at all.
  m = error_of([&] { read_eam_tables(EamFormat::fs, {fs}, {"Cu", "Al"}); });
  EXPECT_NE(m.find("element 'Al' is not in this file (it has Cu, Zr)"), std::string::npos) << m;
  m = error_of([&] { read_eam_tables(EamFormat::fs, {fs}, {}); });
  EXPECT_NE(m.find("name the element of each atom type"), std::string::npos) << m;
  // A non-number inside a table names its line.
  const auto garbage = edited_copy(fs, "garbage.eam.fs", -1, 100, "1.0 2.0 x 4.0 5.0");
  m = error_of([&] { read_eam_tables(EamFormat::fs, {garbage}, {"Cu", "Zr"}); });
  EXPECT_NE(m.find("garbage.eam.fs:100:"), std::string::npos) << m;
  // A grid line with nonsense.
  const auto grid = edited_copy(fs, "grid.eam.fs", -1, 5, "10000 -0.03 10000 7.6e-4 7.6");
  m = error_of([&] { read_eam_tables(EamFormat::fs, {grid}, {"Cu", "Zr"}); });
  EXPECT_NE(m.find("grid.eam.fs:5:"), std::string::npos) << m;
  // A missing file, and a funcfl named with the wrong element.
  m = error_of([&] { read_eam_tables(EamFormat::setfl, {"/nonexistent.eam.alloy"}, {"Cu"}); });
  EXPECT_NE(m.find("/nonexistent.eam.alloy"), std::string::npos) << m;
  m = error_of([&] { read_eam_tables(EamFormat::funcfl, {kPotentials / "Cu_u3.eam"}, {"Ni"}); });
  EXPECT_NE(m.find("holds element Cu"), std::string::npos) << m;
}

TEST(Eam, ConfigurationTypeWithoutElementIsAnError) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  Configuration cfg = read_configuration(test::data_dir() / "eam" / "cuzr_ortho.data");
  cfg.type_elements.clear();
  cfg.type_count = 3;
  cfg.particles.type[5] = 3;
  const std::string m = error_of([&] { make_system(cfg, spec_for("eam-fs"), "three.data", 1.0); });
  EXPECT_NE(m.find("three.data"), std::string::npos) << m;
  EXPECT_NE(m.find("3 atom types"), std::string::npos) << m;
}

TEST(Eam, ReducedUnitRecipeWithEamIsAnError) {
  const std::string m = test::recipe_error(
      "[system]\nread = \"x.data\"\nunits = \"lj\"\npotential = { style = \"eam/fs\", file = "
      "\"/usr/share/lammps/potentials/CuZr_mm.eam.fs\", elements = [\"Cu\", \"Zr\"] }\n[[stage]]\nkind = \"minimize\"\n");
  if (!have_potentials()) {
    EXPECT_NE(m.find("cannot read potential file"), std::string::npos) << m;
    return;
  }
  EXPECT_NE(m.find("bad.toml"), std::string::npos) << m;
  EXPECT_NE(m.find("metal units"), std::string::npos) << m;
}

// Many-body potentials refuse the pair-only queries by name instead of returning zeros.
TEST(Eam, PairOnlyQueriesRefuse) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  System s = reference_system("eam-fs", "ortho");
  const std::string m = error_of([&] { (void)s.potential->pair_d2v_dr2(s.cfg.particles, 0, 1, 4.0); });
  EXPECT_NE(m.find("many-body"), std::string::npos) << m;
}

}  // namespace
}  // namespace vitrum

namespace vitrum {
namespace {

// The shipped Cu-Zr recipe parses, in metal units, with its temperatures and pressure held internally (k_B T, eV/Å³).
TEST(Eam, CuZrRecipeParsesInMetalUnits) {
  if (!have_potentials()) GTEST_SKIP() << "Debian lammps-data is not installed";
  const Recipe r = read_recipe(std::filesystem::path(VITRUM_SOURCE_DIR) / "recipes" / "cuzr-glass.toml");
  EXPECT_EQ(r.system.units.name, "metal");
  EXPECT_EQ(r.system.skin, 1.0);
  ASSERT_EQ(r.stages.size(), 7u);
  const MdStage& quench = r.stages[3].as<MdStage>();
  EXPECT_NEAR(quench.t_start, 2000 * 8.617343e-5, 1e-12);
  EXPECT_EQ(quench.integrator.dt, 0.002);
  EXPECT_EQ(quench.steps, 85000);  // 1700 K at 10 K/ps and 2 fs
}

}  // namespace
}  // namespace vitrum
