// Initial fields of the internal variable: uniform, Gaussian-correlated random, or read from a .npy / CSV file.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "vitrum/continuum/staggered_grid.hpp"

namespace vitrum::continuum {

// A stationary Gaussian random field with covariance std² exp(−r²/ℓ²), sampled at the cell centres. It is a sum of
// Fourier modes of the box (periodic over lx in x and over 2 ly in y, so nothing forces it periodic across the walls)
// with amplitudes exp(−k²ℓ²/4) (modes with kℓ > 6 dropped) and Philox normal coefficients keyed by (seed, mode):
// the field is defined in continuous space, so two grids of the same box see the same realisation, which is what a
// grid-refinement study needs. It is normalised by its exact variance, Σ_k a_k².
std::vector<double> random_field(const Grid& grid, double mean, double std, double correlation_length, std::uint32_t seed);

// Reads a field of shape (ny, nx) (row j is y = (j+½)h, first row at the bottom wall) from NumPy .npy (float64 or
// float32, C order) or CSV (ny lines of nx numbers). Errors name the file and what did not match.
std::vector<double> read_field(const std::filesystem::path& path, const Grid& grid);
std::vector<double> read_field(const std::filesystem::path& path, int& nx, int& ny);

}  // namespace vitrum::continuum
