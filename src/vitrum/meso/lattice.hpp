// A periodic L^d grid of mesoscopic blocks (d = 2 or 3), x fastest, with the index arithmetic the EPM needs.
#pragma once
#include <array>
#include <cstddef>

namespace vitrum::meso {

struct Lattice {
  int dimension = 2;
  int size = 64;  // L: blocks per side

  [[nodiscard]] std::size_t sites() const {
    std::size_t n = 1;
    for (int d = 0; d < dimension; ++d) n *= static_cast<std::size_t>(size);
    return n;
  }
  // Coordinates (x, y, z) of site i; z = 0 in 2D.
  [[nodiscard]] std::array<int, 3> coords(std::size_t i) const {
    const auto L = static_cast<std::size_t>(size);
    return {static_cast<int>(i % L), static_cast<int>((i / L) % L), dimension == 3 ? static_cast<int>(i / (L * L)) : 0};
  }
  [[nodiscard]] std::size_t index(int x, int y, int z = 0) const {
    auto wrap = [this](int a) { return static_cast<std::size_t>(((a % size) + size) % size); };
    const auto L = static_cast<std::size_t>(size);
    return (wrap(z) * L + wrap(y)) * L + wrap(x);
  }
  // Number of complex coefficients of a real-to-complex transform (last axis x halved, FFTW layout).
  [[nodiscard]] std::size_t half_spectrum() const { return sites() / static_cast<std::size_t>(size) * (static_cast<std::size_t>(size) / 2 + 1); }
};

}  // namespace vitrum::meso
