// OpenKIM portable models through the KIM API: against LAMMPS pair_style kim, against the native EAM, periodic
// images in small and tilted boxes, unit conversion, user model directories, and bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "test_helpers.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/potential/kim_potential.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

namespace fs = std::filesystem;

const std::string kMko2009 = "EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_005";
const std::string kMsk2007 = "EAM_Dynamo_MendelevSordeletKramer_2007_CuZr__MO_120596890176_005";
const std::string kSnapCu = "SNAP_ZuoChenLi_2019_Cu__MO_931672895580_000";
const fs::path kSystemModels = "/usr/lib/x86_64-linux-gnu/kim-api/portable-models";

// Whether the KIM API and the model are there; the message of GTEST_SKIP otherwise.
std::string missing(const std::string& model) {
  if (!kim_available()) return "vitrum was built without the KIM API (scripts/install-deps installs libkim-api-dev)";
  for (const auto& m : installed_kim_models())
    if (m.name == model) return "";
  return "KIM model " + model + " is not installed (scripts/install-deps installs openkim-models)";
}
#define SKIP_WITHOUT(model)                                  \
  do {                                                       \
    const std::string why = missing(model);                  \
    if (!why.empty()) GTEST_SKIP() << why;                   \
  } while (0)


PotentialSpec kim_spec(const std::string& model, std::vector<std::string> elements, fs::path dir = {}) {
  PotentialSpec s("kim");
  s.model = model;
  s.elements = std::move(elements);
  s.model_dir = std::move(dir);
  return s;
}

// The Cu64Zr36 configurations of tests/data/eam; for single-element models every atom is that element
// (labels dropped, types by number, as `kim interactions Cu Cu` does).
System cuzr_system(const PotentialSpec& spec, const std::string& geometry) {
  Configuration cfg = read_configuration(test::data_dir() / "eam" / ("cuzr_" + geometry + ".data"));
  if (spec.elements.size() == 2 && spec.elements[0] == spec.elements[1]) cfg.type_elements.clear();
  return make_system(std::move(cfg), spec, spec.describe() + " " + geometry, 1.0);
}

struct Agreement {
  double energy, virial, force, atom_energy;  // relative: |Δ|/|E|, max|ΔW|/max|W|, max|ΔF|/max|F|, max|Δe|/max|e|
};

Agreement compare_forces(System& s, const test::MetalReference& ref) {
  Agreement a{};
  a.energy = std::abs(s.last.energy - ref.pe) / std::abs(ref.pe);
  double vmax = 0, vdiff = 0;
  for (int k = 0; k < 6; ++k) {
    vmax = std::max(vmax, std::abs(ref.virial_bar[k]));
    vdiff = std::max(vdiff, std::abs(s.units.pressure_out(s.last.virial[k] / s.box().volume()) - ref.virial_bar[k]));
  }
  a.virial = vdiff / vmax;
  const Particles& p = s.cfg.particles;
  double fmax = 0, fdiff = 0, emax = 0, ediff = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const test::MetalReference::Atom& r = ref.atoms.at(p.id[i]);
    fmax = std::max(fmax, norm(r.f));
    fdiff = std::max(fdiff, norm(p.force[i] - r.f));
  }
  const std::vector<double> e = s.potential->per_atom_energies(s.cfg.particles, s.cfg.box, s.list);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const test::MetalReference::Atom& r = ref.atoms.at(p.id[i]);
    emax = std::max(emax, std::abs(r.pe));
    ediff = std::max(ediff, std::abs(e[i] - r.pe));
  }
  a.force = fdiff / fmax;
  a.atom_energy = ediff / emax;
  return a;
}

// name = <reference>_<geometry>; the model, its elements and the tolerance of each reference.
struct Case {
  std::string model;
  std::vector<std::string> elements;
  double tolerance;
};
const std::map<std::string, Case>& cases() {
  static const std::map<std::string, Case> c = {
      {"kim-mko2009", {kMko2009, {"Cu", "Zr"}, 1e-12}},
      {"snap-cu", {kSnapCu, {"Cu", "Cu"}, 1e-10}},
  };
  return c;
}

