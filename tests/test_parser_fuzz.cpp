// A short randomised fuzz of the configuration readers: valid files mutated (bit flips, hostile numbers, lines
// dropped or repeated), fixed seeds, bounded time. Every mutant is either read into a configuration that passes
// the invariants the physics relies on, or refused with a vitrum::Error; never a crash or another exception.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <set>
#include <unistd.h>

#include "test_helpers.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {
namespace {

using test::slurp;

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t a = 0;
  while (a < s.size()) {
    const auto b = s.find('\n', a);
    out.push_back(s.substr(a, b == std::string::npos ? std::string::npos : b - a));
    if (b == std::string::npos) break;
    a = b + 1;
  }
  return out;
}

std::string mutate(const std::string& text, std::mt19937_64& rng) {
  static const char* hostile[] = {"nan", "inf", "-inf", "1e308", "-1e308", "1e400", "0", "-1", "2147483648",
                                  "9223372036854775808", "-0", "1e-320", "", "x", "4294967297", "1e200", "2e9"};
  std::string s = text;
  const int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits; ++e) {
    auto lines = lines_of(s);
    if (lines.empty()) return s;
    const std::size_t li = rng() % lines.size();
    switch (rng() % 5) {
      case 0: {  // flip a bit
        if (s.empty()) break;
        const std::size_t k = rng() % s.size();
        s[k] = static_cast<char>(s[k] ^ (1 << (rng() % 8)));
        continue;
      }
      case 1: {  // replace a token with a hostile number
        std::string& l = lines[li];
        std::vector<std::pair<std::size_t, std::size_t>> tok;
        for (std::size_t i = 0; i < l.size();) {
          while (i < l.size() && (l[i] == ' ' || l[i] == '"' || l[i] == '=')) ++i;
          std::size_t j = i;
          while (j < l.size() && l[j] != ' ' && l[j] != '"' && l[j] != '=') ++j;
          if (j > i) tok.emplace_back(i, j - i);
          i = j;
        }
        if (tok.empty()) break;
        const auto [a, n] = tok[rng() % tok.size()];
        l.replace(a, n, hostile[rng() % std::size(hostile)]);
        break;
      }
      case 2: lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(li)); break;  // drop a line
      case 3: lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(li), lines[li]); break;  // repeat a line
      default: s.resize(rng() % (s.size() + 1)); continue;  // truncate
    }
    s.clear();
    for (std::size_t i = 0; i < lines.size(); ++i) s += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  }
  return s;
}

// What every accepted configuration must satisfy.
void check_invariants(const Configuration& c, const std::string& where) {
  const Box& b = c.box;
  ASSERT_TRUE(std::isfinite(b.lo().x) && std::isfinite(b.lo().y) && std::isfinite(b.lo().z)) << where;
  ASSERT_TRUE(b.lengths().x > 0 && b.lengths().y > 0 && b.lengths().z > 0 && std::isfinite(b.volume())) << where;
  ASSERT_LE(std::abs(b.xy()), 0.5 * b.lengths().x * (1 + 1e-12)) << where;
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < c.particles.size(); ++i) {
    const Vec3& r = c.particles.position[i];
    ASSERT_TRUE(std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.z)) << where;
    ASSERT_TRUE(c.particles.mass[i] > 0 && std::isfinite(c.particles.mass[i])) << where;
    ASSERT_TRUE(c.particles.type[i] >= 1 && c.particles.type[i] <= c.type_count) << where;
    ASSERT_TRUE(ids.insert(c.particles.id[i]).second) << where << ": duplicate id";
  }
}

TEST(ParserFuzz, MutatedFilesAreReadOrRefusedWithAnError) {
  const auto dir = std::filesystem::temp_directory_path() / ("vitrum_fuzz_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path cases = std::string(VITRUM_SOURCE_DIR) + "/tests/hostile/cases";
  const auto t0 = std::chrono::steady_clock::now();
  int accepted = 0, refused = 0;
  for (const char* name : {"good.data", "good.xyz", "good.dump"}) {
    const std::string text = slurp(cases / name);
    std::mt19937_64 rng(0x5eed + std::string(name).size() * 7919);
    for (int k = 0; k < 1500; ++k) {
      const std::string bad = mutate(text, rng);
      const auto file = dir / name;
      std::ofstream(file, std::ios::binary | std::ios::trunc) << bad;
      try {
        const Configuration c = read_configuration(file);
        check_invariants(c, std::string(name) + " mutant " + std::to_string(k));
        ++accepted;
      } catch (const Error& e) {
        const std::string msg = e.what();
        EXPECT_EQ(msg.find('\n'), std::string::npos) << "multi-line message: " << msg;
        EXPECT_EQ(msg.rfind(file.string(), 0), 0u) << "message does not name the file: " << msg;
        ++refused;
      } catch (const std::exception& e) {
        ADD_FAILURE() << name << " mutant " << k << ": not a vitrum::Error: " << e.what() << "\n" << bad;
      }
    }
  }
  std::filesystem::remove_all(dir);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("fuzz: %d mutants accepted, %d refused, %.2f s\n", accepted, refused, s);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace vitrum
