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

std::vector<double> read_npy(const std::filesystem::path& path, int& nx, int& ny) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open", path.string()));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw Error(fmt::format("{}: not a NumPy .npy file", path.string()));
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t hlen, start;
  if (major == 1) {
    hlen = static_cast<unsigned char>(bytes[8]) | (std::size_t(static_cast<unsigned char>(bytes[9])) << 8);
    start = 10;
  } else {
    if (bytes.size() < 12) throw Error(fmt::format("{}: truncated .npy header", path.string()));
    hlen = 0;
    for (int b = 0; b < 4; ++b) hlen |= std::size_t(static_cast<unsigned char>(bytes[8 + b])) << (8 * b);
    start = 12;
  }
  if (bytes.size() < start + hlen) throw Error(fmt::format("{}: truncated .npy header", path.string()));
  const std::string header = bytes.substr(start, hlen);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([<|=]f[48])'")))
    throw Error(fmt::format("{}: .npy dtype must be little-endian float64 or float32 (header {})", path.string(), header));
  const bool f8 = m[1].str().back() == '8';
  if (header.find("'fortran_order': False") == std::string::npos)
    throw Error(fmt::format("{}: .npy must be in C order", path.string()));
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\((\\d+),\\s*(\\d+),?\\s*\\)")))
    throw Error(fmt::format("{}: .npy must hold a 2D array of shape (ny, nx) (header {})", path.string(), header));
  ny = std::stoi(m[1].str());
  nx = std::stoi(m[2].str());
  const std::size_t n = std::size_t(nx) * ny, width = f8 ? 8 : 4;
  if (bytes.size() != start + hlen + n * width)
    throw Error(fmt::format("{}: .npy data size does not match its shape ({}, {})", path.string(), ny, nx));
  std::vector<double> out(n);
  const char* p = bytes.data() + start + hlen;
  for (std::size_t k = 0; k < n; ++k) {
    if (f8) std::memcpy(&out[k], p + 8 * k, 8);
    else {
      float f;
      std::memcpy(&f, p + 4 * k, 4);
      out[k] = f;
    }
  }
  return out;
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
  auto data = path.extension() == ".npy" ? read_npy(path, nx, ny) : read_csv(path, nx, ny);
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

void write_npy(const std::filesystem::path& path, const std::vector<double>& data, std::size_t rows, std::size_t cols) {
  if (rows * cols != data.size()) throw Error(path.string() + ": npy shape does not match the data size");
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}", rows, cols);
  const std::size_t total = 10 + header.size() + 1;  // magic, version, length, header, newline: pad to 64
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  const std::size_t start = out.size();
  out.resize(start + data.size() * sizeof(double));
  std::memcpy(out.data() + start, data.data(), data.size() * sizeof(double));  // little-endian hosts (x86-64, arm64)
  write_file_atomically(path, out);
}

}  // namespace vitrum::continuum
