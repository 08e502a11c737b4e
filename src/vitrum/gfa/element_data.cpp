#include "vitrum/gfa/element_data.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/periodic_table.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum::gfa {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One value per line, line N = element Z = N; "Missing", "NA", "None" or an empty line = no value.
std::vector<double> read_table(const std::filesystem::path& file) {
  TextReader r(file);
  std::vector<double> v(kMaxZ + 1, kNaN);
  std::string line;
  while (r.next(line)) {
    const int z = r.line_number();
    if (z > kMaxZ) break;
    const auto t = trim(line);
    if (t.empty() || t == "Missing" || t == "NA" || t == "None") continue;
    v[static_cast<std::size_t>(z)] = r.number<double>(t, fmt::format("element Z={}", z));
  }
  return v;
}

int key(int a, int b) { return a < b ? a * 1000 + b : b * 1000 + a; }

}  // namespace

const std::vector<std::string>& magpie_property_names() {
  static const std::vector<std::string> names = {
      "Number",     "MendeleevNumber", "AtomicWeight", "MeltingT",   "Column",     "Row",
      "CovalentRadius", "Electronegativity", "NsValence", "NpValence", "NdValence", "NfValence",
      "NValence",   "NsUnfilled",      "NpUnfilled",   "NdUnfilled", "NfUnfilled", "NUnfilled",
      "GSvolume_pa", "GSbandgap",      "GSmagmom",     "SpaceGroupNumber", "MiracleRadius"};
  return names;
}

ElementData ElementData::load(const std::filesystem::path& data_dir) {
  ElementData d;
  d.dir_ = data_dir;
  const auto magpie = data_dir / "magpie";
  for (const auto& name : magpie_property_names()) {
    auto v = read_table(magpie / (name + ".table"));
    double sum = 0;
    int n = 0;
    for (int z = 1; z <= 94; ++z)
      if (!std::isnan(v[z])) { sum += v[z]; ++n; }
    if (n == 0) throw Error(fmt::format("{}: no values for elements 1..94", (magpie / (name + ".table")).string()));
    for (auto& x : v)
      if (std::isnan(x)) x = sum / n;
    d.filled_.push_back(std::move(v));
  }
  d.radius_ = read_table(magpie / "MiracleRadius.table");
  d.melting_ = read_table(magpie / "MeltingT.table");
  d.chi_ = read_table(magpie / "Electronegativity.table");
  d.vec_ = read_table(magpie / "NValence.table");
  d.weight_ = read_table(magpie / "AtomicWeight.table");

  TextReader r(magpie / "MiedemaLiquidDeltaHf.tsv");
  std::string line;
  r.next(line);  // header: elem_A elem_B delta_Hf
  while (r.next(line)) {
    const auto tok = split_tokens(line);
    if (tok.empty()) continue;
    if (tok.size() != 3) r.fail(fmt::format("expected 'elem_A elem_B delta_Hf', found {} fields", tok.size()));
    const int a = atomic_number(tok[0]), b = atomic_number(tok[1]);
    if (a == 0 || b == 0) r.fail(fmt::format("unknown element in pair '{} {}'", tok[0], tok[1]));
    d.miedema_[key(a, b)] = r.number<double>(tok[2], "delta_Hf");
  }
  return d;
}

double ElementData::raw(const std::vector<double>& t, int z, const char* name) const {
  const double v = (z >= 1 && z <= kMaxZ) ? t[static_cast<std::size_t>(z)] : kNaN;
  if (std::isnan(v))
    throw Error(fmt::format("{}: no value for element {}", (dir_ / "magpie" / (std::string(name) + ".table")).string(),
                            element_symbol(z)));
  return v;
}

bool ElementData::has_miedema(int za, int zb) const { return miedema_.count(key(za, zb)) > 0; }

double ElementData::miedema_dh_kj(int za, int zb) const {
  const auto it = miedema_.find(key(za, zb));
  if (it == miedema_.end())
    throw Error(fmt::format("{}: no Miedema mixing enthalpy for the pair {}-{}",
                            (dir_ / "magpie" / "MiedemaLiquidDeltaHf.tsv").string(), element_symbol(za),
                            element_symbol(zb)));
  return it->second;
}

}  // namespace vitrum::gfa
