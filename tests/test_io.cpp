// File formats: lossless round trips (bit-for-bit coordinates) through LAMMPS data, dump and extended XYZ.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <unistd.h>

#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/npy.hpp"
#include "vitrum/io/replicate.hpp"
#include "vitrum/atomistic/potential/potential.hpp"

namespace vitrum {
namespace {

// Coordinates bit for bit. The box too, except through dump files: their triclinic bounds are
// xlo + min(0, xy) etc. (LAMMPS's format), which can cost the box lengths one ulp.
void expect_bitwise_equal(const Configuration& a, const Configuration& b, bool velocities, const std::string& what,
                          bool exact_box = true) {
  ASSERT_EQ(a.particles.size(), b.particles.size()) << what;
  for (int d = 0; d < 3; ++d) {
    const double tol = exact_box ? 0.0 : 4e-16 * std::abs(a.box.lengths()[d]);
    EXPECT_NEAR(a.box.lo()[d], b.box.lo()[d], tol) << what;
    EXPECT_NEAR(a.box.lengths()[d], b.box.lengths()[d], tol) << what;
  }
  EXPECT_EQ(a.box.xy(), b.box.xy()) << what;
  for (std::size_t i = 0; i < a.particles.size(); ++i) {
    ASSERT_EQ(std::memcmp(&a.particles.position[i], &b.particles.position[i], sizeof(Vec3)), 0) << what << " atom " << i;
    ASSERT_EQ(a.particles.id[i], b.particles.id[i]) << what;
    ASSERT_EQ(a.particles.type[i], b.particles.type[i]) << what;
    ASSERT_EQ(a.particles.image[i], b.particles.image[i]) << what;
    ASSERT_EQ(a.particles.diameter[i], b.particles.diameter[i]) << what;
    if (velocities)
      ASSERT_EQ(std::memcmp(&a.particles.velocity[i], &b.particles.velocity[i], sizeof(Vec3)), 0) << what;
  }
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, IsLossless) {
  const auto dir = std::filesystem::temp_directory_path() / ("vitrum_io_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* model : {"kob-andersen", "polydisperse-ss"}) {
    Configuration cfg = test::random_configuration(model, 700, 21, 0.3);
    // Awkward values: velocities with full mantissas, non-zero images, an off-centre origin.
    for (std::size_t i = 0; i < cfg.particles.size(); ++i) {
      cfg.particles.velocity[i] = {std::sqrt(2.0) * (i % 7), -1.0 / 3.0 * (i % 5), 1e-17 * i};
      cfg.particles.image[i] = {static_cast<int>(i % 3) - 1, -2, static_cast<int>(i % 11)};
    }
    cfg.has_velocities = true;
    const auto path = dir / (std::string(model) + "." + GetParam());
    write_configuration(path, cfg);
    const Configuration back = read_configuration(path);
    const bool exact_box = GetParam() != "dump";
    expect_bitwise_equal(cfg, back, true, std::string(model) + " " + GetParam(), exact_box);
    EXPECT_EQ(back.type_count, cfg.type_count);
    // Writing what was read gives the same bytes again.
    const auto path2 = dir / (std::string(model) + "_again." + GetParam());
    write_configuration(path2, back);
    const Configuration again = read_configuration(path2);
    expect_bitwise_equal(back, again, true, std::string(model) + " second pass", exact_box);
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip, ::testing::Values("data", "xyz", "dump"));

// .npy: a 3-D float64 array written and read back bit for bit, and a header the reader refuses.
TEST(Npy, RoundTripIsLossless) {
  const auto dir = std::filesystem::temp_directory_path() / ("vitrum_npy_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<double> v(24);
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = std::sin(1.0 + static_cast<double>(k)) * 1e-7;
  write_npy(dir / "a.npy", v, {2, 3, 4});
  const NpyArray a = read_npy(dir / "a.npy");
  EXPECT_EQ(a.shape, (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(a.data, v);
  EXPECT_THROW(write_npy(dir / "b.npy", v, {5, 5}), Error);
  std::ofstream(dir / "c.npy") << "not an array";
  try {
    (void)read_npy(dir / "c.npy");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("c.npy: not a NumPy .npy file"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(LammpsData, ReadsWhatLammpsWriteDataWrites) {
  // LAMMPS write_data adds 'Pair Coeffs' and Velocities sections and comments after section names.
  const auto path = std::filesystem::temp_directory_path() / ("vitrum_lmp_" + std::to_string(::getpid()) + ".data");
  {
    std::ofstream f(path);
    f << "LAMMPS data file via write_data, version 29 Sep 2021, timestep = 0\n\n3 atoms\n2 atom types\n\n"
         "0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n1.5 0 0 xy xz yz\n\nMasses\n\n1 1\n2 2.5\n\n"
         "Pair Coeffs # lj/cut\n\n1 1 1\n2 0.5 0.88\n\nAtoms # atomic\n\n"
         "3 2 1.0 2.0 3.0 0 0 0\n1 1 4.0 5.0 6.0 1 -1 0\n2 1 7.0 8.0 9.0 0 0 2\n\n"
         "Velocities\n\n1 0.1 0.2 0.3\n3 -1 -2 -3\n2 0 0 0\n";
  }
  const Configuration cfg = read_configuration(path);
  std::filesystem::remove(path);
  ASSERT_EQ(cfg.particles.size(), 3u);
  EXPECT_EQ(cfg.type_count, 2);
  EXPECT_EQ(cfg.box.xy(), 1.5);
  EXPECT_EQ(cfg.particles.id[0], 3);
  EXPECT_EQ(cfg.particles.mass[0], 2.5);
  EXPECT_EQ(cfg.particles.velocity[0], (Vec3{-1, -2, -3}));
  EXPECT_EQ(cfg.particles.image[1], (Int3{1, -1, 0}));
  EXPECT_TRUE(cfg.has_velocities);
}

// A replicated tilted configuration: N × copies, every atom inside the supercell, ids unique, and
// (by periodicity) the energy per particle and the virial per volume unchanged to round-off.
TEST(Replicate, TiledSupercellHasTheSameIntensiveState) {
  const Configuration cfg = test::random_configuration("kob-andersen", 300, 4, 0.3);
  const Configuration big = replicate(cfg, {2, 1, 3});
  ASSERT_EQ(big.particles.size(), 6 * cfg.particles.size());
  EXPECT_DOUBLE_EQ(big.box.lengths().x, 2 * cfg.box.lengths().x);
  EXPECT_DOUBLE_EQ(big.box.lengths().z, 3 * cfg.box.lengths().z);
  EXPECT_DOUBLE_EQ(big.box.xy(), cfg.box.xy());
  std::set<std::int64_t> ids(big.particles.id.begin(), big.particles.id.end());
  EXPECT_EQ(ids.size(), big.particles.size());
  for (const Vec3& r : big.particles.position) {
    const Vec3 f = big.box.to_fractional(r);
    for (double x : {f.x, f.y, f.z}) {
      EXPECT_GE(x, 0.0);
      EXPECT_LT(x, 1.0);
    }
  }
  auto u = make_potential("kob-andersen");
  const ForceResult a = test::brute_force(*u, cfg), b = test::brute_force(*u, big);
  EXPECT_NEAR(b.energy / 6.0, a.energy, 1e-9 * std::abs(a.energy));
  EXPECT_NEAR(b.virial[3] / big.box.volume(), a.virial[3] / cfg.box.volume(), 1e-9);
  EXPECT_THROW(replicate(cfg, {1, 0, 1}), Error);
}

}  // namespace
}  // namespace vitrum
