// An alloy composition (elements and normalised atomic fractions) and the parser for strings like "(Cu0.5Zr0.5)98Al2".
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vitrum::gfa {

// Elements sorted by atomic number, each present once, fractions > 0 summing to 1.
struct Composition {
  std::vector<int> z;
  std::vector<double> x;

  [[nodiscard]] std::size_t size() const { return z.size(); }
  // "Cu0.5Zr0.5"-style label with fractions in at.% ("Cu50Zr50"), elements in atomic-number order.
  [[nodiscard]] std::string label() const;
  // The element set as "Cu-Zr" (atomic-number order): the alloy system used to group cross-validation folds.
  [[nodiscard]] std::string system() const;
};

// Parses element symbols with optional amounts (at.% or fractions; any total, normalised) and
// bracketed groups ((), [] or {}, nested) with a multiplier: "Zr41.2Ti13.8Cu12.5Ni10Be22.5", "CuZr",
// "(Cu50Zr50)98Al2", "[(Fe0.9Co0.1)0.75B0.2Si0.05]96Nb4".
// A group is normalised to 1 before its multiplier applies. Zero amounts drop out. Throws Error
// naming the string and the position for unknown elements, stray characters, unbalanced brackets,
// and an empty or all-zero composition.
Composition parse_composition(std::string_view text);

class ElementData;

// As above, and a trailing unit: "at%" (the default, may be omitted) or "wt%" (weight percent or
// weight fractions, e.g. "Fe70Cr18Ni12 wt%", "(Cu50Zr50)98Al2wt%": groups and multipliers are then
// by weight), converted to atomic fractions x_i = (w_i/M_i) / Σ_j (w_j/M_j) with the standard atomic
// weights M of `data` (magpie/AtomicWeight.table). The plain overload rejects "wt%" with a message
// saying so; a unit anywhere but at the end is an error naming the position.
Composition parse_composition(std::string_view text, const ElementData& data);

// Atomic fractions of a composition whose fractions are weight fractions.
Composition weight_to_atomic(const Composition& by_weight, const ElementData& data);

// Builds a normalised composition from (z, amount) pairs; merges repeats, drops zeros.
Composition make_composition(const std::vector<int>& z, const std::vector<double>& amount);

}  // namespace vitrum::gfa
