// The atomistic state every stage works on: configuration, potential and neighbour list, validated together.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "vitrum/atomistic/neighbor/neighbor_list.hpp"
#include "vitrum/atomistic/potential/external_field.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/atomistic/potential/potential_spec.hpp"
#include "vitrum/core/units.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

// Pairs closer than this fraction of σ_ij are overlaps: the energy (≈ 4·2^12 ε per pair for LJ) and
// forces would wreck any integrator or minimiser, so we stop with a clear error instead.
inline constexpr double kOverlapRatio = 0.5;
inline constexpr double kDefaultSkin = 0.3;

struct System {
  Configuration cfg;
  std::unique_ptr<Potential> potential;
  NeighborList list;
  std::string source;  // where the configuration came from, for error messages
  ForceResult last{};  // energy and virial of the last force evaluation
  // Whether compute_forces() must also evaluate energy and virial. The MD loop clears it for steps
  // whose thermodynamics nobody reads; integrators that need the virial (NPT) set it again.
  bool need_energy_virial = true;
  // The potential's units; masses in cfg are held internally as m·mvv2e (core/units.hpp).
  UnitSystem units;
  // Applied after the potential, in order (an indenter, then frozen atoms that zero what came before); empty but for
  // stages that install them for their own run (the indent stage).
  std::vector<std::shared_ptr<ExternalField>> external;

  // Updates the neighbour list if needed and recomputes forces (and energy and virial if needed).
  const ForceResult& compute_forces();
  [[nodiscard]] Particles& particles() { return cfg.particles; }
  [[nodiscard]] const Box& box() const { return cfg.box; }
  [[nodiscard]] std::size_t size() const { return cfg.particles.size(); }
  [[nodiscard]] int dimension() const { return cfg.dimension; }
  // Volume, or in 2D the area Lx·Ly (as LAMMPS's `vol`): what stresses and densities divide by.
  [[nodiscard]] double volume() const;
  // The configuration as files hold it: masses back in the user's units (g/mol in metal).
  [[nodiscard]] Configuration configuration_for_output() const;
  // The same state with its own copy of the potential (branching stages, inherent structures).
  [[nodiscard]] System copy() const;
  // Reorders the particles along the neighbour list's cells so that neighbours sit close in memory (as MD does at
  // every list build, and LAMMPS's atom_modify sort), then recomputes forces, energy and virial. Stages that compare
  // particles by index across their steps (AQS, D2min) call it once at their start and keep the order after.
  void sort_particles();
};

// A neighbour list for this potential: its cut-off, per-type-pair cut-offs, the given skin.
NeighborList make_neighbor_list(const Potential& potential, double skin);

// Checks the configuration against the model (types, diameters, NaN, box size, overlaps) and
// builds the first neighbour list. Every error names `source`. With a potential that names its
// elements, the configuration's types are mapped to them by element name (and renumbered), and its
// masses come from the potential file (as LAMMPS's pair_coeff sets them).
System make_system(Configuration cfg, const PotentialSpec& potential, const std::string& source,
                   double skin = kDefaultSkin);
// The same with a potential already built (units from the spec that made it).
System make_system(Configuration cfg, std::unique_ptr<Potential> potential, const UnitSystem& units,
                   const std::string& source, double skin = kDefaultSkin);
// Converts a configuration whose masses are in the user's units to internal ones (and back).
void masses_to_internal(Configuration& cfg, const UnitSystem& units);
void masses_to_user(Configuration& cfg, const UnitSystem& units);

}  // namespace vitrum
