#include "vitrum/io/configuration.hpp"

#include <algorithm>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/frames.hpp"

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

namespace {

using ReadFrame = bool (*)(TextReader&, Configuration&);
using SkipFrame = bool (*)(TextReader&);

std::int64_t count_with(const std::filesystem::path& path, SkipFrame skip) {
  TextReader in(path);
  std::int64_t n = 0;
  while (skip(in)) ++n;
  return n;
}

std::string frame_range(std::int64_t n) {
  return n == 1 ? "it has 1 frame (0, or -1 from the end)"
                : fmt::format("it has {} frames (0..{}, or -{}..-1 from the end)", n, n - 1, n);
}

Configuration read_frame(const std::filesystem::path& path, std::int64_t frame, ReadFrame read, SkipFrame skip) {
  if (frame < 0 && frame != kOnlyFrame) {
    const std::int64_t n = count_with(path, skip);
    if (-frame > n) throw Error(fmt::format("{}: frame {} does not exist: {}", path.string(), frame, frame_range(n)));
    frame += n;
  }
  TextReader in(path);
  const std::int64_t skipped = frame == kOnlyFrame ? 0 : frame;
  for (std::int64_t k = 0; k < skipped; ++k)
    if (!skip(in)) throw Error(fmt::format("{}: frame {} does not exist: {}", path.string(), frame, frame_range(k)));
  std::string line;
  bool any = false;
  while (in.next(line))
    if (!split_tokens(line, false).empty()) {
      in.unread(std::move(line));
      any = true;
      break;
    }
  if (skipped > 0 && !any)
    throw Error(fmt::format("{}: frame {} does not exist: {}", path.string(), frame, frame_range(skipped)));
  Configuration cfg;
  const bool more = read(in, cfg);
  if (more && frame == kOnlyFrame) {
    in.next(line);
    in.fail("a second frame starts here: the file holds several frames; choose one with --frame K ([system] frame = K "
            "in a recipe; 0 = the first, -1 = the last)");
  }
  return cfg;
}

}  // namespace

Configuration read_extxyz(const std::filesystem::path& path, std::int64_t frame) {
  return read_frame(path, frame, read_extxyz_frame, skip_extxyz_frame);
}

Configuration read_lammps_dump(const std::filesystem::path& path, std::int64_t frame) {
  return read_frame(path, frame, read_lammps_dump_frame, skip_lammps_dump_frame);
}

Configuration read_configuration(const std::filesystem::path& path, std::int64_t frame) {
  switch (format_from_path(path)) {
    case FileFormat::LammpsData:
      if (frame != kOnlyFrame && frame != 0 && frame != -1)
        throw Error(fmt::format("{}: frame {} does not exist: a LAMMPS data file holds one frame (0, or -1)", path.string(), frame));
      return read_lammps_data(path);
    case FileFormat::LammpsDump: return read_lammps_dump(path, frame);
    case FileFormat::ExtXyz: return read_extxyz(path, frame);
  }
  throw Error("unreachable");
}

std::int64_t count_frames(const std::filesystem::path& path) {
  switch (format_from_path(path)) {
    case FileFormat::LammpsData: return 1;
    case FileFormat::LammpsDump: return count_with(path, skip_lammps_dump_frame);
    case FileFormat::ExtXyz: return count_with(path, skip_extxyz_frame);
  }
  throw Error("unreachable");
}

std::vector<Configuration> read_all_frames(const std::filesystem::path& path) {
  const FileFormat f = format_from_path(path);
  if (f == FileFormat::LammpsData) return {read_lammps_data(path)};
  const ReadFrame read = f == FileFormat::ExtXyz ? read_extxyz_frame : read_lammps_dump_frame;
  TextReader in(path);
  std::vector<Configuration> frames;
  for (bool more = true; more;) more = read(in, frames.emplace_back());
  return frames;
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
