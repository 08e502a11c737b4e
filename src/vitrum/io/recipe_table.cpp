#include "vitrum/io/recipe_table.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

RecipeTable::RecipeTable(const toml::table& table, std::filesystem::path file, std::string where)
    : table_(&table), file_(std::move(file)), where_(std::move(where)) {}

bool RecipeTable::has(const std::string& key) const { return table_->contains(key); }

void RecipeTable::fail(const std::string& key, const std::string& what) const {
  const toml::node* node = table_->get(key);
  const auto line = node ? node->source().begin.line : table_->source().begin.line;
  throw Error(fmt::format("{}:{}: [{}] {}: {}", file_.string(), line, where_, key, what));
}

std::string RecipeTable::locate(const std::string& key) const {
  const toml::node* node = table_->get(key);
  const auto line = node ? node->source().begin.line : table_->source().begin.line;
  return fmt::format("{}:{}: [{}] {}", file_.string(), line, where_, key);
}

const toml::node& RecipeTable::require(const std::string& key) {
  used_.insert(key);
  const toml::node* node = table_->get(key);
  if (!node) {
    throw Error(fmt::format("{}:{}: [{}] missing required key '{}'", file_.string(), table_->source().begin.line,
                            where_, key));
  }
  return *node;
}

double RecipeTable::get_double(const std::string& key) {
  const toml::node& n = require(key);
  double v;
  if (auto f = n.value_exact<double>()) v = *f;
  else if (auto i = n.value_exact<std::int64_t>()) v = static_cast<double>(*i);
  else fail(key, "expected a number");
  if (!std::isfinite(v)) fail(key, "must be finite");
  return v;
}
double RecipeTable::get_double(const std::string& key, double fallback) {
  used_.insert(key);
  return has(key) ? get_double(key) : fallback;
}

double RecipeTable::get_positive(const std::string& key) {
  const double v = get_double(key);
  if (!(v > 0)) fail(key, "must be positive");
  return v;
}

double RecipeTable::get_positive(const std::string& key, double fallback) {
  const double v = get_double(key, fallback);
  if (!(v > 0)) fail(key, "must be positive");
  return v;
}

double RecipeTable::get_non_negative(const std::string& key, double fallback) {
  const double v = get_double(key, fallback);
  if (!(v >= 0)) fail(key, "must be zero or positive");
  return v;
}

std::int64_t RecipeTable::get_int(const std::string& key) {
  const toml::node& n = require(key);
  if (auto i = n.value_exact<std::int64_t>()) return *i;
  fail(key, "expected an integer");
}
std::int64_t RecipeTable::get_int(const std::string& key, std::int64_t fallback) {
  used_.insert(key);
  return has(key) ? get_int(key) : fallback;
}

std::uint32_t RecipeTable::get_seed(const std::string& key) {
  const std::int64_t seed = get_int(key);
  if (seed < 0 || seed > 0xFFFFFFFFll) fail(key, "must be in 0 .. 4294967295");
  return static_cast<std::uint32_t>(seed);
}
std::uint32_t RecipeTable::get_seed(const std::string& key, std::uint32_t fallback) {
  used_.insert(key);
  return has(key) ? get_seed(key) : fallback;
}

std::string RecipeTable::get_string(const std::string& key) {
  const toml::node& n = require(key);
  if (auto s = n.value_exact<std::string>()) return *s;
  fail(key, "expected a string");
}
std::string RecipeTable::get_string(const std::string& key, const std::string& fallback) {
  used_.insert(key);
  return has(key) ? get_string(key) : fallback;
}

bool RecipeTable::get_bool(const std::string& key, bool fallback) {
  used_.insert(key);
  if (!has(key)) return fallback;
  if (auto b = table_->get(key)->value_exact<bool>()) return *b;
  fail(key, "expected true or false");
}

std::vector<double> RecipeTable::get_doubles(const std::string& key) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, "expected an array of numbers");
  std::vector<double> out;
  for (const auto& e : *arr) {
    if (auto f = e.value_exact<double>()) out.push_back(*f);
    else if (auto i = e.value_exact<std::int64_t>()) out.push_back(static_cast<double>(*i));
    else fail(key, "expected an array of numbers");
    if (!std::isfinite(out.back())) fail(key, "entries must be finite");
  }
  return out;
}
std::vector<double> RecipeTable::get_doubles(const std::string& key, const std::vector<double>& fallback) {
  used_.insert(key);
  return has(key) ? get_doubles(key) : fallback;
}

std::vector<std::string> RecipeTable::get_strings(const std::string& key) {
  const toml::node& n = require(key);
  if (auto v = n.value_exact<std::string>()) return {*v};
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, "expected a string or an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *arr) {
    if (auto v = e.value_exact<std::string>()) out.push_back(*v);
    else fail(key, "expected an array of strings");
  }
  return out;
}

RecipeTable RecipeTable::get_table(const std::string& key) {
  const toml::node& n = require(key);
  const toml::table* t = n.as_table();
  if (!t) fail(key, "expected a table");
  return RecipeTable(*t, file_, where_.empty() ? key : where_ + "." + key);
}

std::vector<RecipeTable> RecipeTable::get_tables(const std::string& key) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, fmt::format("expected an array of tables ([[{}]])", key));
  std::vector<RecipeTable> out;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const toml::table* t = (*arr)[k].as_table();
    if (!t) fail(key, fmt::format("expected an array of tables ([[{}]])", key));
    out.emplace_back(*t, file_, fmt::format("{}[{}]", key, k + 1));
  }
  return out;
}

void RecipeTable::only(std::initializer_list<const char*> known) const {
  only(std::vector<std::string>(known.begin(), known.end()));
}

void RecipeTable::only(const std::vector<std::string>& known) const {
  for (const auto& [k, v] : *table_) {
    bool ok = false;
    for (const std::string& name : known) ok = ok || k.str() == name;
    if (!ok && !used_.count(std::string(k.str())))
      throw Error(fmt::format("{}:{}: unknown key '{}' in [{}]", file_.string(), v.source().begin.line, k.str(), where_));
  }
}

void RecipeTable::finish() const {
  for (const auto& [k, v] : *table_) {
    const std::string key(k.str());
    if (!used_.count(key)) {
      throw Error(fmt::format("{}:{}: unknown key '{}' in [{}]", file_.string(), v.source().begin.line, key, where_));
    }
  }
}

toml::table parse_toml_file(const std::filesystem::path& file) {
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    if (!std::filesystem::exists(file)) throw Error(fmt::format("{}: cannot open file for reading", file.string()));
    throw Error(fmt::format("{}:{}:{}: TOML syntax error: {}", file.string(), e.source().begin.line,
                            e.source().begin.column, e.description()));
  }
}

toml::table parse_toml_string(const std::string& text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw Error(fmt::format("{}:{}:{}: TOML syntax error: {}", name, e.source().begin.line, e.source().begin.column,
                            e.description()));
  }
}

}  // namespace vitrum
