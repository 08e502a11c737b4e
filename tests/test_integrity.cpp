// Integrity of what vitrum writes: sealed files (checkpoints, models) refuse every single-bit flip, a checkpoint
// damaged on disk is refused by --resume (never a crash or another result), and an output folder is locked.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_helpers.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/folder_lock.hpp"
#include "vitrum/io/sealed_file.hpp"

namespace vitrum {
namespace {

using test::slurp;

// Whether a process runs: /proc/PID/stat exists and is not a zombie (a container's init may never reap one,
// and `kill -0` succeeds on a zombie).
bool alive(const std::string& pid) {
  std::ifstream f("/proc/" + pid + "/stat");
  std::string stat;
  if (!std::getline(f, stat)) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

class Integrity : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vitrum_integrity_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(Integrity, SealRoundTripsAndRefusesEveryBitFlip) {
  std::string payload;
  for (int i = 0; i < 300; ++i) payload += static_cast<char>((i * 37) & 0xff);
  const std::string sealed = seal("checkpoint", 3, payload);
  EXPECT_EQ(unseal("x", "checkpoint", 3, sealed), payload);
  int refused = 0, total = 0;
  for (std::size_t byte = 0; byte < sealed.size(); ++byte)
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = sealed;
      bad[byte] = static_cast<char>(bad[byte] ^ (1 << bit));
      ++total;
      try {
        (void)unseal("x", "checkpoint", 3, bad);
      } catch (const Error&) {
        ++refused;
      }
    }
  EXPECT_EQ(refused, total);
  EXPECT_THROW((void)unseal("x", "checkpoint", 3, sealed.substr(0, sealed.size() - 1)), Error);  // truncated
  EXPECT_THROW((void)unseal("x", "checkpoint", 3, sealed + "x"), Error);                        // extended
  EXPECT_THROW((void)unseal("x", "gfa-model", 3, sealed), Error);                               // another kind
  EXPECT_THROW((void)unseal("x", "checkpoint", 4, sealed), Error);                              // another version
}

// A real checkpoint: a flipped bit at every byte position is refused by the loader, and --resume with a damaged
// checkpoint exits 1 with a message (it segfaulted or resumed into a different final.data before).
TEST_F(Integrity, DamagedCheckpointIsRefused) {
  const auto recipe = dir_ / "r.toml";
  std::filesystem::copy_file(std::string(VITRUM_SOURCE_DIR) + "/tests/hostile/cases/good.data", dir_ / "good.data");
  std::ofstream(recipe) << "[system]\nread = \"good.data\"\npotential = \"kob-andersen\"\nseed = 1\n"
                           "[[stage]]\nkind = \"md\"\nensemble = \"nvt\"\ntemperature = 0.5\nsteps = 20\n";
  const auto out = dir_ / "out";
  auto r = test::run_command(std::string(VITRUM_BINARY) + " run " + recipe.string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string good = slurp(out / "checkpoint.bin");
  ASSERT_GT(good.size(), 1000u);
  EXPECT_NO_THROW((void)read_sealed(out / "checkpoint.bin", "checkpoint", kCheckpointVersion));
  int refused = 0;
  for (std::size_t byte = 0; byte < good.size(); ++byte) {
    std::string bad = good;
    bad[byte] = static_cast<char>(bad[byte] ^ (1 << (byte % 8)));
    try {
      (void)unseal("checkpoint.bin", "checkpoint", kCheckpointVersion, bad);
    } catch (const Error&) {
      ++refused;
    }
  }
  EXPECT_EQ(refused, static_cast<int>(good.size()));
  for (const std::size_t byte : {std::size_t{3}, std::size_t{30}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[byte] = static_cast<char>(bad[byte] ^ 0x10);
    std::ofstream(out / "checkpoint.bin", std::ios::binary) << bad;
    r = test::run_command(std::string(VITRUM_BINARY) + " run " + recipe.string() + " --out " + out.string() + " --resume");
    EXPECT_EQ(r.status, 1) << "byte " << byte << ": " << r.output;
    EXPECT_NE(r.output.find("checkpoint.bin"), std::string::npos) << r.output;
  }
}

TEST_F(Integrity, OutputFolderLockNamesTheHolder) {
  const FolderLock held(dir_);
  try {
    const FolderLock second(dir_);
    FAIL() << "a second lock on one folder was granted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("PID " + std::to_string(::getpid())), std::string::npos) << e.what();
  }
}

// Two `vitrum run` into one folder at once: the second is refused naming the first's PID; the first finishes
// with its outputs intact (before, their thermo.csv rows were spliced).
TEST_F(Integrity, ConcurrentRunIntoOneFolderIsRefused) {
  std::filesystem::copy_file(std::string(VITRUM_SOURCE_DIR) + "/tests/hostile/cases/good.data", dir_ / "good.data");
  const auto recipe = dir_ / "r.toml";
  std::ofstream(recipe) << "[system]\nread = \"good.data\"\npotential = \"kob-andersen\"\nseed = 1\n"
                           "[output]\nthermo_every = 100\n"
                           "[[stage]]\nkind = \"md\"\nensemble = \"nvt\"\ntemperature = 0.5\nsteps = 200000\n";
  const auto out = dir_ / "out";
  const std::string run = std::string(VITRUM_BINARY) + " run " + recipe.string() + " --out " + out.string();
  // The first run in the background; wait until it holds the lock (it writes its PID into vitrum.lock).
  ASSERT_EQ(std::system((run + " > " + (dir_ / "first.log").string() + " 2>&1 & echo $! > " + (dir_ / "pid").string()).c_str()), 0);
  for (int i = 0; i < 200 && slurp(out / "vitrum.lock").empty(); ++i) ::usleep(50000);
  std::string pid = slurp(dir_ / "pid");
  pid = pid.substr(0, pid.find('\n'));
  const auto second = test::run_command(run);
  EXPECT_EQ(second.status, 1) << second.output;
  EXPECT_NE(second.output.find("another vitrum (PID " + pid + ")"), std::string::npos) << second.output;
  // Stop the first with SIGTERM (once its stage runs): it checkpoints and exits within 2 s; its files are its own.
  for (int i = 0; i < 400 && !std::filesystem::exists(out / "recipe.toml"); ++i) ::usleep(25000);
  ::usleep(200000);
  ASSERT_EQ(std::system(("kill -TERM " + pid).c_str()), 0);
  for (int i = 0; i < 40 && alive(pid); ++i) ::usleep(50000);
  EXPECT_FALSE(alive(pid)) << "the first run did not end within 2 s of SIGTERM";
  const std::string thermo = slurp(out / "thermo.csv");
  EXPECT_EQ(thermo.rfind("stage,step,", 0), 0u);
  EXPECT_EQ(thermo.find("stage,step,", 1), std::string::npos) << "a second header: the runs were spliced";
  EXPECT_NO_THROW((void)read_sealed(out / "checkpoint.bin", "checkpoint", kCheckpointVersion));
}

// SIGTERM in the middle of a long parallel-tempering block (many replicas, rare exchanges: no step boundary for
// seconds) ends the run within 2 s with 128 + 15, and the checkpoint on disk is intact (it ignored SIGTERM for
// minutes before).
TEST_F(Integrity, SigtermEndsParallelTemperingWithinTwoSeconds) {
  std::filesystem::copy_file(std::string(VITRUM_SOURCE_DIR) + "/tests/hostile/cases/good.data", dir_ / "good.data");
  const auto recipe = dir_ / "pt.toml";
  std::string temps;
  for (int k = 0; k < 200; ++k) temps += (k ? ", " : "") + std::to_string(0.5 + 0.01 * k);
  std::ofstream(recipe) << "[system]\nread = \"good.data\"\npotential = \"kob-andersen\"\nseed = 1\n"
                           "[[stage]]\nkind = \"parallel_tempering\"\ntemperatures = [" << temps << "]\n"
                           "sweeps = 100000000\nexchange_every = 10000000\np_swap = 0\n";
  const auto out = dir_ / "out";
  const std::string run = std::string(VITRUM_BINARY) + " run " + recipe.string() + " --out " + out.string();
  ASSERT_EQ(std::system((run + " > " + (dir_ / "pt.log").string() + " 2>&1 & echo $! > " + (dir_ / "pid").string()).c_str()), 0);
  std::string pid = slurp(dir_ / "pid");
  pid = pid.substr(0, pid.find('\n'));
  // recipe.toml is written just before the signal handlers are installed and the stage starts.
  for (int i = 0; i < 400 && !std::filesystem::exists(out / "recipe.toml"); ++i) ::usleep(25000);
  ::usleep(1000000);
  ASSERT_EQ(std::system(("kill -TERM " + pid).c_str()), 0);
  const auto t0 = std::chrono::steady_clock::now();
  while (alive(pid) && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10))
    ::usleep(20000);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(s, 2.0) << slurp(dir_ / "pt.log");
  EXPECT_NE(slurp(dir_ / "pt.log").find("vitrum: interrupted"), std::string::npos) << slurp(dir_ / "pt.log");
  EXPECT_NO_THROW((void)read_sealed(out / "checkpoint.bin", "checkpoint", kCheckpointVersion));
  std::system(("kill -KILL " + pid + " 2>/dev/null").c_str());
}

// The EPM (no checkpoints, default signal action): SIGTERM in the middle of the avalanches ends it within 2 s.
TEST_F(Integrity, SigtermEndsEpmWithinTwoSeconds) {
  const std::string run = std::string(VITRUM_BINARY) + " epm " + VITRUM_SOURCE_DIR + "/recipes/epm-2d.toml --no-plots --out " +
                          (dir_ / "epm").string();
  ASSERT_EQ(std::system((run + " > " + (dir_ / "epm.log").string() + " 2>&1 & echo $! > " + (dir_ / "pid").string()).c_str()), 0);
  std::string pid = slurp(dir_ / "pid");
  pid = pid.substr(0, pid.find('\n'));
  ::usleep(1000000);
  ASSERT_TRUE(alive(pid)) << "the EPM run ended before the signal: " << slurp(dir_ / "epm.log");
  ASSERT_EQ(std::system(("kill -TERM " + pid).c_str()), 0);
  const auto t0 = std::chrono::steady_clock::now();
  while (alive(pid) && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10)) ::usleep(20000);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.0);
  std::system(("kill -KILL " + pid + " 2>/dev/null").c_str());
}

// A stage that diverges stops the run: exit 1 naming the stage and step, summary.json says failed.
TEST_F(Integrity, DivergedStageIsMarkedFailed) {
  std::filesystem::copy_file(std::string(VITRUM_SOURCE_DIR) + "/tests/hostile/cases/good.data", dir_ / "good.data");
  const auto recipe = dir_ / "r.toml";
  std::ofstream(recipe) << "[system]\nread = \"good.data\"\npotential = \"kob-andersen\"\nseed = 1\n"
                           "[output]\nthermo_every = 10\n"
                           "[[stage]]\nkind = \"minimize\"\n"
                           "[[stage]]\nkind = \"md\"\nensemble = \"nvt\"\ntemperature = 1.0\ndt = 1000\nsteps = 50\n";
  const auto out = dir_ / "out";
  const auto r = test::run_command(std::string(VITRUM_BINARY) + " run " + recipe.string() + " --out " + out.string());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("stage 2/2 md step 10:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(time step dt = 1000 too large?)"), std::string::npos) << r.output;
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  EXPECT_EQ(summary["status"], "failed");
  ASSERT_EQ(summary["stages"].size(), 2u);
  EXPECT_FALSE(summary["stages"][0].contains("status"));
  EXPECT_EQ(summary["stages"][1]["status"], "failed");
  EXPECT_NO_THROW((void)read_sealed(out / "checkpoint.bin", "checkpoint", kCheckpointVersion));  // the last good state
}

}  // namespace
}  // namespace vitrum
