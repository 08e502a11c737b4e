// Hessian and modes: analytic Hessian vs finite differences of forces (KA and polydisperse), eigenvalues,
// three zero modes at an inherent structure, participation ratios and soft-spot normalisation.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/analysis/hessian.hpp"
#include "vitrum/analysis/hessian_modes.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {
namespace {

Eigen::MatrixXd dense(const analysis::SparseMatrix& lower) {
  const Eigen::MatrixXd l = Eigen::MatrixXd(lower);
  Eigen::MatrixXd full = l + l.transpose();
  full.diagonal() = l.diagonal();
  return full;
}

// −∂F/∂x by central differences, column by column.
Eigen::MatrixXd finite_difference_hessian(System& s, double h) {
  const std::size_t n = s.size();
  Eigen::MatrixXd out(3 * n, 3 * n);
  for (std::size_t i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) {
      std::vector<Vec3> fplus, fminus;
      const Vec3 x0 = s.particles().position[i];
      s.particles().position[i][a] = x0[a] + h;
      s.compute_forces();
      fplus = s.particles().force;
      s.particles().position[i] = x0;
      s.particles().position[i][a] = x0[a] - h;
      s.compute_forces();
      fminus = s.particles().force;
      s.particles().position[i] = x0;
      for (std::size_t j = 0; j < n; ++j)
        for (int b = 0; b < 3; ++b)
          out(static_cast<Eigen::Index>(3 * j + b), static_cast<Eigen::Index>(3 * i + a)) =
              -(fplus[j][b] - fminus[j][b]) / (2 * h);
    }
  s.compute_forces();
  return out;
}

void check_against_finite_differences(const std::string& model, std::size_t n, double tilt) {
  System s = make_system(test::random_configuration(model, n, 21, tilt), model, "random");
  const Eigen::MatrixXd analytic = dense(analysis::hessian(*s.potential, s.particles(), s.box()));
  const Eigen::MatrixXd fd = finite_difference_hessian(s, 1e-6);
  const double scale = analytic.cwiseAbs().maxCoeff();
  EXPECT_LT((analytic - fd).cwiseAbs().maxCoeff() / scale, 1e-6) << model;
  // Eigenvalues of the analytic Hessian vs those of the (symmetrised) finite-difference one.
  const Eigen::VectorXd ea = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(analytic).eigenvalues();
  const Eigen::VectorXd ef = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(0.5 * (fd + fd.transpose())).eigenvalues();
  EXPECT_LT((ea - ef).cwiseAbs().maxCoeff() / ea.cwiseAbs().maxCoeff(), 1e-6) << model;
  // Translations: every row of H sums to zero per Cartesian component.
  for (Eigen::Index r = 0; r < analytic.rows(); ++r)
    for (int b = 0; b < 3; ++b) {
      double sum = 0;
      for (Eigen::Index c = b; c < analytic.cols(); c += 3) sum += analytic(r, c);
      EXPECT_NEAR(sum, 0.0, 1e-9 * scale);
    }
}

TEST(Hessian, KobAndersenMatchesFiniteDifferencesOfForces) { check_against_finite_differences("kob-andersen", 250, 0.25); }
TEST(Hessian, PolydisperseMatchesFiniteDifferencesOfForces) { check_against_finite_differences("polydisperse-ss", 250, 0.0); }
TEST(Hessian, WahnstromMatchesFiniteDifferencesOfForces) { check_against_finite_differences("wahnstrom", 250, 0.1); }

TEST(HessianModes, InherentStructureHasThreeZeroModesAndMatchesDenseSolver) {
  System s = make_system(test::random_configuration("kob-andersen", 250, 4, 0.0), "kob-andersen", "random");
  MinimizeOptions opt;
  opt.method = "cg";
  minimize(s, opt);
  analysis::HessianModes modes(12, 10);
  modes.compute(*s.potential, s.particles(), s.box());
  ASSERT_EQ(modes.zero_modes().size(), 3u);
  for (double z : modes.zero_modes()) EXPECT_NEAR(z, 0.0, 1e-8);
  const Eigen::VectorXd dense_values =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(dense(analysis::hessian(*s.potential, s.particles(), s.box(), true)))
          .eigenvalues();
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(dense_values[k], 0.0, 1e-8);
  EXPECT_GT(dense_values[3], 1e-3);  // a stable inherent structure: no other soft direction
  for (std::size_t m = 0; m < modes.eigenvalues().size(); ++m)
    EXPECT_NEAR(modes.eigenvalues()[m], dense_values[static_cast<Eigen::Index>(m + 3)], 1e-8 * dense_values[3]);
  double soft_sum = 0;
  for (double phi : modes.soft_spot_field()) soft_sum += phi;
  EXPECT_NEAR(soft_sum, 10.0, 1e-9);  // ten normalised polarisation vectors
  for (double pr : modes.participation_ratios()) {
    EXPECT_GT(pr, 1.0 / 250);
    EXPECT_LE(pr, 1.0);
  }
}

}  // namespace
}  // namespace vitrum
