#include "vitrum/io/sealed_file.hpp"

#include <zlib.h>

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "vitrum/core/error.hpp"
#include "vitrum/io/text_reader.hpp"

namespace vitrum {

namespace {
constexpr std::string_view kMagic = "vitrum-sealed";
}

std::uint32_t crc32_of(std::string_view bytes) {
  uLong c = ::crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed it in chunks.
  std::size_t done = 0;
  while (done < bytes.size()) {
    const std::size_t n = std::min<std::size_t>(bytes.size() - done, 1u << 30);
    c = ::crc32(c, reinterpret_cast<const Bytef*>(bytes.data() + done), static_cast<uInt>(n));
    done += n;
  }
  return static_cast<std::uint32_t>(c);
}

std::string seal(std::string_view kind, std::uint32_t version, std::string_view payload) {
  std::string out = fmt::format("{} {} {} {} {:08x}\n", kMagic, kind, version, payload.size(), crc32_of(payload));
  out.append(payload);
  return out;
}

std::string unseal(const std::filesystem::path& path, std::string_view kind, std::uint32_t version, std::string bytes) {
  const std::string where = path.string();
  const auto eol = bytes.find('\n');
  if (eol == std::string::npos || eol > 200)
    throw Error(fmt::format("{}: not a vitrum {} file (no 'vitrum-sealed' header; written by an older vitrum, or "
                            "damaged)", where, kind));
  const std::string header = bytes.substr(0, eol);
  const auto tok = split_tokens(header, false);
  // Exactly single spaces and canonical numbers: the header is compared byte for byte with what seal() writes.
  if (tok.size() != 5 || tok[0] != kMagic)
    throw Error(fmt::format("{}: not a vitrum {} file (bad header; written by an older vitrum, or damaged)", where, kind));
  if (tok[1] != kind) throw Error(fmt::format("{}: is a vitrum '{}' file, not a '{}' file", where, tok[1], kind));
  std::uint64_t length = 0;
  std::uint32_t file_version = 0, crc = 0;
  auto num = [&](std::string_view t, auto& v, int base) {
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
    return ec == std::errc() && p == t.data() + t.size();
  };
  if (!num(tok[2], file_version, 10) || !num(tok[3], length, 10) || !num(tok[4], crc, 16))
    throw Error(fmt::format("{}: damaged header '{}'", where, header));
  if (file_version != version)
    throw Error(fmt::format("{}: {} format version {}, this vitrum reads version {}", where, kind, file_version, version));
  const std::string payload = bytes.substr(eol + 1);
  const std::string canonical = fmt::format("{} {} {} {} {:08x}", kMagic, kind, file_version, length, crc);
  if (header != canonical) throw Error(fmt::format("{}: damaged header '{}'", where, header));
  if (payload.size() != length)
    throw Error(fmt::format("{}: holds {} bytes after its header, the header says {} (truncated or damaged)", where,
                            payload.size(), length));
  if (crc32_of(payload) != crc)
    throw Error(fmt::format("{}: checksum mismatch (CRC-32 {:08x}, expected {:08x}): the file is damaged", where,
                            crc32_of(payload), crc));
  return payload;
}

std::string read_sealed(const std::filesystem::path& path, std::string_view kind, std::uint32_t version) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(fmt::format("{}: is a directory, expected a file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open for reading", path.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return unseal(path, kind, version, ss.str());
}

}  // namespace vitrum
