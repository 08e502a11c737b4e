// EAM functions read from DYNAMO funcfl, setfl and Finnis–Sinclair files, put on one grid and splined exactly as LAMMPS.
#pragma once
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace vitrum {

// funcfl: one element per `.eam` file (LAMMPS `pair_style eam`); setfl: `.eam.alloy` (`eam/alloy`);
// fs: `.eam.fs` with an element-pair density (`eam/fs`).
enum class EamFormat { funcfl, setfl, fs };

// "eam" | "eam/alloy" | "eam/fs" → format; throws Error for anything else.
EamFormat eam_format_from_style(const std::string& style);
const char* eam_style_name(EamFormat f);

struct EamElement {
  std::string name;          // chemical symbol
  int atomic_number = 0;
  double mass = 0;           // [g/mol]
  double lattice_constant = 0;  // [Å]
  std::string lattice;       // fcc, bcc, hcp, ... as the file says
};

// LAMMPS's 7-coefficient cubic Hermite: value ((c3 p + c4) p + c5) p + c6, slope (c0 p + c1) p + c2 per grid step
// (PairEAM::interpolate): 5-point slopes inside, one-sided at the ends.
using EamKnot = std::array<double, 7>;

// All tables on one (r, rho) grid, with LAMMPS's type → table maps (types 1..ntypes, row-major
// (ntypes + 1)² for the pair maps).
struct EamTables {
  EamFormat format = EamFormat::setfl;
  std::vector<EamElement> type_elements;  // index t-1: the element of type t
  int nrho = 0, nr = 0;
  double drho = 0, dr = 0, rhomax = 0, cut = 0;
  std::vector<std::vector<EamKnot>> frho, rhor, z2r;  // each 1-based: [1..n]
  std::vector<int> type2frho;                         // [t]
  std::vector<int> type2rhor, type2z2r;               // [a * (ntypes + 1) + b]
  [[nodiscard]] int type_count() const { return static_cast<int>(type_elements.size()); }
};

// Reads the file(s) for `elements` (type t = elements[t-1]) as LAMMPS's pair_coeff would:
// setfl / fs: one file, elements named in it (an element may map several types);
// funcfl: one file per type (files.size() == number of types; the same file may repeat), and
// `elements` may be empty (names then come from the files' atomic numbers) or must match them.
// Every error names the file and line.
EamTables read_eam_tables(EamFormat format, const std::vector<std::filesystem::path>& files,
                          const std::vector<std::string>& elements);

}  // namespace vitrum
