// Energy, virial and forces of every potential against reference files made by LAMMPS (and, for the
// polydisperse model, by an independent NumPy brute force): tests/data/forces/README.md.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "test_helpers.hpp"
#include "vitrum/atomistic/potential/polydisperse_soft_spheres.hpp"

namespace vitrum {
namespace {

struct Reference {
  double pe = 0;
  Sym6 virial{};
  std::map<std::int64_t, Vec3> force;
};

Reference read_reference(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  Reference ref;
  std::string line, key;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    ls >> key;
    if (key == "pe") ls >> ref.pe;
    else if (key == "virial") for (double& v : ref.virial) ls >> v;
    else if (key == "forces") break;
  }
  std::int64_t id;
  Vec3 f;
  while (in >> id >> f.x >> f.y >> f.z) ref.force[id] = f;
  return ref;
}

class ReferenceForces : public ::testing::TestWithParam<std::string> {};

TEST_P(ReferenceForces, MatchesReferenceTo1e9) {
  const std::string name = GetParam();
  const std::string model = name.substr(0, name.rfind('_'));
  const auto dir = test::data_dir() / "forces";
  const Reference ref = read_reference(dir / (name + ".ref"));
  // A force-shifted variant ("<model>-fs") is checked on its energy-shifted model's configuration.
  const std::string configuration = model.ends_with("-fs") ? model.substr(0, model.size() - 3) : model;
  const std::string geometry = name.substr(name.rfind('_'));
  System s = make_system(read_configuration(dir / (configuration + geometry + ".data")), model, name);
  ASSERT_GE(s.size(), 1000u);
  ASSERT_EQ(ref.force.size(), s.size());

  const double n = static_cast<double>(s.size());
  EXPECT_NEAR(s.last.energy, ref.pe, 1e-9 * std::abs(ref.pe)) << name;
  double vmax = 0;
  for (double v : ref.virial) vmax = std::max(vmax, std::abs(v));
  for (int a = 0; a < 6; ++a)
    EXPECT_NEAR(s.last.virial[a] / s.box().volume(), ref.virial[a], 1e-9 * vmax) << name << " virial component " << a;
  double fmax = 0;
  for (const auto& [id, f] : ref.force) fmax = std::max(fmax, norm(f));
  double worst = 0;
  const Particles& p = s.cfg.particles;
  for (std::size_t i = 0; i < p.size(); ++i) worst = std::max(worst, norm(p.force[i] - ref.force.at(p.id[i])));
  EXPECT_LT(worst, 1e-9 * fmax) << name << ": worst force difference " << worst << " of max " << fmax;
  RecordProperty("pe_per_particle", std::to_string(s.last.energy / n));
}

INSTANTIATE_TEST_SUITE_P(AllModels, ReferenceForces,
                         ::testing::Values("kob-andersen_ortho", "kob-andersen_tilt", "ka2_ortho", "ka2_tilt",
                                           "wahnstrom_ortho", "wahnstrom_tilt", "polydisperse-ss_ortho",
                                           "polydisperse-ss_tilt", "kob-andersen-fs_ortho", "kob-andersen-fs_tilt",
                                           "ka2-fs_ortho", "ka2-fs_tilt"),
                         test::param_name);

// The polydisperse pair energy, force and curvature vanish at r_c = 1.25 σ_ij to round-off (the exact
// c0, c2, c4; the paper's printed digits leave a force step of 5e-5 that stalls tight minimisations).
TEST(PolydisperseSoftSpheres, SmoothAtTheCutoff) {
  const PolydisperseSoftSpheres u;
  for (const double d : {0.7253, 1.0, 1.6095}) {
    const auto c = u.coeffs(1, 1, d, d);
    const double rc = std::sqrt(c.rcut_sq), h = 1e-6 * rc;
    const PairTerm at = PolydisperseSoftSpheres::eval(c.rcut_sq, c);
    EXPECT_LT(std::abs(at.energy), 1e-14) << d;
    EXPECT_LT(std::abs(at.force_divr * rc), 1e-13) << d;
    // v'' from the force on both sides of r_c - h: |F(r_c - h)| = O(h²) when v'' (r_c) = 0.
    const PairTerm in = PolydisperseSoftSpheres::eval((rc - h) * (rc - h), c);
    EXPECT_LT(std::abs(in.force_divr * (rc - h)), 1e-9) << d;
  }
}

}  // namespace
}  // namespace vitrum
