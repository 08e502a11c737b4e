// Test helpers for the analysis suite: write a configuration for the NumPy references and read their tables.
#pragma once
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "vitrum/io/configuration.hpp"

namespace vitrum::test {

// 'Lx Ly Lz xy' then 'type x y z' per particle, positions relative to the box origin, 17 digits.
inline std::filesystem::path write_plain(const Configuration& cfg, const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("vitrum_analysis_{}_{}.txt", name, ::getpid());
  std::ofstream out(path);
  const Vec3 L = cfg.box.lengths();
  out << fmt::format("{:.17g} {:.17g} {:.17g} {:.17g}\n", L.x, L.y, L.z, cfg.box.xy());
  for (std::size_t i = 0; i < cfg.particles.size(); ++i) {
    const Vec3 r = cfg.particles.position[i] - cfg.box.lo();
    out << fmt::format("{} {:.17g} {:.17g} {:.17g}\n", cfg.particles.type[i], r.x, r.y, r.z);
  }
  return path;
}

// Whitespace-separated numbers, one row per line.
inline std::vector<std::vector<double>> parse_table(const std::string& text) {
  std::vector<std::vector<double>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::vector<double> row;
    double x;
    while (ls >> x) row.push_back(x);
    if (!row.empty()) rows.push_back(row);
  }
  return rows;
}

}  // namespace vitrum::test
