#include "vitrum/gfa/dataset.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum::gfa {
namespace {

// Key that identifies a composition to 0.01 at.% (the precision the tables carry).
std::string key_of(const Composition& c) {
  std::string s;
  for (std::size_t i = 0; i < c.size(); ++i) s += fmt::format("{}:{:.0f};", c.z[i], c.x[i] * 1e4);
  return s;
}

struct Merger {
  enum class Rule { Max, Mean };
  explicit Merger(Rule r) : rule(r) {}
  // `route` (processing, when the set has one) is part of the key: -1 for none.
  void add(const Composition& c, double y, int route = -1) {
    auto [it, fresh] = index.try_emplace(key_of(c) + (route < 0 ? "" : fmt::format("|{}", route)), set.comps.size());
    if (fresh) {
      set.comps.push_back(c);
      set.y.push_back(y);
      if (route >= 0) set.sputtered.push_back(route);
      count.push_back(1);
      return;
    }
    const std::size_t i = it->second;
    if (rule == Rule::Max) set.y[i] = std::max(set.y[i], y);
    else set.y[i] += (y - set.y[i]) / static_cast<double>(++count[i]);
  }
  void skip(const TextReader& r, const std::string& what) {
    ++set.skipped;
    if (set.skipped_examples.size() < 5) set.skipped_examples.push_back(fmt::format("line {}: {}", r.line_number(), what));
  }
  Rule rule;
  LabelledSet set;
  std::map<std::string, std::size_t> index;
  std::vector<int> count;
};

LabelledSet load_csv(const std::filesystem::path& file, int column, std::size_t ncols, std::size_t comp_column = 0) {
  TextReader r(file);
  std::string line;
  if (!r.next(line)) r.fail_file("empty file");
  Merger m(Merger::Rule::Mean);
  m.set.source = file.string();
  while (r.next(line)) {
    if (trim(line).empty()) continue;
    const auto f = split_commas(line);
    if (f.size() != ncols) r.fail(fmt::format("expected {} comma-separated fields, found {}", ncols, f.size()));
    ++m.set.raw_rows;
    if (f[static_cast<std::size_t>(column)].empty()) continue;  // no value for this target
    const double y = r.number<double>(f[static_cast<std::size_t>(column)], "the target value");
    try {
      m.add(parse_composition(f[comp_column]), y);
    } catch (const Error& e) {
      m.skip(r, e.what());
    }
  }
  return std::move(m.set);
}

}  // namespace

std::vector<std::string> LabelledSet::systems() const {
  std::vector<std::string> s;
  s.reserve(comps.size());
  for (const auto& c : comps) s.push_back(c.system());
  return s;
}

namespace {

// The Landolt–Börnstein label files: `composition label` or, with `with_route`, `composition label
// processing`. Labels rank AM > AC > CR so that merging keeps the most glass-forming result; y is then
// AM (1) or not (0), Ward's convention. The route (meltspin 0, sputtering 1) is part of the merge key.
LabelledSet load_landolt_labels(const std::filesystem::path& file, bool with_route) {
  const std::size_t fields = with_route ? 3 : 2;
  TextReader r(file);
  std::string line;
  if (!r.next(line) || split_tokens(line).size() != fields)
    r.fail(with_route ? "expected the header 'composition gfa{AM,AC,CR} processing{meltspin,sputtering}'"
                      : "expected the header 'comp gfa{AM,AC,CR}'");
  Merger m(Merger::Rule::Max);
  m.set.source = file.string();
  while (r.next(line)) {
    const auto t = split_tokens(line);
    if (t.empty()) continue;
    if (t.size() != fields)
      r.fail(fmt::format("expected 'composition label{}', found {} fields", with_route ? " processing" : "", t.size()));
    ++m.set.raw_rows;
    double rank = 0;
    if (t[1] == "AM") rank = 2;
    else if (t[1] == "AC") rank = 1;
    else if (t[1] != "CR") r.fail(fmt::format("label '{}' is not AM, AC or CR", t[1]));
    int route = -1;
    if (with_route) {
      if (t[2] == "sputtering") route = 1;
      else if (t[2] == "meltspin") route = 0;
      else r.fail(fmt::format("processing '{}' is not meltspin or sputtering", t[2]));
    }
    try {
      m.add(parse_composition(t[0]), rank, route);
    } catch (const Error& e) {
      m.skip(r, e.what());
    }
  }
  for (auto& y : m.set.y) y = (y == 2) ? 1.0 : 0.0;
  return std::move(m.set);
}

}  // namespace

LabelledSet load_ward2016_glass(const std::filesystem::path& data_dir) {
  return load_landolt_labels(data_dir / "datasets" / "ward2016_npj" / "glass.data", false);
}

LabelledSet load_landolt_processing(const std::filesystem::path& data_dir) {
  return load_landolt_labels(data_dir / "datasets" / "ren2018_hitp" / "landolt-combined.txt", true);
}

LabelledSet load_xiong2020_dmax(const std::filesystem::path& data_dir) {
  return load_csv(data_dir / "datasets" / "xiong2020" / "Dmax Dataset.csv", 1, 2);
}

LabelledSet load_fe2025_dmax(const std::filesystem::path& data_dir) {
  return load_csv(data_dir / "datasets" / "fe_bmg_dmax" / "DS1_DS2.csv", 3, 44, 2);
}

LabelledSet load_xiong2020_temperature(const std::filesystem::path& data_dir, int column) {
  if (column < 1 || column > 3) throw Error(fmt::format("CTT.csv column {} is not 1 (Tg), 2 (Tx) or 3 (Tl)", column));
  return load_csv(data_dir / "datasets" / "xiong2020" / "CTT.csv", column, 4);
}

LabelledSet keep_rows(const LabelledSet& s, const std::function<bool(std::size_t)>& keep) {
  LabelledSet out;
  out.source = s.source;
  out.raw_rows = s.raw_rows;
  out.skipped = s.skipped;
  out.skipped_examples = s.skipped_examples;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!keep(i)) continue;
    out.comps.push_back(s.comps[i]);
    out.y.push_back(s.y[i]);
    if (!s.sputtered.empty()) out.sputtered.push_back(s.sputtered[i]);
  }
  return out;
}

LabelledSet keep_target_at_least(const LabelledSet& s, double min_y) {
  return keep_rows(s, [&](std::size_t i) { return s.y[i] >= min_y; });
}

}  // namespace vitrum::gfa
