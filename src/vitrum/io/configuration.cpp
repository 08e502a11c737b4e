#include "vitrum/io/configuration.hpp"

#include <algorithm>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

std::vector<std::size_t> id_order(const Particles& p) {
  std::vector<std::size_t> order(p.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p.id[a] < p.id[b]; });
  return order;
}

FileFormat format_from_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".data" || ext == ".lmp") return FileFormat::LammpsData;
  if (ext == ".dump" || ext == ".lammpstrj") return FileFormat::LammpsDump;
  if (ext == ".xyz" || ext == ".extxyz") return FileFormat::ExtXyz;
  throw Error(fmt::format("{}: cannot tell the file format from the extension '{}' (use .data, .dump or .xyz)",
                          path.string(), ext));
}

FileFormat parse_format(const std::string& name) {
  if (name == "data" || name == "lammps-data") return FileFormat::LammpsData;
  if (name == "dump" || name == "lammps-dump") return FileFormat::LammpsDump;
  if (name == "xyz" || name == "extxyz") return FileFormat::ExtXyz;
  throw Error(fmt::format("unknown file format '{}' (known: data, dump, xyz)", name));
}

Configuration read_configuration(const std::filesystem::path& path) {
  switch (format_from_path(path)) {
    case FileFormat::LammpsData: return read_lammps_data(path);
    case FileFormat::LammpsDump: return read_lammps_dump(path);
    case FileFormat::ExtXyz: return read_extxyz(path);
  }
  throw Error("unreachable");
}

void write_configuration(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment) {
  switch (format_from_path(path)) {
    case FileFormat::LammpsData: return write_lammps_data(path, cfg, comment);
    case FileFormat::LammpsDump: return write_lammps_dump(path, cfg);
    case FileFormat::ExtXyz: return write_extxyz(path, cfg, comment);
  }
}

void write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw Error(fmt::format("{}: cannot open for writing: {}", tmp.string(), std::strerror(errno)));
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t w = ::write(fd, contents.data() + done, contents.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw Error(fmt::format("{}: write failed: {}", tmp.string(), std::strerror(errno)));
    }
    done += static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    throw Error(fmt::format("{}: fsync/close failed: {}", tmp.string(), std::strerror(errno)));
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(fmt::format("{}: cannot rename into place: {}", path.string(), ec.message()));
}

}  // namespace vitrum