class KimReference : public ::testing::TestWithParam<std::string> {};

// Energy, virial, forces and per-atom energies against LAMMPS pair_style kim on the same configuration
// (tests/data/kim/make_refs.sh).
TEST_P(KimReference, MatchesLammpsPairKim) {
  const std::string name = GetParam();
  const std::string ref_name = name.substr(0, name.rfind('_')), geometry = name.substr(name.rfind('_') + 1);
  const Case& c = cases().at(ref_name);
  SKIP_WITHOUT(c.model);
  const test::MetalReference ref = test::read_metal_reference(test::data_dir() / "kim" / (name + ".ref"));
  System s = cuzr_system(kim_spec(c.model, c.elements), geometry);
  ASSERT_EQ(ref.atoms.size(), s.size());
  EXPECT_EQ(s.units.name, "metal");
  EXPECT_NEAR(s.box().volume(), ref.volume, 1e-12 * ref.volume);
  const Agreement a = compare_forces(s, ref);
  std::cout << "[ kim ] " << name << ": relative energy " << a.energy << ", virial " << a.virial << ", force "
            << a.force << ", per-atom energy " << a.atom_energy << "\n";
  EXPECT_LE(a.energy, c.tolerance);
  EXPECT_LE(a.virial, c.tolerance);
  EXPECT_LE(a.force, c.tolerance);
  EXPECT_LE(a.atom_energy, c.tolerance);
}

INSTANTIATE_TEST_SUITE_P(Models, KimReference,
                         ::testing::Values("kim-mko2009_ortho", "kim-mko2009_tilt", "snap-cu_ortho", "snap-cu_tilt"),
                         test::param_name);

// The KIM packaging of Mendelev-Sordelet-Kramer 2007 (EAM_Dynamo driver) against vitrum's native eam/fs with
// LAMMPS's CuZr_mm.eam.fs, through the eam/fs LAMMPS references: the driver uses the same cubic
// interpolation, so the two agree to round-off.
TEST(Kim, Msk2007MatchesNativeEamFs) {
  SKIP_WITHOUT(kMsk2007);
  if (!fs::exists("/usr/share/lammps/potentials/CuZr_mm.eam.fs")) GTEST_SKIP() << "Debian lammps-data is not installed";
  for (const std::string geometry : {"ortho", "tilt"}) {
    System kim = cuzr_system(kim_spec(kMsk2007, {"Cu", "Zr"}), geometry);
    System eam = cuzr_system({"eam/fs", {"/usr/share/lammps/potentials/CuZr_mm.eam.fs"}, {"Cu", "Zr"}}, geometry);
    const test::MetalReference ref = test::read_metal_reference(test::data_dir() / "eam" / ("eam-fs_" + geometry + ".ref"));
    const Agreement with_lammps = compare_forces(kim, ref);
    double fmax = 0, fdiff = 0;
    for (std::size_t i = 0; i < kim.size(); ++i) {
      fmax = std::max(fmax, norm(eam.cfg.particles.force[i]));
      fdiff = std::max(fdiff, norm(kim.cfg.particles.force[i] - eam.cfg.particles.force[i]));
    }
    double wmax = 0, wdiff = 0;
    for (int k = 0; k < 6; ++k) {
      wmax = std::max(wmax, std::abs(eam.last.virial[k]));
      wdiff = std::max(wdiff, std::abs(kim.last.virial[k] - eam.last.virial[k]));
    }
    const double de = std::abs(kim.last.energy - eam.last.energy) / std::abs(eam.last.energy);
    std::cout << "[ kim ] MSK 2007 " << geometry << " KIM vs native eam/fs: relative energy " << de << ", virial "
              << wdiff / wmax << ", force " << fdiff / fmax << "; KIM vs LAMMPS eam/fs: energy " << with_lammps.energy
              << ", virial " << with_lammps.virial << ", force " << with_lammps.force << ", per-atom energy "
              << with_lammps.atom_energy << "\n";
    EXPECT_LE(de, 1e-12);
    EXPECT_LE(wdiff / wmax, 1e-12);
    EXPECT_LE(fdiff / fmax, 1e-12);
    EXPECT_LE(with_lammps.atom_energy, 1e-12);
  }
}

