#include "vitrum/meso/npy_writer.hpp"

#include <cstring>
#include <string>

#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::meso {

void write_npy(const std::filesystem::path& path, const std::vector<double>& data, const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  std::string dims;
  for (auto d : shape) { n *= d; dims += std::to_string(d) + ", "; }
  if (n != data.size()) throw Error(path.string() + ": npy shape does not match the data size");
  if (shape.size() > 1) dims.resize(dims.size() - 2);
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
  // magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to a multiple of 64.
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += header;
  const std::size_t start = out.size();
  out.resize(start + n * sizeof(double));
  std::memcpy(out.data() + start, data.data(), n * sizeof(double));  // little-endian machines only (x86-64, arm64)
  write_file_atomically(path, out);
}

}  // namespace vitrum::meso
