// Local-energy Monte Carlo in the NVT ensemble: translations and swap moves (diameters or species), through a cell list.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vitrum/atomistic/mc/cell_grid.hpp"
#include "vitrum/atomistic/mc/monte_carlo_chain.hpp"
#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

// What a swap move exchanges. Diameters: any two particles of a polydisperse model (Ninarello et
// al. 2017). Species: a particle of the pivot type with one of another type (KA2: C↔A and C↔B,
// Parmar et al. 2020); the two exchange type, mass and velocity, i.e. everything but their position,
// so the kinetic energy is unchanged and the Metropolis rule needs only ΔU.
struct SwapRule {
  enum class Kind { None, Diameters, Species } kind = Kind::None;
  int pivot_type = 0;  // Species: the type that swaps with every other type
};
// The swap rule of a model by its registry name; None for models without one.
SwapRule swap_rule_for(std::string_view model);

// A Monte Carlo chain for pair potentials (its state: the particles, the step size, the counters and
// the running energy).
class SwapMonteCarlo final : public MonteCarloChain {
 public:
  // dimension 2: translations stay in the plane (a planar configuration, Configuration::dimension).
  SwapMonteCarlo(const Potential& u, Particles& p, const Box& box, SwapRule rule, std::uint32_t seed, int dimension = 3);

  // N attempted moves at temperature T: a swap with probability p_swap, otherwise a translation.
  // Wraps the positions and rebuilds the cell list first, so a chain resumed between sweeps
  // repeats the uninterrupted one bit for bit.
  void sweep(std::uint64_t sweep_index, double temperature, double p_swap) override;

  // Exact total potential energy by a full sum through the cells (also resets the running one).
  double recompute_energy() override;
  [[nodiscard]] double energy() const override { return energy_; }
  // Energy of particle i with all others, as if it sat at (wrapped) position r.
  [[nodiscard]] double particle_energy(std::size_t i, const Vec3& r) const;

  [[nodiscard]] double max_displacement() const override { return delta_; }
  void set_max_displacement(double d) override { delta_ = d; }
  void adapt_step(double target) override;

  [[nodiscard]] const McCounters& counters() const override { return counters_; }
  void reset_counters() override { counters_ = {}; adapt_mark_ = {}; }
  [[nodiscard]] const SwapRule& rule() const { return rule_; }
  [[nodiscard]] const Potential& potential() const { return u_; }
  [[nodiscard]] std::size_t particle_count() const override { return p_.size(); }

  void checkpoint(Archive& ar) override;

 private:
  void translation_move(std::uint64_t sweep, std::uint64_t move, double beta);
  void swap_move(std::uint64_t sweep, std::uint64_t move, double beta);
  void exchange(std::size_t i, std::size_t j);
  void index_species();

  const Potential& u_;
  Particles& p_;
  Box box_;
  SwapRule rule_;
  std::uint32_t seed_;
  CellGrid grid_;
  double cutoff_sq_;
  double delta_ = 0.1;
  double z_move_ = 1.0;  // 0 in 2D
  double energy_ = 0;
  McCounters counters_, adapt_mark_;
  std::vector<std::size_t> pivots_, others_;  // Species: particles of the pivot type and the rest
};

}  // namespace vitrum
