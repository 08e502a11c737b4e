// KimPotential when vitrum is built without the KIM API: style "kim" then stops with one clear message.
#include <fmt/format.h>

#include "vitrum/atomistic/potential/kim_potential.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

struct KimPotential::Impl {};

namespace {
[[noreturn]] void unavailable() {
  throw Error("this vitrum was built without the KIM API: install libkim-api-dev and openkim-models "
              "(scripts/install-deps) and configure again");
}
}  // namespace

KimPotential::KimPotential(std::string model, std::vector<std::string> elements, std::filesystem::path model_dir,
                           KimUnitRequest units)
    : KimPotential(std::move(model), std::move(elements), std::move(model_dir), std::move(units), true) {}
KimPotential::KimPotential(std::string, std::vector<std::string>, std::filesystem::path, KimUnitRequest, bool) {
  unavailable();
}
KimPotential::KimPotential(const KimPotential&, int) { unavailable(); }
KimPotential::~KimPotential() = default;
void KimPotential::probe_sigma() {}
std::unique_ptr<Potential> KimPotential::clone() const { unavailable(); }
std::vector<double> KimPotential::type_masses() const { return {}; }
std::vector<double> KimPotential::type_cutoffs() const { return {}; }
void KimPotential::check(const Particles&) const {}
ForceResult KimPotential::compute(Particles&, const Box&, const NeighborList&, bool) { unavailable(); }
std::vector<double> KimPotential::per_atom_energies(Particles&, const Box&, const NeighborList&) { unavailable(); }
double KimPotential::pair_sigma(const Particles&, std::size_t, std::size_t) const { return 1.0; }
bool KimPotential::computes_virial() const { return false; }
bool KimPotential::computes_particle_energy() const { return false; }
std::size_t KimPotential::ghost_count() const { return 0; }
bool kim_available() { return false; }
std::vector<KimModelInfo> installed_kim_models() { unavailable(); }

}  // namespace vitrum
