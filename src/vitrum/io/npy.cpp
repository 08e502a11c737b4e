// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html (magic, version, header
// length, a Python-literal dict header padded to 64 bytes, then the raw data).
#include "vitrum/io/npy.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

void write_npy(const std::filesystem::path& path, const std::vector<double>& data, const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  std::string dims;
  for (auto d : shape) {
    n *= d;
    dims += std::to_string(d) + ", ";
  }
  if (n != data.size()) throw Error(path.string() + ": npy shape does not match the data size");
  if (shape.size() > 1) dims.resize(dims.size() - 2);
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
  const std::size_t total = 10 + header.size() + 1;  // magic, version, length, header, newline: pad to 64
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += header;
  const std::size_t start = out.size();
  out.resize(start + n * sizeof(double));
  std::memcpy(out.data() + start, data.data(), n * sizeof(double));
  write_file_atomically(path, out);
}

NpyArray read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open", path.string()));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw Error(fmt::format("{}: not a NumPy .npy file", path.string()));
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t hlen = 0, start = 10;
  if (major == 1) {
    hlen = static_cast<unsigned char>(bytes[8]) | (std::size_t(static_cast<unsigned char>(bytes[9])) << 8);
  } else {
    if (bytes.size() < 12) throw Error(fmt::format("{}: truncated .npy header", path.string()));
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
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
    throw Error(fmt::format("{}: .npy header has no shape (header {})", path.string(), header));
  NpyArray a;
  const std::string dims = m[1].str();
  const std::regex number("\\d+");
  for (auto it = std::sregex_iterator(dims.begin(), dims.end(), number); it != std::sregex_iterator(); ++it)
    a.shape.push_back(std::stoull(it->str()));
  std::size_t n = 1;
  for (auto d : a.shape) n *= d;
  const std::size_t width = f8 ? 8 : 4;
  if (bytes.size() != start + hlen + n * width)
    throw Error(fmt::format("{}: .npy data size does not match its shape ({})", path.string(), dims));
  a.data.resize(n);
  const char* p = bytes.data() + start + hlen;
  for (std::size_t k = 0; k < n; ++k) {
    if (f8) {
      std::memcpy(&a.data[k], p + 8 * k, 8);
    } else {
      float f;
      std::memcpy(&f, p + 4 * k, 4);
      a.data[k] = f;
    }
  }
  return a;
}

}  // namespace vitrum
