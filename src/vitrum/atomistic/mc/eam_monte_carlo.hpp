// Monte Carlo for EAM alloys: translations and species swaps with a local energy change over cached densities.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "vitrum/atomistic/mc/cell_grid.hpp"
#include "vitrum/atomistic/mc/monte_carlo_chain.hpp"
#include "vitrum/atomistic/mc/semi_grand.hpp"
#include "vitrum/atomistic/potential/eam.hpp"

namespace vitrum {

// Every atom's electron density ρ_i is cached. A move changes only the atoms within r_c of the
// moved (or swapped) atoms: ΔE = Δ(pair terms of the moved atoms) + Σ_affected [F(ρ + Δρ) − F(ρ)],
// with Δρ from the moved atoms' pairs alone. A swap exchanges the species (type and mass) of two
// atoms of different types and keeps positions and velocities, so the Metropolis rule needs ΔU
// only (the kinetic energy m v²/2 changes with the mass: both velocities are rescaled by √(m_old/m_new)
// on acceptance, which keeps each atom's kinetic energy, as LAMMPS fix atom/swap does with `ke yes`).
class EamMonteCarlo final : public MonteCarloChain {
 public:
  EamMonteCarlo(EamPotential& u, Particles& p, const Box& box, std::uint32_t seed);

  // From now on the "swap" moves of sweep() are VC-SGC type changes (an atom drawn uniformly takes one
  // of the other species, drawn uniformly). Types need masses in `s.type_masses`.
  void set_semi_grand(VcSgcSettings s);
  [[nodiscard]] bool semi_grand() const { return vcsgc_.has_value(); }
  // N_t / N of every type t (index t−1).
  [[nodiscard]] std::vector<double> concentrations() const;

  // N attempted moves at temperature T (internal, k_B T): a swap with probability p_swap, else a translation.
  void sweep(std::uint64_t sweep_index, double temperature, double p_swap) override;
  // Exact energy and densities by a full sum (resets the running energy and the cache).
  double recompute_energy() override;
  [[nodiscard]] double energy() const override { return energy_; }
  // ΔE of moving atom i to (wrapped) r, and of swapping the species of i and j: the local sums.
  [[nodiscard]] double translation_delta(std::size_t i, const Vec3& r) const;
  [[nodiscard]] double swap_delta(std::size_t i, std::size_t j) const;
  void apply_translation(std::size_t i, const Vec3& r);
  void apply_swap(std::size_t i, std::size_t j);
  // ΔU of atom i becoming type b (VC-SGC), and the change itself.
  [[nodiscard]] double change_delta(std::size_t i, int b) const;
  void apply_change(std::size_t i, int b);
  // The ensemble's bias N Σ (φ c + κ k_BT (c − c̄)²) change when one atom goes from type a to b (VC-SGC).
  [[nodiscard]] double bias_delta(int a, int b, double temperature) const;

  [[nodiscard]] double max_displacement() const override { return delta_; }
  void set_max_displacement(double d) override { delta_ = d; }
  void adapt_step(double target) override;
  [[nodiscard]] const McCounters& counters() const override { return counters_; }
  void reset_counters() override { counters_ = {}; adapt_mark_ = {}; }
  [[nodiscard]] std::size_t particle_count() const override { return p_.size(); }
  // Step, running energy, counters and the density cache (so that a resumed chain repeats bit for bit).
  void checkpoint(Archive& ar) override;

 private:
  struct Neighbor {
    std::size_t j;
    double r;
  };
  // Atoms within the cut-off of position r (atom `skip` left out), with their distances.
  void neighbors_of(const Vec3& r, std::size_t skip, std::vector<Neighbor>& out) const;
  double translate_or_apply(std::size_t i, const Vec3& r, bool apply);
  double swap_or_apply(std::size_t i, std::size_t j, bool apply);
  double change_or_apply(std::size_t i, int b, bool apply);
  void count_types();

  EamPotential& u_;
  Particles& p_;
  Box box_;
  std::uint32_t seed_;
  CellGrid grid_;
  double cut_;
  double delta_ = 0.1;  // [Å]
  double energy_ = 0;
  std::vector<double> rho_;
  McCounters counters_, adapt_mark_;
  std::optional<VcSgcSettings> vcsgc_;
  std::vector<std::int64_t> type_counts_;  // index t−1
  // Scratch (mutable: the const ΔE queries share the apply paths' code).
  mutable std::vector<Neighbor> na_, nb_;
  mutable std::vector<std::size_t> touched_;
  mutable std::vector<double> drho_;
  mutable std::vector<char> mark_;
};

}  // namespace vitrum
