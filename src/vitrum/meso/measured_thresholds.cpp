#include "vitrum/meso/measured_thresholds.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/io/text_reader.hpp"

namespace vitrum::meso {

MeasuredThresholds read_measured_thresholds(const std::filesystem::path& file, const std::string& column, double scale,
                                            double minimum) {
  MeasuredThresholds m{file, column, scale, minimum, {}, 0, 0};
  TextReader in(file);
  std::string line;
  if (!in.next(line)) in.fail_file("empty file: expected the CSV of a local_yield stage");
  const auto header = split_commas(line);
  auto find = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? std::size_t(-1) : static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t col = find(column), yielded = find("yielded"), columns = header.size();  // header views die below
  if (col == std::size_t(-1))
    in.fail(fmt::format("no column '{}' in the header (a local_yield stage's CSV has tau0, tau_c, delta_tau, ...)", column));
  while (in.next(line)) {
    if (trim(line).empty()) continue;
    const auto fields = split_commas(line);
    if (fields.size() != columns) in.fail(fmt::format("{} fields, the header has {}", fields.size(), columns));
    const double v = in.number<double>(fields[col], column);
    if (!std::isfinite(v)) in.fail(fmt::format("{} is not a finite number", column));
    if (yielded != std::size_t(-1) && in.number<int>(fields[yielded], "yielded") == 0) ++m.unyielded;
    double s = v * scale;
    if (s < minimum) {
      s = minimum;
      ++m.raised;
    }
    m.values.push_back(s);
  }
  if (m.values.size() < 8)
    in.fail_file(fmt::format("{} sites: at least 8 are needed for a threshold distribution", m.values.size()));
  std::sort(m.values.begin(), m.values.end());
  if (!(m.values.back() > 0)) in.fail_file(fmt::format("every value of '{}' is zero or below", column));
  return m;
}

}  // namespace vitrum::meso
