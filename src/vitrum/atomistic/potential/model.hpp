// The registry of glass-former models: recipe name → potential, composition, masses, density, sizes.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

// One entry per model (LAMMPS's style map without macros): a new model is one new file that
// defines a ModelSpec-returning function, plus one line in registry.cpp.
struct ModelSpec {
  std::string name;                    // the recipe / CLI name, e.g. "kob-andersen"
  std::string summary;                 // one line for `vitrum potentials` and the README
  std::string reference;               // where the parameters come from
  std::vector<double> type_fractions;  // default composition, types 1..n
  std::vector<double> type_masses;     // [mass]
  double density = 1.0;                // default number density [length^-3]
  std::function<std::unique_ptr<Potential>()> make;
  // Only for models with per-particle sizes: the diameter at quantile u in [0, 1) of the model's distribution
  // (its inverse CDF; a uniform u draws one diameter, evenly spaced u give a stratified sample).
  std::function<double(double)> diameter_quantile;
};

// How a Lennard-Jones model is truncated at r_c: energy-shifted as the papers define them, or also
// force-shifted (registered under the name + "-fs"), which conserves energy in NVE.
enum class Truncation { energy_shift, force_shift };

ModelSpec kob_andersen_model(Truncation truncation);
ModelSpec ka2_model(Truncation truncation);
ModelSpec wahnstrom_model(Truncation truncation);
ModelSpec polydisperse_soft_spheres_model();

const std::vector<ModelSpec>& models();
// Throws Error naming the unknown model and listing the known ones.
const ModelSpec& find_model(std::string_view name);
inline std::unique_ptr<Potential> make_potential(std::string_view name) { return find_model(name).make(); }

}  // namespace vitrum
