// One visitor for checkpoint reading and writing, so the two never drift apart (GROMACS's pattern).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "vitrum/core/error.hpp"

namespace vitrum {

// Components describe their state once, as `void checkpoint(Archive& ar) { ar(x); ar(v); }`;
// the same call writes (ArchiveWriter) or reads (ArchiveReader). Raw little-endian doubles: a
// restart continues bit for bit.
class Archive {
 public:
  virtual ~Archive() = default;
  [[nodiscard]] virtual bool reading() const = 0;
  virtual void bytes(void* data, std::size_t n) = 0;
  // Bytes left to read (a reader), so that a corrupt length is refused before it is allocated.
  [[nodiscard]] virtual std::size_t remaining() const { return SIZE_MAX; }
  [[noreturn]] virtual void corrupt() const { throw Error("checkpoint is truncated or corrupt"); }

  template <class T>
    requires std::is_trivially_copyable_v<T>
  void operator()(T& value) {
    bytes(&value, sizeof(T));
  }
  template <class T>
    requires std::is_trivially_copyable_v<T>
  void operator()(std::vector<T>& v) {
    std::uint64_t n = v.size();
    bytes(&n, sizeof n);
    if (reading()) {
      if (n > remaining() / sizeof(T)) corrupt();
      v.resize(n);
    }
    if (n) bytes(v.data(), n * sizeof(T));
  }
  void operator()(std::string& s) {
    std::uint64_t n = s.size();
    bytes(&n, sizeof n);
    if (reading()) {
      if (n > remaining()) corrupt();
      s.resize(n);
    }
    if (n) bytes(s.data(), n);
  }
};

class ArchiveWriter final : public Archive {
 public:
  [[nodiscard]] bool reading() const override { return false; }
  void bytes(void* data, std::size_t n) override { buffer_.append(static_cast<const char*>(data), n); }
  [[nodiscard]] const std::string& buffer() const { return buffer_; }

 private:
  std::string buffer_;
};

class ArchiveReader final : public Archive {
 public:
  ArchiveReader(std::string buffer, std::string source) : buffer_(std::move(buffer)), source_(std::move(source)) {}
  [[nodiscard]] bool reading() const override { return true; }
  void bytes(void* data, std::size_t n) override {
    if (pos_ + n > buffer_.size()) corrupt();
    std::memcpy(data, buffer_.data() + pos_, n);
    pos_ += n;
  }
  [[nodiscard]] bool at_end() const { return pos_ == buffer_.size(); }
  [[nodiscard]] std::size_t remaining() const override { return buffer_.size() - pos_; }
  [[noreturn]] void corrupt() const override { throw Error(source_ + ": checkpoint is truncated or corrupt"); }

 private:
  std::string buffer_;
  std::string source_;
  std::size_t pos_ = 0;
};

}  // namespace vitrum