// A cell thinner than twice the influence distance needs ghosts from several periodic images: a distorted
// 3x3x3 fcc block of 108 Cu/Zr atoms in a tilted cell of edge 10.9 A has 1/8 the energy and virial of the same
// block replicated 2x2x2, and the same forces.
TEST(Kim, SmallTiltedBoxNeedsSeveralImages) {
  SKIP_WITHOUT(kMko2009);
  auto block = [](int reps) {
    const double a = 3.62;
    const int m = 3;  // fcc cells per edge of the small box
    Configuration cfg;
    const double L = m * a;
    cfg.box = Box({0, 0, 0}, {L * reps, L * reps, L * reps}, 0.21 * L * reps);
    cfg.type_count = 2;
    cfg.type_elements = {"Cu", "Zr"};
    cfg.type_masses = {63.546, 91.224};
    const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    std::int64_t id = 0;
    for (int rx = 0; rx < reps; ++rx)
      for (int ry = 0; ry < reps; ++ry)
        for (int rz = 0; rz < reps; ++rz)
          for (int x = 0; x < m; ++x)
            for (int y = 0; y < m; ++y)
              for (int z = 0; z < m; ++z)
                for (int b = 0; b < 4; ++b) {
                  // One small-box cell in fractional coordinates, a fixed distortion per atom of that cell.
                  const int k = ((x * m + y) * m + z) * 4 + b;
                  const Vec3 s{(x + basis[b].x) / m + 0.01 * std::sin(1.3 * k), (y + basis[b].y) / m + 0.01 * std::cos(0.7 * k),
                               (z + basis[b].z) / m + 0.01 * std::sin(2.1 * k + 1)};
                  const Vec3 frac{(s.x + rx) / reps, (s.y + ry) / reps, (s.z + rz) / reps};
                  cfg.particles.position.push_back(cfg.box.from_fractional(frac));
                  cfg.particles.type.push_back(k % 3 == 0 ? 2 : 1);
                  cfg.particles.id.push_back(++id);
                }
    const std::size_t n = cfg.particles.position.size();
    cfg.particles.velocity.assign(n, Vec3{});
    cfg.particles.force.assign(n, Vec3{});
    cfg.particles.image.assign(n, Int3{0, 0, 0});
    cfg.particles.diameter.assign(n, 0.0);
    cfg.particles.mass.assign(n, 1.0);
    return cfg;
  };
  const PotentialSpec spec = kim_spec(kMko2009, {"Cu", "Zr"});
  auto u_small = make_potential(spec);
  auto u_big = make_potential(spec);
  Configuration small = block(1), big = block(2);
  ASSERT_LT(small.box.perpendicular_widths().x, 2 * dynamic_cast<KimPotential&>(*u_small).influence_distance());
  NeighborList unused(1.0, 0.0);
  const ForceResult rs = u_small->compute(small.particles, small.box, unused);
  const ForceResult rb = u_big->compute(big.particles, big.box, unused);
  EXPECT_GT(dynamic_cast<KimPotential&>(*u_small).ghost_count(), 8 * small.particles.size());
  EXPECT_NEAR(rb.energy, 8 * rs.energy, 1e-12 * std::abs(rb.energy));
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(rb.virial[k], 8 * rs.virial[k], 1e-11 * std::abs(rb.virial[0]));
  // Atom k of the small box and its copy k (first replica) in the big one feel the same force.
  double worst = 0;
  for (std::size_t k = 0; k < small.particles.size(); ++k)
    worst = std::max(worst, norm(small.particles.force[k] - big.particles.force[k]));
  EXPECT_LT(worst, 1e-11);
}

