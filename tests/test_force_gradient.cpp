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
    const double h = 1e-6;
    for (std::size_t i = 0; i < s.size(); i += 37) {
      for (int a = 0; a < 3; ++a) {
        Vec3& r = s.cfg.particles.position[i];
        const double r0 = r[a];
        r[a] = r0 + h;
        const double ep = energy_at(s);
        r[a] = r0 - h;
        const double em = energy_at(s);
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
                         ::testing::Values("kob-andersen", "ka2", "wahnstrom", "polydisperse-ss"),
                         [](const auto& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });

}  // namespace
}  // namespace vitrum
