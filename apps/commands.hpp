// The `vitrum` subcommands: each registers its options on the CLI11 app and runs when chosen.
#pragma once
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

namespace vitrum::cli {

// CLI11's PositiveNumber / NonNegativeNumber print their range as a 309-digit number: these say it in words.
inline CLI::Validator number_check(bool allow_zero) {
  return CLI::Validator(
      [allow_zero](std::string& s) -> std::string {
        double v = 0;
        std::size_t used = 0;
        try {
          v = std::stod(s, &used);
        } catch (...) {
          used = 0;
        }
        if (used == 0 || used != s.size()) return "'" + s + "' is not a number";
        if (!std::isfinite(v) || v < 0 || (v == 0 && !allow_zero))
          return std::string(allow_zero ? "must be zero or positive" : "must be positive") + ", got " + s;
        return {};
      },
      allow_zero ? "NONNEGATIVE" : "POSITIVE");
}
inline const CLI::Validator kPositive = number_check(false);
inline const CLI::Validator kNonNegative = number_check(true);

// Runs a matplotlib script with Debian's /usr/bin/python3 on its arguments (the output folder, ...), after
// flushing stdout so the command's own lines come first. A failed plot is a warning: the data are already written.
inline void run_plot_script(const std::filesystem::path& script, std::initializer_list<std::string> args) {
  std::string command = fmt::format("/usr/bin/python3 '{}'", script.string());
  for (const auto& a : args) command += fmt::format(" '{}'", a);
  std::fflush(stdout);
  if (std::system(command.c_str()) != 0)
    fmt::print(stderr, "vitrum: warning: plotting failed ({}); the data files are complete\n", command);
}

// The flags every runner command shares (one vocabulary across `run`, `epm`, `stz`, `lpbf`, `ttt`): --format text|json
// (json: the summary.json just written, full precision, units named inside), and where they apply --threads N and
// --seed S (overriding the recipe's; 0 = keep it).
struct CommonFlags {
  std::string format = "text";
  int threads = 0;
  long long seed = -1;
  [[nodiscard]] bool json() const { return format == "json"; }
};
inline void add_format_flag(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--format", f.format, "text (a short table) or json (the whole summary)")
      ->check(CLI::IsMember({"text", "json"}));
}
inline void add_threads_flag(CLI::App* cmd, CommonFlags& f, const std::string& what) {
  cmd->add_option("--threads", f.threads, what)->check(kPositive);
}
inline void add_seed_flag(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--seed", f.seed, "random seed, overriding the recipe's")->check(CLI::Range(0LL, 4294967295LL));
}

// --frame K: which frame of a multi-frame configuration file (a trajectory) to read; without it such a file is
// refused with a message naming the line where its second frame starts (configuration.hpp's kOnlyFrame).
inline void add_frame_option(CLI::App* cmd, std::int64_t& frame) {
  cmd->add_option("--frame", frame, "frame of a multi-frame file (.dump, .xyz): 0 = the first, -1 = the last");
}

// A summary value for text output: numbers to 4 significant digits (JSON keeps full precision), the rest as JSON.
inline std::string brief(const nlohmann::json& v) {
  if (v.is_number_float()) return fmt::format("{:.4g}", v.get<double>());
  if (v.is_array() && !v.empty() && v[0].is_number()) {
    std::string s = "[";
    for (std::size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + brief(v[k]);
    return s + "]";
  }
  return v.dump();
}

void add_inspect(CLI::App& app);
void add_generate(CLI::App& app);
void add_epm(CLI::App& app);
void add_run(CLI::App& app);
void add_gfa(CLI::App& app);
void add_analyze(CLI::App& app);
void add_stz(CLI::App& app);
void add_coarse_grain(CLI::App& app);
void add_lpbf(CLI::App& app);
void add_info(CLI::App& app);
void add_engines(CLI::App& app);
void add_softness(CLI::App& app);
void add_seep(CLI::App& app);

}  // namespace vitrum::cli
