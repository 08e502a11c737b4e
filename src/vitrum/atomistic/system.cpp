#include "vitrum/atomistic/system.hpp"

#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

const ForceResult& System::compute_forces() {
  list.update(cfg.particles, cfg.box);
  last = potential->compute(cfg.particles, cfg.box, list, need_energy_virial);
  return last;
}

NeighborList make_neighbor_list(const Potential& potential, double skin) {
  NeighborList list(potential.cutoff(), skin);
  list.set_type_cutoffs(potential.type_count(), potential.type_cutoffs());
  return list;
}

System make_system(Configuration cfg, const std::string& potential_name, const std::string& source, double skin) {
  auto fail = [&](const std::string& what) { throw Error(fmt::format("{}: {}", source, what)); };
  std::unique_ptr<Potential> potential;
  try {
    potential = make_potential(potential_name);
    potential->check(cfg.particles);
  } catch (const Error& e) {
    fail(e.what());
  }
  if (cfg.particles.size() == 0) fail("the configuration holds no atoms");
  System s{std::move(cfg), std::move(potential), NeighborList(1.0, skin), source, {}};
  s.list = make_neighbor_list(*s.potential, skin);
  try {
    s.list.build(s.cfg.particles, s.cfg.box);
  } catch (const Error& e) {
    fail(e.what());
  }
  const ClosestPair c = s.potential->closest_pair(s.cfg.particles, s.cfg.box, s.list);
  if (c.reduced_distance < kOverlapRatio)
    fail(fmt::format("atoms {} and {} overlap: distance {:.6g} is {:.3g} sigma_ij (less than {} sigma_ij); the "
                     "energy would overflow. Remove the overlap (e.g. `vitrum generate`) or minimise first",
                     c.id_i, c.id_j, c.distance, c.reduced_distance, kOverlapRatio));
  s.compute_forces();
  if (!std::isfinite(s.last.energy)) fail("the potential energy is not finite");
  return s;
}

}  // namespace vitrum
