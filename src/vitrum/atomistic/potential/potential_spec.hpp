// How a recipe or the command line names a potential: a registered model, or a style with its files and elements.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/core/units.hpp"

namespace vitrum {

struct PotentialSpec {
  std::string style;                         // a model name ("kob-andersen") or "eam", "eam/alloy", "eam/fs"
  std::vector<std::filesystem::path> files;  // potential files (EAM: one, or one per type for funcfl)
  std::vector<std::string> elements;         // element of each type (type t = elements[t-1])

  PotentialSpec() = default;
  PotentialSpec(std::string name) : style(std::move(name)) {}  // NOLINT: a bare model name converts
  PotentialSpec(const char* name) : style(name) {}              // NOLINT
  PotentialSpec(std::string s, std::vector<std::filesystem::path> f, std::vector<std::string> e)
      : style(std::move(s)), files(std::move(f)), elements(std::move(e)) {}

  [[nodiscard]] bool is_eam() const { return style == "eam" || style == "eam/alloy" || style == "eam/fs"; }
  // The units the potential is written in: metal for EAM files, reduced (lj) for the model glasses.
  [[nodiscard]] UnitSystem units() const { return is_eam() ? metal_units() : lj_units(); }
  // One line for summaries and messages: "eam/fs CuZr_mm.eam.fs Cu Zr" or the model name.
  [[nodiscard]] std::string describe() const;
};

// Builds the potential (reads EAM files); every error names the file and line, or lists the known styles.
std::unique_ptr<Potential> make_potential(const PotentialSpec& spec);
// A built-in model by name (model.hpp's registry); these overloads keep bare names unambiguous.
inline std::unique_ptr<Potential> make_potential(const char* name) { return make_potential(std::string_view(name)); }
inline std::unique_ptr<Potential> make_potential(const std::string& name) { return make_potential(std::string_view(name)); }

// A ModelSpec for `generate` from a potential that names its elements (EAM): masses from the file,
// composition `fractions` (one per element), density from ideal mixing of the elements' atomic volumes
// at the lattice constants the file gives (fcc a³/4, hcp a³/√2, bcc a³/2); a melt then finds its own.
ModelSpec alloy_model(const PotentialSpec& spec, const std::vector<double>& fractions);

// Parses the CLI's `--potential STYLE [--potential-file F[,F...]] [--elements A,B]`.
PotentialSpec potential_from_cli(const std::string& style, const std::string& files, const std::string& elements);

}  // namespace vitrum