// F = −∇U and W = −dU/dε on the tilted configuration (ghost forces folded back, virial sign and order).
TEST(Kim, ForceAndVirialAreDerivatives) {
  SKIP_WITHOUT(kMko2009);
  System s = cuzr_system(kim_spec(kMko2009, {"Cu", "Zr"}), "tilt");
  const std::vector<Vec3> f = s.cfg.particles.force;
  auto energy = [&] { return s.potential->compute(s.cfg.particles, s.cfg.box, s.list).energy; };
  const double h = 1e-5;
  double worst = 0;
  for (std::size_t i : {0u, 999u, 1999u})
    for (int d = 0; d < 3; ++d) {
      double& x = s.cfg.particles.position[i][d];
      const double x0 = x;
      x = x0 + h;
      const double ep = energy();
      x = x0 - h;
      const double em = energy();
      x = x0;
      worst = std::max(worst, std::abs(-(ep - em) / (2 * h) - f[i][d]));
    }
  EXPECT_LT(worst, 1e-6);
  // Shear xy: x += e y for atoms and box.
  const Sym6 w = s.last.virial;
  const Configuration start = s.cfg;
  auto sheared = [&](double e) {
    s.cfg = start;
    for (Vec3& r : s.cfg.particles.position) r.x += e * (r.y - start.box.lo().y);
    s.cfg.box = Box(start.box.lo(), start.box.lengths(), start.box.xy() + e * start.box.lengths().y);
    return energy();
  };
  const double g = 1e-6;
  const double dxy = -(sheared(g) - sheared(-g)) / (2 * g);
  EXPECT_NEAR(dxy, w[3], 1e-6 * (std::abs(w[0]) + std::abs(w[3])));
}

// A model refusing metal units runs in its own and vitrum converts: asking for nm and kcal/mol (which the
// EAM driver accepts) runs the same conversion path and gives the metal-unit results to round-off.
TEST(Kim, UnitConversion) {
  SKIP_WITHOUT(kMko2009);
  System s = cuzr_system(kim_spec(kMko2009, {"Cu", "Zr"}), "tilt");
  for (const KimUnitRequest& units : {KimUnitRequest{"nm", "kcal_mol"}, KimUnitRequest{"Bohr", "Hartree"}}) {
    KimPotential other(kMko2009, {"Cu", "Zr"}, {}, units);
    Particles p = s.cfg.particles;
    const ForceResult r = other.compute(p, s.cfg.box, s.list);
    EXPECT_NEAR(r.energy, s.last.energy, 1e-12 * std::abs(s.last.energy)) << units.length << " " << units.energy;
    for (int k = 0; k < 6; ++k) EXPECT_NEAR(r.virial[k], s.last.virial[k], 1e-12 * std::abs(s.last.virial[0]));
    double worst = 0;
    for (std::size_t i = 0; i < p.size(); ++i) worst = std::max(worst, norm(p.force[i] - s.cfg.particles.force[i]));
    EXPECT_LT(worst, 1e-11);
    EXPECT_NEAR(other.cutoff(), s.potential->cutoff(), 1e-12 * s.potential->cutoff());
  }
  EXPECT_THROW(KimPotential(kMko2009, {"Cu", "Zr"}, {}, KimUnitRequest{"furlong", "eV"}), Error);
}

