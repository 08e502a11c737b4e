#include "vitrum/atomistic/potential/cell_block.hpp"

namespace vitrum {

// Cloned for AVX2 and the baseline, chosen at load time from the CPU (GCC function multiversioning): the build stays
// portable and a machine with AVX2 runs four doubles an instruction instead of two. The "avx2" clone does not
// include FMA, so each lane does the same three products and two sums in the same order: every path gives the same
// bits (a -march=native build could contract to FMA and differ in the last bit).
__attribute__((target_clones("avx2", "default")))
void squared_distances(const double* x, const double* y, const double* z, std::size_t n, const Vec3& r, double* rsq) {
  const double rx = r.x, ry = r.y, rz = r.z;
  for (std::size_t k = 0; k < n; ++k) {
    const double dx = rx - x[k], dy = ry - y[k], dz = rz - z[k];
    rsq[k] = dx * dx + dy * dy + dz * dz;
  }
}

}  // namespace vitrum
