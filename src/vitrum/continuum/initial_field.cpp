#include "vitrum/continuum/initial_field.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::continuum {

std::vector<double> random_field(const Grid& g, double mean, double std, double ell, std::uint32_t seed) {
  if (!(std >= 0) || !(ell > 0)) throw Error("random field: need std ≥ 0 and correlation_length > 0");
  std::vector<double> out(g.cells(), mean);
  if (std == 0) return out;
  const double kcut = 6.0 / ell;
  const double dkx = 2 * M_PI / g.lx(), dky = 2 * M_PI / (2 * g.ly());
  const int mmax = static_cast<int>(kcut / dkx), nmax = static_cast<int>(kcut / dky);
  if (double(2 * mmax + 1) * (nmax + 1) > 4e6) throw Error("random field: correlation_length too small for the box");
  std::vector<double> phi(g.cells(), 0.0), cx(g.nx), sx(g.nx), cy(g.ny), sy(g.ny);
  double variance = 0;
  for (int n = 0; n <= nmax; ++n)
    for (int m = -mmax; m <= mmax; ++m) {
      if (n == 0 && m <= 0) continue;  // half plane: (m, n) and (−m, −n) are one real mode
      const double kx = m * dkx, ky = n * dky, k2 = kx * kx + ky * ky;
      if (k2 > kcut * kcut) continue;
      const double a = std::exp(-0.25 * k2 * ell * ell);
      Rng rng(Stream::ContinuumField, seed, static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(m + mmax));
      const double c1 = a * rng.normal(), c2 = a * rng.normal();
      variance += a * a;
      for (int i = 0; i < g.nx; ++i) {
        cx[i] = std::cos(kx * (i + 0.5) * g.h);
        sx[i] = std::sin(kx * (i + 0.5) * g.h);
      }
      for (int j = 0; j < g.ny; ++j) {
        cy[j] = std::cos(ky * (j + 0.5) * g.h);
        sy[j] = std::sin(ky * (j + 0.5) * g.h);
      }
      // c1 cos(kx x + ky y) + c2 sin(kx x + ky y), expanded so that the inner loop only multiplies
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          const double cs = cx[i] * cy[j] - sx[i] * sy[j], sn = sx[i] * cy[j] + cx[i] * sy[j];
          phi[g.cell(i, j)] += c1 * cs + c2 * sn;
        }
    }
  if (variance == 0) throw Error("random field: correlation_length larger than the box leaves no mode");
  const double norm = std / std::sqrt(variance);
  for (std::size_t c = 0; c < out.size(); ++c) out[c] += norm * phi[c];
  return out;
}

namespace {

std::vector<double> read_npy_2d(const std::filesystem::path& path, int& nx, int& ny) {
  NpyArray a = read_npy(path);
  if (a.shape.size() != 2)
    throw Error(fmt::format("{}: .npy must hold a 2D array of shape (ny, nx) ({} dimensions)", path.string(), a.shape.size()));
  ny = static_cast<int>(a.shape[0]);
  nx = static_cast<int>(a.shape[1]);
  return std::move(a.data);
}

std::vector<double> read_csv(const std::filesystem::path& path, int& nx, int& ny) {
  std::ifstream in(path);
  if (!in) throw Error(fmt::format("{}: cannot open", path.string()));
  std::vector<double> out;
  std::string line;
  int lineno = 0;
  nx = -1;
  ny = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    for (char& ch : line) if (ch == ',') ch = ' ';
    std::istringstream ss(line);
    int count = 0;
    std::string tok;
    while (ss >> tok) {
      try {
        std::size_t used = 0;
        out.push_back(std::stod(tok, &used));
        if (used != tok.size()) throw std::invalid_argument(tok);
      } catch (const std::exception&) {
        throw Error(fmt::format("{}:{}: '{}' is not a number", path.string(), lineno, tok));
      }
      ++count;
    }
    if (count == 0) continue;
    if (nx < 0) nx = count;
    else if (count != nx) throw Error(fmt::format("{}:{}: {} values, the first row had {}", path.string(), lineno, count, nx));
    ++ny;
  }
  if (ny == 0) throw Error(fmt::format("{}: no data", path.string()));
  return out;
}

}  // namespace

std::vector<double> read_field(const std::filesystem::path& path, int& nx, int& ny) {
  auto data = path.extension() == ".npy" ? read_npy_2d(path, nx, ny) : read_csv(path, nx, ny);
  for (double v : data)
    if (!std::isfinite(v)) throw Error(fmt::format("{}: the field holds a non-finite value", path.string()));
  return data;
}

std::vector<double> read_field(const std::filesystem::path& path, const Grid& g) {
  int nx = 0, ny = 0;
  auto data = read_field(path, nx, ny);
  if (nx != g.nx || ny != g.ny)
    throw Error(fmt::format("{}: field of shape ({}, {}) but the grid is ny = {}, nx = {}", path.string(), ny, nx, g.ny, g.nx));
  return data;
}

}  // namespace vitrum::continuum
