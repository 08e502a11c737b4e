// A trajectory written during a run: frames appended to one extended XYZ or LAMMPS dump file, which can be cut
// back to a checkpoint's length so that a resumed run continues it byte for byte.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "vitrum/io/frames.hpp"

namespace vitrum {

enum class TrajectoryFormat { ExtXyz, LammpsDump };

// "extxyz" or "lammps" (the recipe's [output] dump_format); the file extension each writes.
TrajectoryFormat parse_trajectory_format(const std::string& name);
const char* trajectory_extension(TrajectoryFormat f);  // ".extxyz" or ".lammpstrj"

class TrajectoryWriter {
 public:
  // keep_bytes = 0 starts the file afresh; > 0 keeps that many bytes of an existing file (a resume) and appends.
  TrajectoryWriter(std::filesystem::path path, TrajectoryFormat format, std::uint64_t keep_bytes = 0);
  TrajectoryWriter(const TrajectoryWriter&) = delete;
  TrajectoryWriter& operator=(const TrajectoryWriter&) = delete;
  ~TrajectoryWriter();

  void write(const Configuration& cfg, const FrameOptions& o);
  // Flushes and returns the file's length: what a checkpoint records.
  std::uint64_t flush();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  TrajectoryFormat format_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

}  // namespace vitrum
