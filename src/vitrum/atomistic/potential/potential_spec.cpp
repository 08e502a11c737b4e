#include "vitrum/atomistic/potential/potential_spec.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/potential/eam.hpp"
#include "vitrum/atomistic/potential/kim_potential.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto end = s.find(',', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string PotentialSpec::describe() const {
  if (is_kim()) {
    std::string out = "kim " + model;
    for (const auto& e : elements) out += " " + e;
    return out;
  }
  if (!is_eam()) return style;
  std::string out = style;
  for (const auto& f : files) out += " " + f.filename().string();
  for (const auto& e : elements) out += " " + e;
  return out;
}

std::unique_ptr<Potential> make_potential(const PotentialSpec& spec) {
  if (spec.is_kim()) {
    if (!spec.files.empty())
      throw Error("potential style 'kim' names a model (recipe: model = \"...\"; command line: --kim-model NAME), not a "
                  "potential file");
    return std::make_unique<KimPotential>(spec.model, spec.elements, spec.model_dir);
  }
  if (!spec.model.empty() || !spec.model_dir.empty())
    throw Error(fmt::format("potential '{}' takes no KIM model (model, model_dir: style \"kim\" only)", spec.style));
  if (spec.is_eam()) {
    if (spec.files.empty())
      throw Error(fmt::format("potential style '{}' needs a potential file (recipe: file = \"...\"; command line: "
                              "--potential-file FILE)", spec.style));
    EamTables t = read_eam_tables(eam_format_from_style(spec.style), spec.files, spec.elements);
    return std::make_unique<EamPotential>(std::move(t), spec.describe());
  }
  if (!spec.files.empty() || !spec.elements.empty())
    throw Error(fmt::format("potential '{}' is a built-in model: it takes no potential file or elements", spec.style));
  try {
    return make_potential(std::string_view(spec.style));
  } catch (const Error& e) {
    throw Error(fmt::format("{}; or a potential style with a file: eam, eam/alloy, eam/fs; or an OpenKIM model: kim",
                            e.what()));
  }
}

ModelSpec alloy_model(const PotentialSpec& spec, const std::vector<double>& fractions) {
  if (!spec.is_eam()) throw Error(fmt::format("'{}' is a model: generate it by name", spec.style));
  auto probe = make_potential(spec);
  auto& eam = dynamic_cast<const EamPotential&>(*probe);
  const auto& elements = eam.tables().type_elements;
  if (fractions.size() != elements.size())
    throw Error(fmt::format("composition gives {} fractions for {} elements ({})", fractions.size(), elements.size(),
                            spec.describe()));
  double total = 0, volume = 0;
  for (double f : fractions) {
    if (!(f >= 0) || !std::isfinite(f)) throw Error("composition fractions must be non-negative");
    total += f;
  }
  if (!(total > 0)) throw Error("composition fractions must have a positive sum");
  for (std::size_t k = 0; k < elements.size(); ++k) {
    const EamElement& e = elements[k];
    // Atomic volume of the element's own lattice: fcc a³/4; bcc a³/2; hcp (ideal c/a) a³/√2.
    double v = 0;
    if (e.lattice == "fcc") v = e.lattice_constant * e.lattice_constant * e.lattice_constant / 4.0;
    else if (e.lattice == "bcc") v = e.lattice_constant * e.lattice_constant * e.lattice_constant / 2.0;
    else if (e.lattice == "hcp") v = e.lattice_constant * e.lattice_constant * e.lattice_constant / std::sqrt(2.0);
    if (!(v > 0))
      throw Error(fmt::format("{}: no lattice ({} '{}') to estimate the density of {} from; give density = ... (atoms/Angstrom^3)",
                              spec.describe(), e.lattice_constant, e.lattice, e.name));
    volume += fractions[k] / total * v;
  }
  ModelSpec m;
  m.name = spec.describe();
  m.summary = "EAM alloy " + spec.describe();
  m.reference = "potential file";
  m.type_fractions = fractions;
  m.type_masses = eam.type_masses();
  m.density = 1.0 / volume;
  m.make = [spec] { return make_potential(spec); };
  return m;
}

PotentialSpec potential_from_cli(const std::string& style, const std::string& files, const std::string& elements,
                                 const std::string& kim_model, const std::string& kim_model_dir) {
  PotentialSpec spec(style);
  for (const auto& f : split_commas(files)) spec.files.emplace_back(f);
  spec.elements = split_commas(elements);
  if ((!kim_model.empty() || !kim_model_dir.empty()) && !spec.is_kim())
    throw Error(fmt::format("--kim-model and --kim-model-dir go with --potential kim, not '{}'", style));
  spec.model = kim_model;
  spec.model_dir = kim_model_dir;
  return spec;
}

}  // namespace vitrum
