#include "vitrum/meso/shear_history.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum::meso {

ShearHistory read_shear_history(const std::filesystem::path& file) {
  ShearHistory h;
  h.file = file;
  TextReader in(file);
  std::string line;
  if (!in.next(line)) in.fail_file("empty file: expected the CSV of an aqs stage (gamma, stress_xy, pe_per_particle)");
  const auto header = split_commas(line);
  const std::size_t columns = header.size();
  auto find = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      in.fail(fmt::format("no column '{}' in the header (an aqs stage's CSV has gamma, stress_xy, pe_per_particle)", name));
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t g = find("gamma"), s = find("stress_xy"), e = find("pe_per_particle");
  std::vector<double> gamma;
  while (in.next(line)) {
    if (trim(line).empty()) continue;
    const auto fields = split_commas(line);
    if (fields.size() != columns) in.fail(fmt::format("{} fields, the header has {}", fields.size(), columns));
    const double gv = in.number<double>(fields[g], "gamma"), sv = in.number<double>(fields[s], "stress_xy"),
                 ev = in.number<double>(fields[e], "pe_per_particle");
    if (!std::isfinite(gv) || !std::isfinite(sv) || !std::isfinite(ev)) in.fail("gamma, stress_xy and pe_per_particle must be finite");
    if (gamma.size() == 1) {
      h.dgamma = gv - gamma[0];
      if (!(h.dgamma > 0)) in.fail(fmt::format("the strain must increase (gamma {} after {})", gv, gamma[0]));
    } else if (gamma.size() > 1) {
      const double step = gv - gamma.back();
      // Strains are written with 12 significant digits: allow their rounding, refuse a refined or uneven step.
      if (std::abs(step - h.dgamma) > 1e-6 * h.dgamma + 1e-11 * std::abs(gv))
        in.fail(fmt::format("strain step {:.6g} differs from the first one, {:.6g}: the map needs equal steps (an aqs "
                            "stage with refine = false)", step, h.dgamma));
    }
    gamma.push_back(gv);
    h.stress.push_back(sv);
    h.energy.push_back(ev);
  }
  if (gamma.size() < 3) in.fail_file(fmt::format("{} rows: a history needs at least 3 strain steps", gamma.size()));
  return h;
}

std::vector<std::filesystem::path> history_files(const std::vector<std::string>& entries,
                                                 const std::filesystem::path& base_dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : entries) {
    std::filesystem::path p(entry);
    if (p.is_relative()) p = base_dir / p;
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> found;
      for (const auto& f : std::filesystem::directory_iterator(p, ec))
        if (f.is_regular_file() && f.path().extension() == ".csv") found.push_back(f.path());
      if (found.empty()) throw Error(fmt::format("{}: no .csv history files in this folder", p.string()));
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    } else {
      throw Error(fmt::format("{}: no such history file or folder", p.string()));
    }
  }
  return files;
}

}  // namespace vitrum::meso
