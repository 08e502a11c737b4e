// An external contribution to the forces (an indenter, frozen atoms) that System::compute_forces applies after the
// potential, so that every minimiser and integrator sees one consistent energy and force field.
#pragma once
#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum {

class ExternalField {
 public:
  virtual ~ExternalField() = default;
  // Adds its forces to p.force (which holds the potential's), and with energy_and_virial its energy to r.energy.
  // External fields leave the virial alone: it stays the interatomic one (an external body has no periodic virial).
  virtual void apply(Particles& p, const Box& box, ForceResult& r, bool energy_and_virial) = 0;
};

}  // namespace vitrum
