// One cell of Monte Carlo's cell list as compact arrays, and a particle's identity: what local-energy kernels read.
#pragma once
#include <cstddef>
#include <cstdint>

#include "vitrum/core/box.hpp"
#include "vitrum/core/vec3.hpp"

namespace vitrum {

// The particles of one cell, stored contiguously in the cell's own order (positions wrapped into the box), with the
// lattice translation that brings them next to the query point: a separation is r − (x_k + shift), no minimum image
// and no gather, so the distance loop vectorises. When the grid has fewer than three cells along some direction
// the shift is not unique; then `min_image_box` is set (shift zero) and separations take the minimum image.
struct CellBlock {
  const double* x = nullptr;
  const double* y = nullptr;
  const double* z = nullptr;
  const double* diameter = nullptr;  // per-particle diameters (zeros for typed models)
  const int* type = nullptr;
  const std::int32_t* index = nullptr;  // the particles' indices in Particles
  std::size_t count = 0;
  Vec3 shift{};
  const Box* min_image_box = nullptr;
};

// rsq[k] = |r − (x_k, y_k, z_k)|² for k < n: the distance loop of every Monte Carlo kernel, vectorised for the widest
// instruction set the CPU has (chosen at run time), with the same result on each.
void squared_distances(const double* x, const double* y, const double* z, std::size_t n, const Vec3& r, double* rsq);

// What a pair model needs of a particle besides its position: its type and diameter.
struct Identity {
  int type = 1;
  double diameter = 0;
};

}  // namespace vitrum
