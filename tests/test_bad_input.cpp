// Bad input gets a one-line error naming the file (and line) and a non-zero exit, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include "test_helpers.hpp"

namespace vitrum {
namespace {

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vitrum_bad_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    good_ = dir_ / "good.data";
    write_configuration(good_, test::random_configuration("kob-andersen", 500, 2, 0.0));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string good_text() const {
    std::ifstream f(good_);
    return {std::istreambuf_iterator<char>(f), {}};
  }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }
  // Runs `vitrum inspect`, expects failure with every fragment in the message, on one line.
  void expect_error(const std::filesystem::path& file, const std::string& potential,
                    const std::vector<std::string>& fragments) const {
    const auto r = test::run_command(std::string(VITRUM_BINARY) + " inspect '" + file.string() + "' --potential " + potential);
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_EQ(r.output.rfind("vitrum: error: ", 0), 0u) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one line expected: " << r.output;
    for (const auto& frag : fragments) EXPECT_NE(r.output.find(frag), std::string::npos) << "missing '" << frag << "' in: " << r.output;
  }

  std::filesystem::path dir_, good_;
};

TEST_F(BadInput, GoodFileIsAccepted) {
  const auto r = test::run_command(std::string(VITRUM_BINARY) + " inspect '" + good_.string() + "' -p kob-andersen");
  EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(BadInput, MalformedNumber) {
  std::string t = good_text();
  const auto pos = t.find("\n1 ", t.find("Atoms"));
  const auto eol = t.find('\n', pos + 1);
  t.replace(pos + 1, eol - pos - 1, "1 1 0.5 abc 0.5 0 0 0");
  expect_error(write("malformed.data", t), "kob-andersen", {"malformed.data:", "expected a number for y, found 'abc'"});
}

TEST_F(BadInput, TruncatedDataFile) {
  std::string t = good_text();
  t.resize(t.size() * 2 / 3);
  t.resize(t.rfind('\n') + 1);
  expect_error(write("truncated.data", t), "kob-andersen", {"truncated.data", "truncated"});
}

TEST_F(BadInput, TruncatedExtxyz) {
  write_configuration(dir_ / "full.xyz", read_configuration(good_));
  std::ifstream f(dir_ / "full.xyz");
  std::string t{std::istreambuf_iterator<char>(f), {}};
  t.resize(t.size() / 2);
  t.resize(t.rfind('\n') + 1);
  expect_error(write("cut.xyz", t), "kob-andersen", {"cut.xyz", "truncated"});
}

TEST_F(BadInput, UnknownAtomTypeInFile) {
  std::string t = good_text();
  const auto pos = t.find("\n1 ", t.find("Atoms"));
  t.replace(pos + 1, 4, "1 7 ");
  expect_error(write("badtype.data", t), "kob-andersen", {"badtype.data:", "unknown atom type 7", "declares 2 types"});
}

TEST_F(BadInput, AtomTypeUnknownToPotential) {
  write_configuration(dir_ / "ternary.data", test::random_configuration("ka2", 500, 2, 0.0));
  expect_error(dir_ / "ternary.data", "kob-andersen", {"ternary.data:", "type 3", "'kob-andersen' defines types 1..2"});
}

TEST_F(BadInput, UnknownPotential) {
  expect_error(good_, "lennard-jonze", {"unknown potential 'lennard-jonze'", "kob-andersen", "polydisperse-ss"});
}

TEST_F(BadInput, BoxSmallerThanTwiceCutoffPlusSkin) {
  write_configuration(dir_ / "small.data", test::random_configuration("kob-andersen", 100, 2, 0.0));
  expect_error(dir_ / "small.data", "kob-andersen", {"small.data:", "box too small", "twice the cut-off plus skin"});
}

TEST_F(BadInput, NanCoordinate) {
  std::string t = good_text();
  const auto pos = t.find("\n3 ", t.find("Atoms"));
  const auto eol = t.find('\n', pos + 1);
  t.replace(pos + 1, eol - pos - 1, "3 1 nan 1.0 1.0 0 0 0");
  expect_error(write("nan.data", t), "kob-andersen", {"nan.data:", "atom 3 has a non-finite coordinate"});
}

TEST_F(BadInput, OverlappingParticles) {
  Configuration cfg = read_configuration(good_);
  cfg.particles.position[10] = cfg.particles.position[20] + Vec3{1e-3, 0, 0};
  write_configuration(dir_ / "overlap.data", cfg);
  expect_error(dir_ / "overlap.data", "kob-andersen", {"overlap.data:", "overlap", "would overflow"});
}

TEST_F(BadInput, UnreadableFile) {
  expect_error(dir_ / "missing.data", "kob-andersen", {"missing.data", "cannot open"});
}

TEST_F(BadInput, UnknownExtension) {
  expect_error(write("config.pdb", "x"), "kob-andersen", {"config.pdb", "cannot tell the file format"});
}

TEST_F(BadInput, MissingDiametersForPolydisperseModel) {
  expect_error(good_, "polydisperse-ss", {"good.data:", "needs per-atom diameters"});
}

}  // namespace
}  // namespace vitrum
