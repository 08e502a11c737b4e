#include "vitrum/gfa/composition.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/periodic_table.hpp"

namespace vitrum::gfa {
namespace {

class Parser {
 public:
  // Parses the first `end` characters of `whole`; errors quote all of it (a trailing unit included).
  Parser(std::string_view whole, std::size_t end) : s_(whole.substr(0, end)), whole_(whole) {}

  std::map<int, double> parse() {
    auto amounts = group(0);
    if (pos_ != s_.size()) fail(is_close(s_[pos_]) ? fmt::format("unbalanced '{}'", s_[pos_]) : "unexpected character");
    return amounts;
  }

 private:
  static bool is_close(char c) { return c == ')' || c == ']' || c == '}'; }
  static char closer(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(fmt::format("composition '{}': {} at position {}", whole_, what, pos_ + 1));
  }

  // Optional non-negative number at pos_; `fallback` when there is none.
  double number(double fallback) {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.')) ++pos_;
    if (pos_ == start) return fallback;
    double v = 0;
    auto [ptr, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, v);
    if (ec != std::errc() || ptr != s_.data() + pos_ || !std::isfinite(v)) {
      pos_ = start;
      fail(fmt::format("malformed number '{}'", s_.substr(start, pos_ - start)));
    }
    return v;
  }

  std::map<int, double> group(int depth) {
    std::map<int, double> out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t') { ++pos_; continue; }
      if (is_close(c)) {
        if (depth == 0) fail(fmt::format("unbalanced '{}'", c));
        break;
      }
      if (c == '(' || c == '[' || c == '{') {
        const std::size_t open = pos_;
        ++pos_;
        auto inner = group(depth + 1);
        if (pos_ >= s_.size() || s_[pos_] != closer(c)) { pos_ = open; fail(fmt::format("unbalanced '{}'", c)); }
        ++pos_;
        double total = 0;
        for (const auto& [z, a] : inner) total += a;
        if (total <= 0) { pos_ = open; fail("empty or all-zero group"); }
        const double mult = number(1.0);
        for (const auto& [z, a] : inner) out[z] += a / total * mult;
        continue;
      }
      if (s_.substr(pos_, 3) == "wt%" || s_.substr(pos_, 3) == "at%")
        fail(fmt::format("the unit '{}' may only end the composition", s_.substr(pos_, 3)));
      if (!std::isupper(static_cast<unsigned char>(c))) {
        fail(std::isdigit(static_cast<unsigned char>(c)) ? "amount without an element" : "unexpected character");
      }
      std::size_t end = pos_ + 1;
      if (end < s_.size() && std::islower(static_cast<unsigned char>(s_[end]))) ++end;
      const std::string_view sym = s_.substr(pos_, end - pos_);
      const int z = atomic_number(sym);
      if (z == 0) fail(fmt::format("unknown element '{}'", sym));
      pos_ = end;
      out[z] += number(1.0);
    }
    return out;
  }

  std::string_view s_, whole_;
  std::size_t pos_ = 0;
};

}  // namespace

Composition make_composition(const std::vector<int>& z, const std::vector<double>& amount) {
  std::map<int, double> m;
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (!(amount[i] >= 0) || !std::isfinite(amount[i]))
      throw Error(fmt::format("composition: amount {} of {} is not a non-negative number", amount[i], element_symbol(z[i])));
    m[z[i]] += amount[i];
  }
  double total = 0;
  for (const auto& [zz, a] : m) total += a;
  if (!(total > 0)) throw Error("composition: empty or all amounts zero");
  Composition c;
  for (const auto& [zz, a] : m) {
    if (a <= 0) continue;
    c.z.push_back(zz);
    c.x.push_back(a / total);
  }
  return c;
}

namespace {

enum class Unit { Atomic, Weight };

// Splits a trailing "at%" / "wt%" (spaces before it allowed) off `text`.
std::pair<std::string_view, Unit> split_unit(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  Unit u = Unit::Atomic;
  if (t.size() >= 3 && (t.substr(t.size() - 3) == "wt%" || t.substr(t.size() - 3) == "at%")) {
    u = t.substr(t.size() - 3) == "wt%" ? Unit::Weight : Unit::Atomic;
    t.remove_suffix(3);
  }
  return {t, u};
}

Composition parse_amounts(std::string_view body, std::string_view whole) {
  auto amounts = Parser(whole, body.size()).parse();
  double total = 0;
  for (const auto& [z, a] : amounts) total += a;
  if (amounts.empty() || !(total > 0))
    throw Error(fmt::format("composition '{}': no element with a positive amount", whole));
  std::vector<int> z;
  std::vector<double> a;
  for (const auto& [zz, aa] : amounts) { z.push_back(zz); a.push_back(aa); }
  return make_composition(z, a);
}

}  // namespace

Composition parse_composition(std::string_view text, const ElementData& data) {
  const auto [body, unit] = split_unit(text);
  const Composition c = parse_amounts(body, text);
  return unit == Unit::Weight ? weight_to_atomic(c, data) : c;
}

Composition weight_to_atomic(const Composition& w, const ElementData& data) {
  std::vector<double> moles(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) moles[i] = w.x[i] / data.atomic_weight(w.z[i]);
  return make_composition(w.z, moles);
}

Composition parse_composition(std::string_view text) {
  const auto [body, unit] = split_unit(text);
  if (unit == Unit::Weight)
    throw Error(fmt::format("composition '{}': weight percent ('wt%' at position {}) needs the atomic weights; "
                            "use the parse_composition overload that takes ElementData", text, body.size() + 1));
  return parse_amounts(body, text);
}

std::string Composition::label() const {
  std::string s;
  for (std::size_t i = 0; i < z.size(); ++i) s += fmt::format("{}{:.4g}", element_symbol(z[i]), 100.0 * x[i]);
  return s;
}

std::string Composition::system() const {
  std::string s;
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (i) s += '-';
    s += element_symbol(z[i]);
  }
  return s;
}

}  // namespace vitrum::gfa
