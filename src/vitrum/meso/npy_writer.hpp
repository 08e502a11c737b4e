// Writes a C-ordered float64 array as a NumPy .npy (format version 1.0) file, atomically.
#pragma once
#include <filesystem>
#include <vector>

namespace vitrum::meso {

void write_npy(const std::filesystem::path& path, const std::vector<double>& data, const std::vector<std::size_t>& shape);

}  // namespace vitrum::meso
