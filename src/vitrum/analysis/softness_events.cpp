// Softness labels from AQS events: reading stageN-aqs-events/index.csv and the per-event D²min labels.
#include "vitrum/analysis/softness_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "vitrum/atomistic/shear/d2min.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

namespace fs = std::filesystem;

namespace {

fs::path find_index(const fs::path& path) {
  if (fs::is_regular_file(path)) return path;
  if (!fs::is_directory(path)) throw Error(fmt::format("{}: no such run folder or event index", path.string()));
  if (fs::is_regular_file(path / "index.csv")) return path / "index.csv";
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(path)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && name.starts_with("stage") && name.ends_with("-aqs-events") && fs::is_regular_file(e.path() / "index.csv"))
      found.push_back(e.path() / "index.csv");
  }
  if (found.empty())
    throw Error(fmt::format("{}: no stage*-aqs-events/index.csv (run the aqs stage with event_configurations = true)",
                            path.string()));
  if (found.size() > 1)
    throw Error(fmt::format("{}: {} aqs stages wrote events; give one stage*-aqs-events folder", path.string(), found.size()));
  return found.front();
}

double to_double(const std::string& s, const fs::path& file, int line, const char* what) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
    throw Error(fmt::format("{}:{}: expected a number for {}, found '{}'", file.string(), line, what, s));
  return v;
}

}  // namespace

std::vector<AqsEventRecord> read_event_index(const fs::path& path) {
  const fs::path index = find_index(path);
  std::ifstream in(index);
  if (!in) throw Error(fmt::format("{}: cannot read", index.string()));
  std::string line;
  const std::string header = "event,strain_before,strain_after,stress_drop,before,after";
  if (!std::getline(in, line) || line != header)
    throw Error(fmt::format("{}:1: expected the header '{}'", index.string(), header));
  std::vector<AqsEventRecord> out;
  for (int no = 2; std::getline(in, line); ++no) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() != 6) throw Error(fmt::format("{}:{}: expected 6 comma-separated fields, found {}", index.string(), no, f.size()));
    AqsEventRecord r;
    r.strain_before = to_double(f[1], index, no, "strain_before");
    r.strain_after = to_double(f[2], index, no, "strain_after");
    if (!(r.strain_after > r.strain_before))
      throw Error(fmt::format("{}:{}: strain_after {} is not above strain_before {}", index.string(), no, f[2], f[1]));
    if (!out.empty() && !(r.strain_before >= out.back().strain_after))
      throw Error(fmt::format("{}:{}: events out of strain order", index.string(), no));
    r.before = index.parent_path() / f[4];
    r.after = index.parent_path() / f[5];
    for (const fs::path& p : {r.before, r.after})
      if (!fs::is_regular_file(p)) throw Error(fmt::format("{}:{}: configuration {} is missing", index.string(), no, p.string()));
    out.push_back(r);
  }
  if (out.empty()) throw Error(fmt::format("{}: no events (the run had no stress drop above drop_threshold)", index.string()));
  return out;
}

Configuration read_event_configuration(const fs::path& file, double strain) {
  Configuration c = read_configuration(file);
  c.box.set_strain_xy(strain);
  return c;
}

std::vector<LabelledEvent> label_events(const std::vector<AqsEventRecord>& events, const EventLabelOptions& o) {
  if (!(o.rearranging > o.quiet && o.quiet > 0 && o.window > 0 && o.d2min_cutoff > 0 && o.max_fraction > 0 && o.max_fraction <= 1))
    throw Error(fmt::format("softness labels: need d2min_cutoff > 0, window > 0, max_fraction in (0, 1] and rearranging "
                            "({}) > quiet ({}) > 0", o.rearranging, o.quiet));
  const std::size_t n_ev = events.size();
  std::vector<LabelledEvent> out(n_ev);
  for (std::size_t k = 0; k < n_ev; ++k) {
    out[k].before = read_event_configuration(events[k].before, events[k].strain_before);
    out[k].strain = events[k].strain_before;
    const Configuration after = read_event_configuration(events[k].after, events[k].strain_after);
    out[k].d2min = d2min(out[k].before, after, o.d2min_cutoff);
  }
  for (std::size_t k = 0; k < n_ev; ++k) {
    LabelledEvent& e = out[k];
    const std::size_t n = e.d2min.size();
    e.label.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i)
      if (e.d2min[i] > o.rearranging) e.label[i] = 1;
    // The window ends at the start state of the first event at least `window` later; without one it is undecided.
    std::size_t m = k + 1;
    while (m < n_ev && events[m].strain_before < events[k].strain_before + o.window) ++m;
    if (m < n_ev) {
      const std::vector<double> total = d2min(e.before, out[m].before, o.d2min_cutoff);
      for (std::size_t i = 0; i < n; ++i) {
        bool quiet = total[i] < o.quiet;
        for (std::size_t l = k; l < m && quiet; ++l) quiet = out[l].d2min[i] < o.quiet;
        if (quiet) e.label[i] = -1;
      }
    }
    e.rearranging = static_cast<std::size_t>(std::count(e.label.begin(), e.label.end(), 1));
    if (static_cast<double>(e.rearranging) > o.max_fraction * static_cast<double>(n)) {
      e.spanning = true;
      std::fill(e.label.begin(), e.label.end(), 0);
      e.rearranging = 0;
    }
    e.quiet = static_cast<std::size_t>(std::count(e.label.begin(), e.label.end(), -1));
  }
  return out;
}

}  // namespace vitrum::analysis
