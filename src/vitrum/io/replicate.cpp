// Periodic replication of a configuration into a supercell.
#include "vitrum/io/replicate.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"

namespace vitrum {

Configuration replicate(const Configuration& cfg, const Int3& counts) {
  for (int c : counts)
    if (c < 1) throw Error(fmt::format("replicate: counts must be >= 1, got {} {} {}", counts[0], counts[1], counts[2]));
  // In double: [1000,1000,1000] copies of a glass overflowed nothing but the memory (std::bad_alloc, no cause).
  check_allocation(fmt::format("replicate: {} x {} x {} copies of {} atoms", counts[0], counts[1], counts[2],
                               cfg.particles.size()),
                   static_cast<double>(counts[0]) * counts[1] * counts[2] * static_cast<double>(cfg.particles.size()),
                   kBytesPerParticle, "atoms");
  const Box& b = cfg.box;
  const Vec3 L = b.lengths();
  const Vec3 a{L.x, 0, 0}, bb{b.xy(), L.y, 0}, c{0, 0, L.z};
  Configuration out = cfg;
  out.box = Box(b.lo(), {counts[0] * L.x, counts[1] * L.y, counts[2] * L.z}, counts[1] * b.xy());
  out.box.set_strain_xy(b.strain_xy());
  const Particles& p = cfg.particles;
  const std::size_t n = p.size();
  const std::size_t copies = static_cast<std::size_t>(counts[0]) * counts[1] * counts[2];
  std::int64_t max_id = 0;
  for (std::int64_t id : p.id) max_id = std::max(max_id, id);
  Particles& q = out.particles;
  q.resize(n * copies);
  std::size_t m = 0;
  for (int k = 0; k < counts[2]; ++k)
    for (int j = 0; j < counts[1]; ++j)
      for (int i = 0; i < counts[0]; ++i) {
        const std::int64_t copy = i + counts[0] * (j + static_cast<std::int64_t>(counts[1]) * k);
        const Vec3 shift = a * static_cast<double>(i) + bb * static_cast<double>(j) + c * static_cast<double>(k);
        for (std::size_t s = 0; s < n; ++s, ++m) {
          Vec3 r = p.position[s] + shift;
          Int3 image{0, 0, 0};
          out.box.wrap(r, image);
          q.position[m] = r;
          q.velocity[m] = p.velocity[s];
          q.force[m] = p.force[s];
          q.type[m] = p.type[s];
          q.diameter[m] = p.diameter[s];
          q.mass[m] = p.mass[s];
          q.image[m] = {0, 0, 0};
          q.id[m] = p.id[s] + copy * max_id;
        }
      }
  return out;
}

}  // namespace vitrum
