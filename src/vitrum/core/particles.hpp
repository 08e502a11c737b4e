// Structure-of-arrays particle store: every per-particle quantity in its own contiguous array.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vitrum/core/vec3.hpp"

namespace vitrum {

// Types are 1-based as in LAMMPS files. Diameters are meaningful only for models that declare
// per-particle sizes (polydisperse); elsewhere they stay 0. `id` is the global tag: stable under
// reordering, the counter of every random stream.
struct Particles {
  std::vector<Vec3> position;
  std::vector<Vec3> velocity;
  std::vector<Vec3> force;
  std::vector<int> type;
  std::vector<double> diameter;
  std::vector<double> mass;
  std::vector<Int3> image;
  std::vector<std::int64_t> id;

  [[nodiscard]] std::size_t size() const { return position.size(); }
  void resize(std::size_t n);
  // Permute every array so that new index k holds old index order[k].
  void reorder(const std::vector<std::size_t>& order);
  [[nodiscard]] int max_type() const;
  [[nodiscard]] bool has_diameters() const;
};

}  // namespace vitrum
