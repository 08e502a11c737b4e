// OpenKIM portable models (EAM, SNAP, neural networks, ...) run through the KIM API as a many-body Potential.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/potential.hpp"

namespace vitrum {

// The units vitrum asks the model to work in. Metal (Å, eV) is what vitrum computes in; tests ask for
// others (nm, kcal/mol, ...) to exercise the conversion that runs when a model refuses metal units.
struct KimUnitRequest {
  std::string length = "A";   // KIM LengthUnit name: A, Bohr, cm, m, nm
  std::string energy = "eV";  // KIM EnergyUnit name: amu_A2_per_ps2, erg, eV, Hartree, J, kcal_mol
};

// A KIM portable model as a many-body potential in metal units (eV, Å), through the KIM API's
// simulator interface. The periodic (tilted) box is handled with non-contributing ghost images of the
// atoms within the model's influence distance of the faces; every compute builds their full neighbour
// lists (one per model cut-off) itself, so the NeighborList argument is only used by closest_pair();
// forces on ghosts are folded back onto their owners.
class KimPotential final : public Potential {
 public:
  // Loads `model` for elements[t-1] = element of type t (empty: the model's species in the order of
  // its species codes). With `model_dir`, the model is looked up there first: either the model's own
  // directory (holding libkim-api-portable-model.so; its name is then the model name) or a directory
  // of such model directories (KIM's environment-variable collection).
  KimPotential(std::string model, std::vector<std::string> elements, std::filesystem::path model_dir = {},
               KimUnitRequest units = {});
  ~KimPotential() override;
  KimPotential(const KimPotential&) = delete;
  KimPotential& operator=(const KimPotential&) = delete;

  [[nodiscard]] std::string_view name() const override { return name_; }
  // The largest neighbour-list cut-off (the pairs that interact directly); ghosts reach influence_distance().
  [[nodiscard]] double cutoff() const override { return cutoff_; }
  [[nodiscard]] double influence_distance() const { return influence_; }
  [[nodiscard]] int type_count() const override { return static_cast<int>(elements_.size()); }
  [[nodiscard]] bool needs_diameter() const override { return false; }
  [[nodiscard]] bool pairwise() const override { return false; }
  [[nodiscard]] std::unique_ptr<Potential> clone() const override;
  [[nodiscard]] std::vector<std::string> type_elements() const override { return elements_; }
  // Standard atomic weights (g/mol): a KIM model carries no masses.
  [[nodiscard]] std::vector<double> type_masses() const override;
  [[nodiscard]] std::vector<double> type_cutoffs() const override;
  void check(const Particles& p) const override;
  ForceResult compute(Particles& p, const Box& box, const NeighborList& list, bool energy_and_virial = true) override;
  // The model's partialParticleEnergy; an Error naming the model where it does not compute them.
  std::vector<double> per_atom_energies(Particles& p, const Box& box, const NeighborList& list) override;
  [[nodiscard]] double pair_sigma(const Particles& p, std::size_t i, std::size_t j) const override;

  [[nodiscard]] const std::string& model() const { return model_; }
  // The shared library the KIM API loaded and the collection it came from ("system", "environmentVariable", ...).
  [[nodiscard]] const std::string& library() const { return library_; }
  [[nodiscard]] const std::string& collection() const { return collection_; }
  // Whether the model accepted the requested units (else vitrum converts its results).
  [[nodiscard]] bool units_accepted() const { return units_accepted_; }
  [[nodiscard]] bool computes_virial() const;
  [[nodiscard]] bool computes_particle_energy() const;
  // Ghost images of the last compute (for tests).
  [[nodiscard]] std::size_t ghost_count() const;

 private:
  struct Impl;
  KimPotential(std::string model, std::vector<std::string> elements, std::filesystem::path model_dir,
               KimUnitRequest units, bool probe);
  KimPotential(const KimPotential& other, int);  // clone: a fresh model, the probed σ table copied
  void probe_sigma();

  std::string model_;
  std::vector<std::string> elements_;
  std::filesystem::path model_dir_;
  KimUnitRequest request_;
  std::string name_, library_, collection_;
  bool units_accepted_ = true;
  double influence_ = 0;       // [Å]
  double cutoff_ = 0;          // [Å]
  std::vector<double> sigma_;  // (ntypes+1)²: the length scale of overlap checks [Å]
  std::unique_ptr<Impl> impl_;
};

// Whether vitrum was built with the KIM API.
bool kim_available();

// One installed KIM item, as `vitrum potentials --kim` lists it.
struct KimModelInfo {
  std::string name;
  std::string collection;  // system, user, environmentVariable, currentWorkingDirectory
  std::string library;     // the shared library file
};
// The portable models every KIM collection holds (simulator models, which only LAMMPS runs, are left out).
std::vector<KimModelInfo> installed_kim_models();

}  // namespace vitrum
