#include "vitrum/atomistic/potential/potential_spec.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/atomistic/potential/eam.hpp"
#include "vitrum/atomistic/potential/kim_potential.hpp"
#include "vitrum/atomistic/potential/lennard_jones.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/atomistic/potential/pair_potential.hpp"
#include "vitrum/core/elements.hpp"
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

// The pair-table size of n types (upper triangle with the diagonal), and n from it.
int types_for_pairs(std::size_t pairs) {
  for (int n = 1; n <= 64; ++n)
    if (static_cast<std::size_t>(n * (n + 1) / 2) == pairs) return n;
  return 0;
}

std::unique_ptr<Potential> make_lennard_jones(const PotentialSpec& spec) {
  const int n = types_for_pairs(spec.epsilon.size());
  if (n == 0)
    throw Error(fmt::format("lj/cut: epsilon has {} values; give one per type pair (1 type: 1, 2 types: 3 as [11, 12, 22], "
                            "3 types: 6)", spec.epsilon.size()));
  if (spec.sigma.size() != spec.epsilon.size())
    throw Error(fmt::format("lj/cut: sigma has {} values, epsilon {}: give one per type pair", spec.sigma.size(),
                            spec.epsilon.size()));
  if (!spec.cutoff.empty() && spec.cutoff.size() != spec.epsilon.size())
    throw Error(fmt::format("lj/cut: cutoff has {} values; give one per type pair ({}) or leave it out (2.5 sigma)",
                            spec.cutoff.size(), spec.epsilon.size()));
  if (!spec.elements.empty() && spec.elements.size() != static_cast<std::size_t>(n))
    throw Error(fmt::format("lj/cut: {} elements for {} types", spec.elements.size(), n));
  if (!spec.masses.empty() && spec.masses.size() != static_cast<std::size_t>(n))
    throw Error(fmt::format("lj/cut: {} masses for {} types", spec.masses.size(), n));
  for (const auto& e : spec.elements)
    if (!is_element_symbol(e)) throw Error(fmt::format("lj/cut: '{}' is not a chemical element", e));
  std::vector<LennardJonesPair> pairs(static_cast<std::size_t>(n * n));
  std::size_t k = 0;
  for (int a = 0; a < n; ++a)
    for (int b = a; b < n; ++b, ++k) {
      const double eps = spec.epsilon[k], sig = spec.sigma[k], cut = spec.cutoff.empty() ? 2.5 * sig : spec.cutoff[k];
      if (!(eps >= 0) || !std::isfinite(eps)) throw Error(fmt::format("lj/cut: epsilon {} must be >= 0 and finite", eps));
      if (!(sig > 0) || !std::isfinite(sig)) throw Error(fmt::format("lj/cut: sigma {} must be positive", sig));
      if (!(cut > 0) || !std::isfinite(cut)) throw Error(fmt::format("lj/cut: cutoff {} must be positive", cut));
      pairs[static_cast<std::size_t>(a * n + b)] = pairs[static_cast<std::size_t>(b * n + a)] = {eps, sig, cut};
    }
  auto u = std::make_unique<PairPotential<LennardJones>>(spec.describe(), LennardJones(n, std::move(pairs)));
  u->set_elements(spec.elements, spec.masses);
  return u;
}

}  // namespace

std::string PotentialSpec::describe() const {
  if (is_lj()) {
    std::string out = "lj/cut";
    for (const auto& e : elements) out += " " + e;
    auto list = [](const char* key, const std::vector<double>& v) {
      std::string s = fmt::format(" {}", key);
      for (std::size_t k = 0; k < v.size(); ++k) s += fmt::format("{}{}", k ? "," : "=", v[k]);
      return v.empty() ? std::string() : s;
    };
    return out + list("epsilon", epsilon) + list("sigma", sigma) + list("cutoff", cutoff);
  }
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
  if (spec.is_lj()) return make_lennard_jones(spec);
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