// A user-packaged model: a model directory outside the KIM collections, given as model_dir (the model's own
// directory, or a directory of models), is the one loaded, ahead of an installed model of the same name. The
// user's model here is the installed linear SNAP for Cu with its constant coefficient beta_0 (the energy of
// every atom) changed in the parameter file packed into the library, -12.559674308193694 -> -11.559674308193694:
// the energy rises by exactly 1 eV per atom and the forces stay the same.
TEST(Kim, ModelDirLoadsUserModel) {
  SKIP_WITHOUT(kSnapCu);
  const fs::path root = fs::path(::testing::TempDir()) / "vitrum_kim_user_models";
  fs::remove_all(root);
  fs::create_directories(root / kSnapCu);
  {
    std::ifstream in(kSystemModels / kSnapCu / "libkim-api-portable-model.so", std::ios::binary);
    std::string lib((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "Cu 0.5 1\n-12.559674308193694\n", to = "Cu 0.5 1\n-11.559674308193694\n";
    const auto at = lib.find(from);
    ASSERT_NE(at, std::string::npos) << "the SNAP coefficients are not where this test expects them";
    lib.replace(at, from.size(), to);
    std::ofstream(root / kSnapCu / "libkim-api-portable-model.so", std::ios::binary) << lib;
  }
  System installed = cuzr_system(kim_spec(kSnapCu, {"Cu", "Cu"}), "ortho");
  const double n = static_cast<double>(installed.size());
  for (const fs::path& dir : {root / kSnapCu, root}) {
    System s = cuzr_system(kim_spec(dir == root ? kSnapCu : "", {"Cu", "Cu"}, dir), "ortho");
    const auto& kim = dynamic_cast<const KimPotential&>(*s.potential);
    EXPECT_EQ(kim.model(), kSnapCu);
    EXPECT_EQ(fs::path(kim.library()).parent_path().parent_path(), root) << kim.library();
    EXPECT_EQ(kim.collection(), "environmentVariable");
    EXPECT_NEAR(s.last.energy - installed.last.energy, n, 1e-12 * std::abs(installed.last.energy)) << dir;
    double worst = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      worst = std::max(worst, norm(s.cfg.particles.force[i] - installed.cfg.particles.force[i]));
    EXPECT_LT(worst, 1e-12);
  }
  // The environment is restored: without model_dir the installed model is found again.
  KimPotential again(kSnapCu, {"Cu"});
  EXPECT_EQ(again.collection(), "system");
  // A directory without the model names what it holds.
  try {
    KimPotential bad("Nope__MO_000000000000_000", {"Cu"}, root);
    FAIL();
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("holds no portable model 'Nope__MO_000000000000_000'"), std::string::npos) << m;
    EXPECT_NE(m.find("it holds: " + kSnapCu), std::string::npos) << m;
  }
  fs::remove_all(root);
}

using test::error_of;

// Bad input: one line naming the model and what exists.
TEST(Kim, BadInputNamesModelAndChoices) {
  SKIP_WITHOUT(kMko2009);
  std::string m = error_of([] { KimPotential("EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_004", {"Cu"}); });
  EXPECT_NE(m.find("unknown KIM model 'EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_004'"), std::string::npos) << m;
  EXPECT_NE(m.find("closest: " + kMko2009), std::string::npos) << m;
  EXPECT_NE(m.find("vitrum potentials --kim"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  m = error_of([] { KimPotential(kMko2009, {"Cu", "Al"}); });
  EXPECT_NE(m.find("KIM model '" + kMko2009 + "' has no element 'Al' (type 2); it supports: Cu, Zr"), std::string::npos)
      << m;
  m = error_of([] { KimPotential(kMko2009, {"Cu", "Qq"}); });
  EXPECT_NE(m.find("has no element 'Qq'"), std::string::npos) << m;
  m = error_of([] { KimPotential("Sim_LAMMPS_ADP_ApostolMishin_2011_AlCu__SM_667696763561_000", {"Al"}); });
  if (!m.empty()) {
    EXPECT_NE(m.find("simulator model"), std::string::npos) << m;
  }
  // Without elements the model's own species order is used.
  KimPotential all(kMko2009, {});
  EXPECT_EQ(all.type_elements(), (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_DOUBLE_EQ(all.type_masses()[1], 91.224);
  // The configuration's element names still map its types by name.
  Configuration cfg = read_configuration(test::data_dir() / "eam" / "cuzr_ortho.data");
  cfg.type_elements = {"Cu", "Al"};
  m = error_of([&] { make_system(cfg, kim_spec(kMko2009, {"Cu", "Zr"}), "alloy.data", 1.0); });
  EXPECT_NE(m.find("alloy.data: type 2 is element Al"), std::string::npos) << m;
}

// KIM log output stays out of the working directory (the KIM API writes ./kim.log by default), also on errors.
TEST(Kim, NoLogFileInWorkingDirectory) {
  SKIP_WITHOUT(kMko2009);
  const fs::path dir = fs::path(::testing::TempDir()) / "vitrum_kim_cwd";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path old = fs::current_path();
  fs::current_path(dir);
  error_of([] { KimPotential("No_Such_Model__MO_000000000000_000", {"Cu"}); });
  error_of([] { KimPotential(kMko2009, {"Xe"}); });
  KimPotential ok(kMko2009, {"Cu", "Zr"});
  fs::current_path(old);
  EXPECT_FALSE(fs::exists(dir / "kim.log"));
  fs::remove_all(dir);
}

// Monte Carlo is refused for KIM models, naming the potential.
TEST(Kim, MonteCarloRefusedNamingThePotential) {
  SKIP_WITHOUT(kMko2009);
  System s = cuzr_system(kim_spec(kMko2009, {"Cu", "Zr"}), "ortho");
  EXPECT_FALSE(s.potential->pairwise());
  const std::string m = error_of([&] {
    SwapMonteCarlo mc(*s.potential, s.cfg.particles, s.cfg.box, SwapRule{}, 1);
    mc.sweep(0, 1000.0 / 11604.5, 0.0);
  });
  EXPECT_NE(m.find("kim " + kMko2009), std::string::npos) << m;
}

// Recipes and the command line name KIM models.
TEST(Kim, RecipeAndCommandLine) {
  SKIP_WITHOUT(kMko2009);
  const fs::path data = test::data_dir() / "eam" / "cuzr_ortho.data";
  const std::string head = "[system]\nread = \"" + data.string() + "\"\n";
  Recipe r = parse_recipe(head + "potential = { style = \"kim\", model = \"" + kMko2009 +
                                   "\", elements = [\"Cu\", \"Zr\"] }\n[[stage]]\nkind = \"minimize\"\n",
                               "kim.toml", ".");
  EXPECT_TRUE(r.system.potential.is_kim());
  EXPECT_EQ(r.system.potential.model, kMko2009);
  EXPECT_EQ(r.system.units.name, "metal");
  std::string m = test::recipe_error(head + "potential = { style = \"kim\", elements = [\"Cu\"] }\n[[stage]]\nkind = \"minimize\"\n");
  EXPECT_NE(m.find("model"), std::string::npos) << m;
  m = test::recipe_error(head + "potential = { style = \"kim\", model = \"X\", file = \"f\" }\n[[stage]]\nkind = \"minimize\"\n");
  EXPECT_NE(m.find("file"), std::string::npos) << m;
  m = test::recipe_error(head + "potential = { style = \"kim\", model_dir = \"/no/such/dir\" }\n[[stage]]\nkind = \"minimize\"\n");
  EXPECT_NE(m.find("no such directory /no/such/dir"), std::string::npos) << m;

  const std::string bin = VITRUM_BINARY;
  auto out = test::run_command(bin + " potentials --kim");
  EXPECT_EQ(out.status, 0) << out.output;
  EXPECT_NE(out.output.find(kMko2009), std::string::npos);
  EXPECT_NE(out.output.find(kSnapCu), std::string::npos);
  out = test::run_command(bin + " inspect " + data.string() + " --potential kim --kim-model " + kMko2009 +
                          " --elements Cu,Zr --format json");
  EXPECT_EQ(out.status, 0) << out.output;
  EXPECT_NE(out.output.find("\"potential\": \"kim " + kMko2009 + " Cu Zr\""), std::string::npos) << out.output;
  out = test::run_command(bin + " inspect " + data.string() + " --potential kim --kim-model Nope --elements Cu,Zr 2>&1");
  EXPECT_EQ(out.status, 1) << out.output;
  EXPECT_NE(out.output.find("unknown KIM model 'Nope'"), std::string::npos) << out.output;
}

}  // namespace
}  // namespace vitrum
