// The one validation layer every configuration reader runs: box, counts, ids, types, masses, coordinates and
// velocities are checked once, here, so that no reader hands the physics a box or an atom it cannot handle.
#pragma once
#include <cstdint>

#include "vitrum/io/configuration.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum {

// Limits on what a configuration file may declare (checked before anything is allocated).
inline constexpr std::int64_t kMaxAtomTypes = 1 << 20;
// Fractional coordinates and image flags are kept within this many box lengths of the cell, so that
// wrapping and unwrapping never overflow an int image counter.
inline constexpr double kMaxBoxLengthsAway = 1 << 20;
// No velocity component of any unit system vitrum uses (LJ, metal Å/ps) comes near this.
inline constexpr double kMaxVelocity = 1e8;

// A box from a file: bounds and tilt finite, lengths positive, origin within kMaxBoxLengthsAway box lengths of
// 0, |xy| <= Lx/2 (LAMMPS's limit for a triclinic box). Failures name the file (`in.fail_file`).
Box checked_box(const TextReader& in, const Vec3& lo, const Vec3& lengths, double xy);

// A declared atom count the file can hold (at least 8 bytes a line) and memory can hold; called before
// the particle arrays are allocated.
void check_declared_atoms(const TextReader& in, std::int64_t atoms);
// A declared atom-type count in 1..kMaxAtomTypes.
void check_declared_types(const TextReader& in, std::int64_t types);

// After the last atom line of a frame: the next non-blank line must start the next frame (`next_frame`
// tells; that line is handed back to the reader, and true returned) or the file must end (false); anything else
// means more atom lines than the declared count.
template <class IsNextFrame>
bool check_frame_ends(TextReader& in, std::int64_t declared, IsNextFrame next_frame) {
  std::string line;
  while (in.next(line)) {
    const auto tok = split_tokens(line, false);
    if (tok.empty()) continue;
    if (next_frame(line, tok)) {
      in.unread(std::move(line));
      return true;
    }
    in.fail(fmt::format("more atom lines than the {} the file declares", declared));
  }
  return false;
}

// Every per-atom check: ids positive and unique, types in 1..type_count, masses (and diameters, when the
// file has them) positive and finite, coordinates finite and within kMaxBoxLengthsAway box lengths of the
// cell (image flags included), velocities finite and below kMaxVelocity. `first_atom_line` is the file
// line of atom 0 when atom lines are consecutive (then errors read FILE:LINE:), else 0 (FILE: atom ID:).
void validate_configuration(const Configuration& cfg, const TextReader& in, int first_atom_line = 0);

}  // namespace vitrum
