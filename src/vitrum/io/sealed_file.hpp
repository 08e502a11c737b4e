// Integrity of the binary files vitrum writes (checkpoints, GFA models): one header line with a magic word, the
// file kind, a format version, the payload's byte length and its CRC-32 (zlib), checked on load.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace vitrum {

// "vitrum-sealed KIND VERSION LENGTH CRC32HEX\n" followed by the payload. Any change to a single byte (header or
// payload) makes the file refused: a CRC-32 detects every burst error of up to 32 bits.
std::string seal(std::string_view kind, std::uint32_t version, std::string_view payload);

// The payload of a sealed file of this kind and version; a vitrum::Error naming `path` otherwise (not a sealed
// file, another kind, another version, truncated or extended, checksum mismatch).
std::string unseal(const std::filesystem::path& path, std::string_view kind, std::uint32_t version, std::string bytes);
// Reads `path` (refusing a directory or a missing file with a message) and unseals it.
std::string read_sealed(const std::filesystem::path& path, std::string_view kind, std::uint32_t version);

std::uint32_t crc32_of(std::string_view bytes);

}  // namespace vitrum
