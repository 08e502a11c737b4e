// Strict access to a TOML table of a recipe: typed getters with defaults, and an error for every key nobody asked for.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace vitrum {

// Wraps one table of a parsed recipe. Every getter records the key as known; finish() then
// rejects any key that was never asked for, naming it, the table and the file, so a typo such as
// `temprature = 0.8` is an error, never a silent default. Errors carry the TOML line.
class RecipeTable {
 public:
  RecipeTable(const toml::table& table, std::filesystem::path file, std::string where);

  [[nodiscard]] bool has(const std::string& key) const;
  double get_double(const std::string& key);
  double get_double(const std::string& key, double fallback);
  // get_double with a range check; the error says "must be positive" / "must be zero or positive".
  double get_positive(const std::string& key);
  double get_positive(const std::string& key, double fallback);
  double get_non_negative(const std::string& key, double fallback);
  std::int64_t get_int(const std::string& key);
  std::int64_t get_int(const std::string& key, std::int64_t fallback);
  // A random seed: an integer in 0 .. 2^32 − 1 (the counter-based generators' key width).
  std::uint32_t get_seed(const std::string& key);
  std::uint32_t get_seed(const std::string& key, std::uint32_t fallback);
  std::string get_string(const std::string& key);
  std::string get_string(const std::string& key, const std::string& fallback);
  bool get_bool(const std::string& key, bool fallback);
  std::vector<double> get_doubles(const std::string& key);
  std::vector<double> get_doubles(const std::string& key, const std::vector<double>& fallback);
  // A string or an array of strings (a single string gives one entry).
  std::vector<std::string> get_strings(const std::string& key);
  RecipeTable get_table(const std::string& key);
  std::vector<RecipeTable> get_tables(const std::string& key);  // array of tables ([[key]])
  // Rejects, before anything else is read, any key outside `known` (and the keys read already): a typo
  // is reported as the unknown key it is, not as the required key it should have been.
  void only(std::initializer_list<const char*> known) const;
  void only(const std::vector<std::string>& known) const;
  // Marks a key as known without reading it (for keys handled elsewhere).
  void allow(const std::string& key) { used_.insert(key); }

  // Throws Error for the first key that no getter asked for.
  void finish() const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;
  // "file:line: [table] key", as fail() starts its message: for an error found only when the recipe runs.
  [[nodiscard]] std::string locate(const std::string& key) const;
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }
  [[nodiscard]] const std::string& where() const { return where_; }
  [[nodiscard]] const toml::table& raw() const { return *table_; }

 private:
  const toml::node& require(const std::string& key);
  const toml::table* table_;
  std::filesystem::path file_;
  std::string where_;
  std::set<std::string> used_;
};

// Parses a TOML file; a syntax error names the file, line and column.
toml::table parse_toml_file(const std::filesystem::path& file);
toml::table parse_toml_string(const std::string& text, const std::string& name);

}  // namespace vitrum
