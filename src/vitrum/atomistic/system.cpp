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

double System::volume() const {
  const Vec3 l = cfg.box.lengths();
  return cfg.dimension == 2 ? l.x * l.y : cfg.box.volume();
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
  if (cfg.dimension != 2 && cfg.dimension != 3) fail(fmt::format("dimension {} must be 2 or 3", cfg.dimension));
  if (cfg.dimension == 2) {
    // Planar: forces then have no z component, so z and v_z stay exactly as they are.
    const Particles& p = cfg.particles;
    const double z0 = p.position[0].z, tol = 1e-10 * cfg.box.lengths().z;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (std::abs(p.position[i].z - z0) > tol)
        fail(fmt::format("dimension = 2 needs every atom at the same z; atom {} has z = {} against {}", p.id[i],
                         p.position[i].z, z0));
      if (cfg.has_velocities && p.velocity[i].z != 0.0)
        fail(fmt::format("dimension = 2 needs zero z velocities; atom {} has vz = {}", p.id[i], p.velocity[i].z));
    }
  }
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
