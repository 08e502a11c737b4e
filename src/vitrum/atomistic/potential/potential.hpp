// The force-field interface every model implements: energy, forces and the full virial on a configuration.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/atomistic/neighbor/neighbor_list.hpp"
#include "vitrum/atomistic/potential/cell_block.hpp"
#include "vitrum/core/box.hpp"
#include "vitrum/core/particles.hpp"

namespace vitrum {

struct PairTerm {
  double force_divr;  // −(dv/dr)/r
  double energy;      // v(r), shifted as the model prescribes
};

struct ForceResult {
  double energy = 0;  // total potential energy [energy]
  Sym6 virial{};      // W_ab = Σ_pairs r_a f_b (xx yy zz xy xz yz) [energy]; pressure tensor part = W/V
};

// The closest pair relative to its interaction size (r / σ_ij), for overlap checks and `inspect`.
struct ClosestPair {
  double distance = 0;          // r [length]
  double reduced_distance = 0;  // r / σ_ij
  std::int64_t id_i = -1, id_j = -1;
};

class Potential {
 public:
  virtual ~Potential() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual double cutoff() const = 0;  // largest pair cut-off [length]
  [[nodiscard]] virtual int type_count() const = 0;
  [[nodiscard]] virtual bool needs_diameter() const = 0;
  // Pair models answer the pair queries below; many-body models (EAM) do not, and the stages that
  // need pair terms (swap Monte Carlo, Hessians) refuse them by name (require_pairwise).
  [[nodiscard]] virtual bool pairwise() const { return true; }
  // An independent copy with its own work arrays (states that branch off the running one).
  [[nodiscard]] virtual std::unique_ptr<Potential> clone() const = 0;
  // Chemical element of each type (index t-1) where the model knows them (EAM files); else empty.
  [[nodiscard]] virtual std::vector<std::string> type_elements() const { return {}; }
  // Mass of each type (index t-1) where the model defines them (EAM files, g/mol); else empty.
  [[nodiscard]] virtual std::vector<double> type_masses() const { return {}; }
  // Cut-off of each type pair (row-major, type_count()² entries) for the neighbour list.
  [[nodiscard]] virtual std::vector<double> type_cutoffs() const = 0;
  // Throws Error if the particles do not fit the model (type range, missing diameters, NaN).
  virtual void check(const Particles& p) const = 0;
  // Overwrites p.force; the list must be current (NeighborList::update) for these positions.
  // With energy_and_virial = false only forces are computed (the result is left zero): MD steps
  // that print nothing skip that work, as LAMMPS does with eflag/vflag.
  virtual ForceResult compute(Particles& p, const Box& box, const NeighborList& list, bool energy_and_virial = true) = 0;
  // Energy of each atom (LAMMPS compute pe/atom: pair terms split evenly, embedding energy to its atom);
  // sums to compute()'s energy. Also overwrites p.force.
  virtual std::vector<double> per_atom_energies(Particles& p, const Box& box, const NeighborList& list) = 0;
  // Virial of each atom, W_i = ½ Σ_j r_ij ⊗ f_ij (xx yy zz xy xz yz; LAMMPS compute stress/atom without the
  // kinetic part, times −V); sums to compute()'s virial. Pair models by pair_term(), EAM by its own passes; other
  // many-body models refuse by name. Also overwrites p.force.
  virtual std::vector<Sym6> per_atom_virials(Particles& p, const Box& box, const NeighborList& list);
  // σ_ij of the pair (i, j): the length that scales their interaction [length].
  [[nodiscard]] virtual double pair_sigma(const Particles& p, std::size_t i, std::size_t j) const = 0;
  // One pair's term at squared distance rsq (zero beyond its cut-off): for Monte Carlo and tests.
  [[nodiscard]] virtual PairTerm pair_term(const Particles& p, std::size_t i, std::size_t j, double rsq) const;
  // Monte Carlo's local energies over one cell of candidates (cell_block.hpp), `self` (the moving particle's index)
  // skipped, added in the block's order. e plus the pair energies of a particle of identity `id` placed at r:
  [[nodiscard]] virtual double add_pair_energies(const CellBlock& b, std::size_t self, const Identity& id, const Vec3& r,
                                                 double e) const;
  // de plus Σ_k [v(|to − x_k|) − v(|from − x_k|)]: the energy change of moving particle `self` when one scan serves
  // both positions (a translation that stays in its cell).
  [[nodiscard]] virtual double add_move_energy_changes(const CellBlock& b, std::size_t self, const Identity& id,
                                                       const Vec3& from, const Vec3& to, double de) const;
  // de plus Σ_k [v_then(r_k) − v_now(r_k)] over the candidates other than `self` and `other`: half of the energy change
  // of exchanging the identities of self (now `now`, at r) and other (`then`); the pair (self, other) is unchanged.
  [[nodiscard]] virtual double add_identity_change_energies(const CellBlock& b, std::size_t self, std::size_t other,
                                                            const Identity& now, const Identity& then, const Vec3& r,
                                                            double de) const;
  // The pair's d²v/dr² at squared distance rsq (zero beyond its cut-off): Hessians, elastic constants.
  [[nodiscard]] virtual double pair_d2v_dr2(const Particles& p, std::size_t i, std::size_t j, double rsq) const;
  // The closest listed pair, absolute and relative to pair_sigma() (one implementation for every model).
  [[nodiscard]] ClosestPair closest_pair(const Particles& p, const Box& box, const NeighborList& list) const;
};

// Throws Error unless `u` is a pair model: "<what> needs a pairwise potential; '<name>' is many-body".
void require_pairwise(const Potential& u, std::string_view what);

}  // namespace vitrum
