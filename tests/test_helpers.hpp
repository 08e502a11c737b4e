// Small helpers shared by the tests: reference files, random configurations, brute-force sums.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>

#include "vitrum/atomistic/system.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::test {

inline std::filesystem::path data_dir() { return VITRUM_TEST_DATA; }

// Test names for string parameters: gtest allows no '-' ("kob-andersen" → "kob_andersen").
inline std::string param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

// A file's bytes.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

// `s` with the first `from` replaced by `to` (a failed expectation if `from` is not there).
inline std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return s.replace(p, from.size(), to);
}

// The message of the vitrum Error that `f` throws ("" if none).
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A fresh System on a copy of `s`'s configuration and potential (velocities are not carried over).
inline System copy_of(const System& s) {
  return make_system(s.cfg, std::string(s.potential->name()), "copy", s.list.skin());
}

// The message of the Error that parsing `text` as a recipe named "bad.toml" throws ("" if none).
std::string recipe_error(const std::string& text);

// Runs a shell command, returns its exit status and combined stdout+stderr.
struct CommandResult {
  int status;
  std::string output;
};
CommandResult run_command(const std::string& command);

// A random fluid configuration of `model` (via generate) with the given tilt fraction.
Configuration random_configuration(const std::string& model, std::size_t n, std::uint32_t seed, double tilt);

// Energy and virial by an O(N²) sum over every pair and all 27 periodic images of each partner:
// independent of the neighbour list and of the minimum-image convention (positions must be wrapped).
ForceResult brute_force(const Potential& u, const Configuration& cfg);

// A metal-unit force reference (tests/data/eam/README.md: `pe`, `volume`, `virial` in bar, then `atoms` lines
// `id pe_atom fx fy fz`), as made by LAMMPS for the EAM and KIM tests.
struct MetalReference {
  struct Atom {
    double pe;
    Vec3 f;
  };
  double pe = 0, volume = 0;
  Sym6 virial_bar{};
  std::map<std::int64_t, Atom> atoms;
};
MetalReference read_metal_reference(const std::filesystem::path& path);

}  // namespace vitrum::test
