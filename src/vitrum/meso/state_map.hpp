// The data-driven stochastic map of SEEP (Xu et al., arXiv 2410.00760): a glass's state is a point in
// (shear stress, inelastic energy per particle); one strain step moves it by an increment drawn from those that
// atomistic shear histories took from nearby states (docs/seep.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "vitrum/core/rng.hpp"
#include "vitrum/meso/shear_history.hpp"

namespace vitrum::meso {

struct State {
  double stress = 0;  // shear stress
  double energy = 0;  // inelastic energy per particle: potential energy minus the elastic part stress^2 / (2 G rho)
};

// The elastic energy per particle of a homogeneous shear stress s: s^2 / (2 G rho), times `energy_per_pressure_volume`
// (1 in reduced units; 1 / nktv2p = eV per bar A^3 in metal units).
struct ElasticEnergy {
  double shear_modulus = 1;
  double density = 1;
  double energy_per_pressure_volume = 1;
  [[nodiscard]] double operator()(double stress) const {
    return stress * stress / (2 * shear_modulus * density) * energy_per_pressure_volume;
  }
};

struct StateMapOptions {
  int stress_bins = 20;
  int energy_bins = 20;
  // A bin with fewer harvested transitions than this draws from the bins around it too (the square of bins
  // within the smallest Chebyshev radius that holds enough); a state outside the harvested range uses the nearest bin.
  std::size_t min_transitions = 20;
};

// The state after each step of a history.
std::vector<State> history_states(const ShearHistory& h, const ElasticEnergy& elastic);

class StateMap {
 public:
  // Harvests every step (state k -> state k + 1) of every history; all must share one strain step.
  StateMap(const std::vector<ShearHistory>& histories, const ElasticEnergy& elastic, const StateMapOptions& options);

  struct Step {
    State next;
    int radius = 0;        // Chebyshev radius (in bins) of the pool drawn from; 0: the state's own bin
    bool outside = false;  // the state lay outside the harvested range
  };
  // One strain step from `s`: s plus one increment drawn uniformly from the pool of s's bin.
  [[nodiscard]] Step step(const State& s, Rng& rng) const;

  [[nodiscard]] double dgamma() const { return dgamma_; }
  [[nodiscard]] std::size_t transitions() const { return increments_.size(); }
  [[nodiscard]] int stress_bins() const { return ns_; }
  [[nodiscard]] int energy_bins() const { return ne_; }
  [[nodiscard]] State lower() const { return lo_; }
  [[nodiscard]] State upper() const { return hi_; }
  // Per bin (index i_stress * energy_bins + i_energy): the transitions harvested in it, and its pool's radius.
  [[nodiscard]] std::size_t count(int is, int ie) const { return own_[static_cast<std::size_t>(is * ne_ + ie)].size(); }
  [[nodiscard]] int radius(int is, int ie) const { return radius_[static_cast<std::size_t>(is * ne_ + ie)]; }
  // Mean increment and the fraction of stress drops among a bin's own transitions (zero for an empty bin).
  [[nodiscard]] State mean_increment(int is, int ie) const;
  [[nodiscard]] double drop_fraction(int is, int ie) const;

 private:
  [[nodiscard]] std::size_t bin_of(const State& s, bool& outside) const;

  double dgamma_ = 0;
  int ns_ = 0, ne_ = 0;
  State lo_, hi_;
  double ws_ = 1, we_ = 1;                           // bin widths
  std::vector<State> increments_;                    // (d stress, d energy) of every harvested step
  std::vector<std::vector<std::uint32_t>> own_;      // per bin: its own transitions
  std::vector<std::vector<std::uint32_t>> pool_;     // per bin: what a state in it draws from
  std::vector<int> radius_;
};

}  // namespace vitrum::meso
