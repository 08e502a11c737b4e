// NumPy .npy arrays: write C-ordered float64 (format 1.0, atomically), read float64 or float32 of any shape.
#pragma once
#include <cstddef>
#include <filesystem>
#include <vector>

namespace vitrum {

// Writes data (C order, the product of `shape` long) as '<f8'. Little-endian hosts only (x86-64, arm64).
void write_npy(const std::filesystem::path& path, const std::vector<double>& data, const std::vector<std::size_t>& shape);

struct NpyArray {
  std::vector<double> data;       // C order
  std::vector<std::size_t> shape;
};
// Reads a little-endian float64 or float32 array in C order (format 1.x or 2.x); errors name the file.
NpyArray read_npy(const std::filesystem::path& path);

}  // namespace vitrum
