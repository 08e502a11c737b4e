// Resource caps: a size derived from the input is checked against the machine's memory before anything is allocated.
#pragma once
#include <cstdint>
#include <string>

namespace vitrum {

// Physical memory of this machine in bytes (0 when it cannot be told).
std::uint64_t physical_memory_bytes();

// Throws vitrum::Error "WHAT: COUNT ITEMS need about X GB, more than this machine's Y GB of memory" when
// count * bytes_each (computed without overflow) exceeds the physical memory. `what` names the file or key.
void check_allocation(const std::string& what, double count, double bytes_each, const std::string& items);

// Bytes a particle costs in Particles (position, velocity, force, type, diameter, mass, image, id) plus the
// neighbour list and cell bookkeeping that follow it: used for the caps on N.
inline constexpr double kBytesPerParticle = 400.0;

}  // namespace vitrum
