// Parallel tempering (replica exchange): one swap Monte Carlo chain per temperature of a ladder, exchanges between neighbours.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {

// R replicas at R temperatures (ascending). Each block, every replica makes `sweeps` sweeps at its
// current temperature (replicas in OpenMP threads, each chain serial); then neighbouring temperatures
// try to exchange their replicas with probability min(1, exp[(β_k − β_{k+1})(U_k − U_{k+1})])
// (Swendsen & Wang 1986; Earl & Deem, PCCP 7, 3910 (2005)), pairs (k, k+1) with k even on even rounds
// and odd on odd rounds. Every random number is keyed by (seed, sweep, replica) or (seed, round, pair),
// so the result does not depend on the thread count.
class ParallelTempering {
 public:
  ParallelTempering(const Potential& u, const Configuration& start, SwapRule rule, std::vector<double> temperatures,
                    std::uint32_t seed, double max_displacement);

  // Every replica makes `sweeps` sweeps, numbered from `first_sweep`. With `adapt`, each temperature's
  // translation step is tuned towards `target` acceptance (equilibration only). With `sample_every` > 0,
  // the energy of each temperature's replica is recorded after every sweep s with (s + 1) % sample_every == 0.
  void run_block(std::int64_t first_sweep, std::int64_t sweeps, double p_swap, bool adapt, double target,
                 std::int64_t sample_every);
  // One exchange round between neighbouring temperatures.
  void exchange(std::uint64_t round);
  // Clears samples, move and exchange counters (call when equilibration ends).
  void reset_statistics();

  [[nodiscard]] std::size_t size() const { return temperatures_.size(); }
  [[nodiscard]] const std::vector<double>& temperatures() const { return temperatures_; }
  // The configuration now at temperature index k.
  [[nodiscard]] const Configuration& configuration_at(std::size_t k) const { return replicas_[replica_at_[k]]->cfg; }
  [[nodiscard]] SwapMonteCarlo& chain_at(std::size_t k) { return *replicas_[replica_at_[k]]->mc; }
  [[nodiscard]] const std::vector<double>& samples_at(std::size_t k) const { return samples_[k]; }
  [[nodiscard]] const McCounters& moves_at(std::size_t k) const { return moves_[k]; }
  [[nodiscard]] double max_displacement_at(std::size_t k) const { return delta_[k]; }
  // Exchanges tried and accepted between temperatures k and k+1.
  [[nodiscard]] std::int64_t exchange_attempts(std::size_t k) const { return attempts_[k]; }
  [[nodiscard]] std::int64_t exchange_accepts(std::size_t k) const { return accepts_[k]; }
  // Completed round trips (lowest → highest → lowest temperature), summed over replicas.
  [[nodiscard]] std::int64_t round_trips() const { return round_trips_; }
  [[nodiscard]] const std::vector<int>& replica_at() const { return replica_at_; }

  void checkpoint(Archive& ar);

 private:
  struct Replica {
    Configuration cfg;
    std::unique_ptr<SwapMonteCarlo> mc;
    int heading = 0;  // +1: last visited the lowest temperature, −1: the highest, 0: neither yet
  };
  void update_headings();

  std::vector<double> temperatures_;
  std::uint32_t seed_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  std::vector<int> replica_at_;           // replica_at_[k]: the replica at temperature k
  std::vector<double> delta_;             // translation step of each temperature
  std::vector<std::vector<double>> samples_;  // per temperature: total energy / N
  std::vector<McCounters> moves_;         // per temperature
  std::vector<std::int64_t> attempts_, accepts_;
  std::int64_t round_trips_ = 0;
};

}  // namespace vitrum
