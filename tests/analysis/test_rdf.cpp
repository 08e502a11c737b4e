// g(r): pair-count histograms against a brute-force NumPy reference (all 27 images), orthorhombic and tilted.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <numbers>

#include "analysis_test_io.hpp"
#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/analysis/rdf.hpp"

namespace vitrum {
namespace {

void check_against_numpy(const Configuration& cfg, double r_max, std::size_t bins, const std::string& name) {
  analysis::Rdf rdf(bins, r_max);
  rdf.compute(cfg.box, cfg.particles.position, cfg.particles.type, 2);
  const auto path = test::write_plain(cfg, name);
  const auto result = test::run_command(fmt::format("{} {}/rdf_reference.py {} {} {}", VITRUM_PYTHON,
                                                    VITRUM_ANALYSIS_TEST_DIR, path.string(), r_max, bins));
  std::filesystem::remove(path);
  ASSERT_EQ(result.status, 0) << result.output;
  const auto rows = test::parse_table(result.output);
  ASSERT_EQ(rows.size(), bins);
  const double n = static_cast<double>(cfg.particles.size());
  double na = 0;
  for (int t : cfg.particles.type) na += t == 1;
  const double nb = n - na, volume = cfg.box.volume(), dr = r_max / static_cast<double>(bins);
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < bins; ++k) {
    ASSERT_EQ(rows[k].size(), 4u);
    EXPECT_EQ(rdf.pair_counts()[k], static_cast<std::uint64_t>(rows[k][0])) << "bin " << k;
    EXPECT_EQ(rdf.pair_counts(1, 1)[k], static_cast<std::uint64_t>(rows[k][1])) << "bin " << k;
    EXPECT_EQ(rdf.pair_counts(1, 2)[k], static_cast<std::uint64_t>(rows[k][2])) << "bin " << k;
    EXPECT_EQ(rdf.pair_counts(2, 2)[k], static_cast<std::uint64_t>(rows[k][3])) << "bin " << k;
    total += rdf.pair_counts()[k];
    // g from the reference counts with the textbook normalisation.
    const double shell = 4.0 / 3.0 * std::numbers::pi * (std::pow((k + 1) * dr, 3) - std::pow(k * dr, 3));
    const double g = 2.0 * rows[k][0] * volume / (n * n * shell);
    const double g11 = 2.0 * rows[k][1] * volume / (na * na * shell);
    const double g12 = rows[k][2] * volume / (na * nb * shell);
    EXPECT_NEAR(rdf.g()[k], g, 1e-10 * std::max(1.0, g));
    EXPECT_NEAR(rdf.g(1, 1)[k], g11, 1e-10 * std::max(1.0, g11));
    EXPECT_NEAR(rdf.g(2, 1)[k], g12, 1e-10 * std::max(1.0, g12));
  }
  EXPECT_GT(total, 0u);
}

TEST(Rdf, KobAndersenLiquidMatchesNumpyBruteForce) {
  // The KA liquid at T = 0.8 (issue 9), equilibrated by vitrum's NVT MD (tests/data/md/README.md).
  const Configuration cfg = read_configuration(test::data_dir() / "md/ka4000_T0.8.data");
  check_against_numpy(cfg, 7.0, 350, "ka_liquid");
  analysis::Rdf rdf(350, 7.0);
  rdf.compute(cfg.box, cfg.particles.position, cfg.particles.type);
  // Physics: the A–A peak of the KA liquid sits near r = 1.05 σ_AA, the A–B peak near 0.8 σ (σ_AB),
  // and g(r) → 1 at large r.
  EXPECT_NEAR(rdf.first_peak(), 1.05, 0.1);
  double tail = 0;
  int m = 0;
  for (std::size_t k = 300; k < 350; ++k, ++m) tail += rdf.g()[k];
  EXPECT_NEAR(tail / m, 1.0, 0.02);
  const auto& g12 = rdf.g(1, 2);
  const auto peak12 = std::max_element(g12.begin(), g12.end()) - g12.begin();
  EXPECT_NEAR(rdf.bin_centers()[static_cast<std::size_t>(peak12)], 0.85, 0.1);
  // Coordination: A has ~12 neighbours in its first shell (r < first minimum).
  const auto kmin = static_cast<std::size_t>(rdf.first_minimum() / 0.02);
  const double z = rdf.coordination(1, 1)[kmin] + rdf.coordination(1, 2)[kmin];
  EXPECT_GT(z, 11.0);
  EXPECT_LT(z, 15.0);
}

TEST(Rdf, TiltedBoxMatchesNumpyBruteForce) {
  const Configuration cfg = test::random_configuration("kob-andersen", 1000, 7, 0.3);
  ASSERT_TRUE(cfg.box.is_tilted());
  const Vec3 w = cfg.box.perpendicular_widths();
  check_against_numpy(cfg, 0.49 * std::min({w.x, w.y, w.z}), 120, "tilted");
}

TEST(Rdf, RejectsTooLargeCutoff) {
  const Configuration cfg = test::random_configuration("kob-andersen", 200, 1, 0.0);
  analysis::Rdf rdf(10, cfg.box.lengths().x);
  EXPECT_THROW(rdf.compute(cfg.box, cfg.particles.position, cfg.particles.type), Error);
}

}  // namespace
}  // namespace vitrum
