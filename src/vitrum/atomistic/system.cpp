#include "vitrum/atomistic/system.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

const ForceResult& System::compute_forces() {
  list.update(cfg.particles, cfg.box);
  last = potential->compute(cfg.particles, cfg.box, list, need_energy_virial);
  for (const auto& field : external) field->apply(cfg.particles, cfg.box, last, need_energy_virial);
  return last;
}

void System::sort_particles() {
  const bool was = list.sorting();
  list.set_sorting(true);
  list.build(cfg.particles, cfg.box);
  list.set_sorting(was);
  const bool need = need_energy_virial;
  need_energy_virial = true;
  compute_forces();
  need_energy_virial = need;
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

Configuration System::configuration_for_output() const {
  Configuration c = cfg;
  masses_to_user(c, units);
  return c;
}

System System::copy() const {
  System s{cfg, potential->clone(), list, source, last};
  s.need_energy_virial = need_energy_virial;
  s.units = units;
  s.external = external;
  return s;
}

void masses_to_internal(Configuration& cfg, const UnitSystem& units) {
  if (units.mvv2e == 1.0) return;
  for (double& m : cfg.type_masses) m = units.mass_in(m);
  for (double& m : cfg.particles.mass) m = units.mass_in(m);
}

void masses_to_user(Configuration& cfg, const UnitSystem& units) {
  if (units.mvv2e == 1.0) return;
  for (double& m : cfg.type_masses) m = units.mass_out(m);
  for (double& m : cfg.particles.mass) m = units.mass_out(m);
}

namespace {

// Types of a configuration that names its elements → the potential's types, by name.
void map_types_to_elements(Configuration& cfg, const std::vector<std::string>& elements, const std::string& source,
                           const std::string& potential) {
  const int nt = static_cast<int>(cfg.type_elements.size());
  std::vector<int> to(static_cast<std::size_t>(nt) + 1, 0);
  bool identity = true;
  for (int t = 1; t <= nt; ++t) {
    const std::string& e = cfg.type_elements[static_cast<std::size_t>(t - 1)];
    if (e.empty()) {
      to[t] = t;  // unnamed type: by number, as LAMMPS does
      continue;
    }
    // Keep the number where it already names the same element; else the first type of that element.
    if (t <= static_cast<int>(elements.size()) && elements[static_cast<std::size_t>(t - 1)] == e) {
      to[t] = t;
      continue;
    }
    for (std::size_t k = 0; k < elements.size() && !to[t]; ++k)
      if (elements[k] == e) to[t] = static_cast<int>(k) + 1;
    if (!to[t])
      throw Error(fmt::format("{}: type {} is element {}, which potential '{}' does not have (it maps {})", source, t,
                              e, potential, fmt::join(elements, ", ")));
    identity = false;
  }
  if (identity && nt == static_cast<int>(elements.size())) return;
  Particles& p = cfg.particles;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p.type[i] >= 1 && p.type[i] <= nt) p.type[i] = to[p.type[i]];
  cfg.type_count = static_cast<int>(elements.size());
  cfg.type_elements = elements;
}

}  // namespace

System make_system(Configuration cfg, const PotentialSpec& spec, const std::string& source, double skin) {
  std::unique_ptr<Potential> potential;
  try {
    potential = make_potential(spec);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", source, e.what()));
  }
  return make_system(std::move(cfg), std::move(potential), spec.units(), source, skin);
}

System make_system(Configuration cfg, std::unique_ptr<Potential> potential, const UnitSystem& units,
                   const std::string& source, double skin) {
  auto fail = [&](const std::string& what) { throw Error(fmt::format("{}: {}", source, what)); };
  const std::vector<std::string> elements = potential->type_elements();
  if (!elements.empty()) {
    if (!cfg.type_elements.empty()) map_types_to_elements(cfg, elements, source, std::string(potential->name()));
    const int nt = static_cast<int>(elements.size());
    if (cfg.type_count > nt)
      fail(fmt::format("the configuration has {} atom types, but potential '{}' maps only {} ({})", cfg.type_count,
                       potential->name(), nt, fmt::join(elements, ", ")));
    cfg.type_elements = elements;
    cfg.type_count = nt;
    // Masses come from the potential file, as LAMMPS's pair_coeff sets them (a potential without masses,
    // lj/cut of elements, keeps the configuration's).
    if (std::vector<double> masses = potential->type_masses(); !masses.empty()) cfg.type_masses = std::move(masses);
    if (cfg.type_masses.size() != static_cast<std::size_t>(nt))
      fail(fmt::format("potential '{}' gives no masses and the configuration has none for its {} types: give masses = "
                       "[...] (g/mol) with the potential", potential->name(), nt));
    Particles& p = cfg.particles;
    p.mass.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p.type[i] >= 1 && p.type[i] <= nt) p.mass[i] = cfg.type_masses[static_cast<std::size_t>(p.type[i] - 1)];
  }
  try {
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
    if (!potential->pairwise()) fail(fmt::format("dimension = 2 is for pair models; '{}' is many-body", potential->name()));
  }
  masses_to_internal(cfg, units);
  System s{std::move(cfg), std::move(potential), NeighborList(1.0, skin), source, {}};
  s.units = units;
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
