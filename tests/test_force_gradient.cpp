// Property test: forces equal minus the central-difference gradient of the energy, and the virial
// equals minus the strain derivative of the energy, for every potential, random configurations and tilts.
#include <gtest/gtest.h>

#include <cmath>

#include "test_helpers.hpp"

namespace vitrum {
namespace {

double energy_at(System& s) { return s.compute_forces().energy; }

class ForceGradient : public ::testing::TestWithParam<std::string> {};

TEST_P(ForceGradient, ForceIsMinusGradient) {
  const std::string model = GetParam();
  for (std::uint32_t seed : {3u, 11u}) {
    const double tilt = seed == 3u ? 0.0 : 0.3;
    System s = make_system(test::random_configuration(model, 400, seed, tilt), model, model);
    // Relax the random-addition start a little so forces are moderate: a few steepest-descent steps.
    for (int k = 0; k < 200; ++k) {
      s.compute_forces();
      double fmax = 0;
      for (const auto& f : s.cfg.particles.force) fmax = std::max(fmax, norm(f));
      const double step = std::min(0.01, 0.02 / fmax);
      for (std::size_t i = 0; i < s.size(); ++i) s.cfg.particles.position[i] += s.cfg.particles.force[i] * step;
    }
    s.compute_forces();
    const std::vector<Vec3> force = s.cfg.particles.force;
    // The energy that depends on atom i: its pair terms with every image of every other atom.
    // Differencing this local sum (not the total, whose round-off is ~1e-12) keeps the numerical
    // derivative accurate to ~1e-9.
    const Particles& p = s.cfg.particles;
    const Box& b = s.cfg.box;
    auto local_energy = [&](std::size_t i) {
      double e = 0;
      const double rc = s.potential->cutoff();
      for (std::size_t j = 0; j < p.size(); ++j) {
        if (j == i) continue;
        for (int nz = -1; nz <= 1; ++nz)
          for (int ny = -1; ny <= 1; ++ny)
            for (int nx = -1; nx <= 1; ++nx) {
              const Vec3 d = p.position[i] - (p.position[j] + Vec3{nx * b.lengths().x + ny * b.xy(), ny * b.lengths().y,
                                                                    nz * b.lengths().z});
              const double rsq = norm2(d);
              if (rsq < rc * rc) e += s.potential->pair_term(p, i, j, rsq).energy;
            }
      }
      return e;
    };
    const double h = 1e-5;
    for (std::size_t i = 0; i < s.size(); i += 37) {
      for (int a = 0; a < 3; ++a) {
        Vec3& r = s.cfg.particles.position[i];
        const double r0 = r[a];
        r[a] = r0 + h;
        const double ep = local_energy(i);
        r[a] = r0 - h;
        const double em = local_energy(i);
        r[a] = r0;
        const double numeric = -(ep - em) / (2 * h);
        EXPECT_NEAR(force[i][a], numeric, 1e-6 * std::max(1.0, std::abs(numeric)))
            << model << " seed " << seed << " atom " << i << " component " << a;
      }
    }
  }
}

// W_xy = −dU/dγ for an affine shear x += γ y (at fixed volume), W_xx = −dU/dε for x → (1+ε) x.
TEST_P(ForceGradient, VirialIsStrainDerivative) {
  const std::string model = GetParam();
  System s = make_system(test::random_configuration(model, 400, 5, 0.2), model, model);
  const ForceResult base = s.compute_forces();
  const Configuration ref = s.cfg;
  const double h = 1e-6;
  auto strained_energy = [&](double exx, double gxy) {
    s.cfg = ref;
    Box& b = s.cfg.box;
    for (auto& r : s.cfg.particles.position) {
      const Vec3 d = r - b.lo();
      r = b.lo() + Vec3{(1 + exx) * d.x + gxy * d.y, d.y, d.z};
    }
    const Vec3 L = b.lengths();
    b = Box(b.lo(), {L.x * (1 + exx), L.y, L.z}, (1 + exx) * b.xy() + gxy * L.y);
    s.list = make_neighbor_list(*s.potential, kDefaultSkin);
    return energy_at(s);
  };
  const double dxy = -(strained_energy(0, h) - strained_energy(0, -h)) / (2 * h);
  const double dxx = -(strained_energy(h, 0) - strained_energy(-h, 0)) / (2 * h);
  EXPECT_NEAR(base.virial[3], dxy, 1e-5 * std::max(1.0, std::abs(dxy))) << model;
  EXPECT_NEAR(base.virial[0], dxx, 1e-5 * std::max(1.0, std::abs(dxx))) << model;
}

INSTANTIATE_TEST_SUITE_P(AllModels, ForceGradient,
                         ::testing::Values("kob-andersen", "ka2", "wahnstrom", "polydisperse-ss", "kob-andersen-fs"),
                         test::param_name);

}  // namespace
}  // namespace vitrum
