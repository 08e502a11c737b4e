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
  std::string style;                         // a model name ("kob-andersen") or "eam", "eam/alloy", "eam/fs", "kim", "lj/cut"
  std::vector<std::filesystem::path> files;  // potential files (EAM: one, or one per type for funcfl)
  std::vector<std::string> elements;         // element of each type (type t = elements[t-1])
  std::string model;                         // kim: the KIM portable model's name
  std::filesystem::path model_dir;           // kim: a directory searched first for the model (user-packaged models)
  // lj/cut: a Lennard-Jones mixture given by the user, one value per type pair in the order 11, 12, ..., 1n, 22,
  // ..., nn (the upper triangle by rows); cut-offs default to 2.5 sigma of each pair. With `elements` it is in metal
  // units (eV, Angstrom) and needs `masses` (g/mol) unless it only stands in for another potential in one stage.
  std::vector<double> epsilon, sigma, cutoff, masses;

  PotentialSpec() = default;
  PotentialSpec(std::string name) : style(std::move(name)) {}  // NOLINT: a bare model name converts
  PotentialSpec(const char* name) : style(name) {}              // NOLINT
  PotentialSpec(std::string s, std::vector<std::filesystem::path> f, std::vector<std::string> e)
      : style(std::move(s)), files(std::move(f)), elements(std::move(e)) {}

  [[nodiscard]] bool is_eam() const { return style == "eam" || style == "eam/alloy" || style == "eam/fs"; }
  [[nodiscard]] bool is_kim() const { return style == "kim"; }
  [[nodiscard]] bool is_lj() const { return style == "lj/cut"; }
  // The units the potential is written in: metal for EAM files, KIM models and an lj/cut mixture of elements,
  // reduced (lj) for the model glasses and an lj/cut mixture of plain types.
  [[nodiscard]] UnitSystem units() const {
    return is_eam() || is_kim() || (is_lj() && !elements.empty()) ? metal_units() : lj_units();
  }
  // One line for summaries and messages: "eam/fs CuZr_mm.eam.fs Cu Zr", "kim MODEL Cu Zr" or the model name.
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

// Parses the CLI's `--potential STYLE [--potential-file F[,F...]] [--elements A,B]`, and for style kim
// `--kim-model NAME [--kim-model-dir DIR]`.
PotentialSpec potential_from_cli(const std::string& style, const std::string& files, const std::string& elements,
                                 const std::string& kim_model = {}, const std::string& kim_model_dir = {});

}  // namespace vitrum
