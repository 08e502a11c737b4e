#include "vitrum/io/trajectory.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

TrajectoryFormat parse_trajectory_format(const std::string& name) {
  if (name == "extxyz") return TrajectoryFormat::ExtXyz;
  if (name == "lammps") return TrajectoryFormat::LammpsDump;
  throw Error(fmt::format("unknown trajectory format '{}' (known: extxyz, lammps)", name));
}

const char* trajectory_extension(TrajectoryFormat f) { return f == TrajectoryFormat::ExtXyz ? ".extxyz" : ".lammpstrj"; }

TrajectoryWriter::TrajectoryWriter(std::filesystem::path path, TrajectoryFormat format, std::uint64_t keep_bytes)
    : path_(std::move(path)), format_(format) {
  if (keep_bytes > 0) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path_, ec);
    if (ec || size < keep_bytes)
      throw Error(fmt::format("{}: shorter than the checkpoint expects ({} bytes); cannot resume the trajectory",
                              path_.string(), keep_bytes));
    std::filesystem::resize_file(path_, keep_bytes, ec);
    if (ec) throw Error(fmt::format("{}: cannot truncate: {}", path_.string(), ec.message()));
  }
  file_ = std::fopen(path_.c_str(), keep_bytes > 0 ? "a" : "w");
  if (!file_) throw Error(fmt::format("{}: cannot open for writing", path_.string()));
}

TrajectoryWriter::~TrajectoryWriter() {
  if (file_) std::fclose(file_);
}

void TrajectoryWriter::write(const Configuration& cfg, const FrameOptions& o) {
  buffer_.clear();
  if (format_ == TrajectoryFormat::ExtXyz) append_extxyz_frame(buffer_, cfg, o);
  else append_lammps_dump_frame(buffer_, cfg, o);
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw Error(fmt::format("{}: write failed (disk full?)", path_.string()));
}

std::uint64_t TrajectoryWriter::flush() {
  if (std::fflush(file_) != 0) throw Error(fmt::format("{}: write failed (disk full?)", path_.string()));
  return static_cast<std::uint64_t>(std::ftell(file_));
}

}  // namespace vitrum
