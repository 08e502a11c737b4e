// One frame of a multi-frame format (extended XYZ, LAMMPS dump): formatted into a string, read from or skipped in
// a TextReader. The file-level readers (configuration.hpp) and the trajectory writer (trajectory.hpp) build on these.
#pragma once
#include <string>
#include <vector>

#include "vitrum/io/configuration.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum {

struct FrameOptions {
  std::string comment;                          // extxyz comment="..." (LAMMPS dump: none)
  std::string info;                             // more extxyz key=value pairs, e.g. "global_step=120"
  bool velocities = true;                       // when the configuration has them
  const std::vector<double>* energies = nullptr;  // per-atom potential energies (particle order): energies / c_pe
};

// Appends the frame, particles in increasing id, numbers in shortest round-trip form (read back bit for bit).
void append_extxyz_frame(std::string& out, const Configuration& cfg, const FrameOptions& o);
void append_lammps_dump_frame(std::string& out, const Configuration& cfg, const FrameOptions& o);

// Reads the frame at the reader's next line into cfg and validates it; returns true when another frame follows
// (its first line is handed back to the reader). An empty file or a malformed frame is an error naming the line.
bool read_extxyz_frame(TextReader& in, Configuration& cfg);
bool read_lammps_dump_frame(TextReader& in, Configuration& cfg);
// Steps over the frame at the reader's next line, checking only its counts; false at the end of the file.
bool skip_extxyz_frame(TextReader& in);
bool skip_lammps_dump_frame(TextReader& in);

}  // namespace vitrum
