// vitrum.Potential's C++ side: the spec a recipe would give, the built model, and how to pair it with a System.
#pragma once
#include <memory>
#include <string>

#include "vitrum/atomistic/potential/potential_spec.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::python {

struct PotentialHandle {
  PotentialSpec spec;
  std::shared_ptr<const Potential> prototype;  // built once (files read, checked); cloned for each evaluation
  double skin = kDefaultSkin;

  // The configuration with this potential, validated as `vitrum run` validates it (types, overlaps, box size), its
  // forces, energy and virial computed. Masses inside are in internal units (System::units).
  [[nodiscard]] System bind(const Configuration& c) const {
    return make_system(c, prototype->clone(), spec.units(), "vitrum.System", skin);
  }
};

}  // namespace vitrum::python
