// A configuration as files hold it: box, particles, per-type masses, and which optional columns were present.
#pragma once
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum {

struct Configuration {
  Box box;
  Particles particles;
  int type_count = 0;               // declared number of atom types
  std::vector<double> type_masses;  // index t-1; empty when the file gave none (sphere style)
  // Chemical element of each type (index t-1; "" where unknown), from LAMMPS data `Masses` comments
  // (`1 63.546 # Cu`) or extxyz `species`; empty when the file names none. A potential with
  // elements (EAM) maps types by these names, never by order.
  std::vector<std::string> type_elements;
  bool has_velocities = false;
  bool has_diameters = false;       // per-atom diameters (polydisperse models)
  std::int64_t step = 0;            // timestep the file was written at (dump, extxyz)
  // 3, or 2 for a planar system: every z equal (0 in generated ones, in a z slab straddling 0 as
  // LAMMPS `dimension 2` wants), no z forces, velocities or moves. Files do not carry it: the
  // recipe's `[system] dimension` sets it and make_system() checks the configuration is planar.
  int dimension = 3;
};

enum class FileFormat { LammpsData, LammpsDump, ExtXyz };

// By extension: .data/.lmp → LAMMPS data; .dump/.lammpstrj → LAMMPS dump; .xyz/.extxyz → extended XYZ.
FileFormat format_from_path(const std::filesystem::path& path);
FileFormat parse_format(const std::string& name);  // "data", "dump", "xyz"/"extxyz"

// Which frame of a multi-frame file (LAMMPS dump, extended XYZ: a trajectory) to read. kOnlyFrame, the default,
// reads a one-frame file and refuses one with several frames, naming the line where the second starts (never
// silently the first); K >= 0 is the K-th frame (0 = the first); K < 0 counts from the end (-1 = the last).
// A LAMMPS data file holds one frame (0 or -1).
inline constexpr std::int64_t kOnlyFrame = std::numeric_limits<std::int64_t>::min();

Configuration read_configuration(const std::filesystem::path& path, std::int64_t frame = kOnlyFrame);
// Every frame of the file, in order.
std::vector<Configuration> read_all_frames(const std::filesystem::path& path);
// The number of frames (their counts checked, not their atoms).
std::int64_t count_frames(const std::filesystem::path& path);
void write_configuration(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment = "");

Configuration read_lammps_data(const std::filesystem::path& path);
void write_lammps_data(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment = "");
Configuration read_lammps_dump(const std::filesystem::path& path, std::int64_t frame = kOnlyFrame);
void write_lammps_dump(const std::filesystem::path& path, const Configuration& cfg);
Configuration read_extxyz(const std::filesystem::path& path, std::int64_t frame = kOnlyFrame);
void write_extxyz(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment = "");

// Indices of the particles in increasing id: every writer uses this order, so files do not
// depend on the internal (spatially sorted) order.
std::vector<std::size_t> id_order(const Particles& p);

// Write to a temporary file beside `path`, fsync, then rename: readers never see half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

}  // namespace vitrum
