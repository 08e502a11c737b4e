// Line-by-line reading of text files with error messages that carry "file:line".
#pragma once
#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/core/error.hpp"

namespace vitrum {

class TextReader {
 public:
  explicit TextReader(const std::filesystem::path& path) : path_(path), in_(path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(fmt::format("{}: is a directory, expected a file", path.string()));
    if (!in_) throw Error(fmt::format("{}: cannot open file for reading", path.string()));
  }
  // Next line (comment after '#' kept); false at end of file.
  bool next(std::string& line) {
    if (has_pending_) {
      line = std::move(pending_);
      has_pending_ = false;
      ++line_no_;
      return true;
    }
    if (!std::getline(in_, line)) return false;
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }
  // Gives back the line next() just returned: the following next() returns it again (a reader that has read
  // one line past its frame hands the next frame's first line back).
  void unread(std::string line) {
    pending_ = std::move(line);
    has_pending_ = true;
    --line_no_;
  }
  [[nodiscard]] int line_number() const { return line_no_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(fmt::format("{}:{}: {}", path_.string(), line_no_, what));
  }
  [[noreturn]] void fail_file(const std::string& what) const { throw Error(fmt::format("{}: {}", path_.string(), what)); }

  template <class T>
  T number(std::string_view token, std::string_view what) const {
    T value{};
    const auto* end = token.data() + token.size();
    auto [ptr, ec] = std::from_chars(token.data(), end, value);
    if (ec != std::errc() || ptr != end) fail(fmt::format("expected a number for {}, found '{}'", what, token));
    return value;
  }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
  int line_no_ = 0;
  std::string pending_;
  bool has_pending_ = false;
};

// Whitespace-separated tokens of a line, ignoring anything after '#'.
std::vector<std::string_view> split_tokens(std::string_view line, bool stop_at_comment = true);
std::string_view trim(std::string_view s);
// Comma-separated fields of a CSV line, each trimmed of spaces and tabs (a line without commas is one field).
std::vector<std::string_view> split_commas(std::string_view line);

}  // namespace vitrum
