#include "vitrum/atomistic/mc/parallel_tempering.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

namespace {

McCounters operator-(const McCounters& a, const McCounters& b) {
  return {a.translation_attempts - b.translation_attempts, a.translation_accepts - b.translation_accepts,
          a.swap_attempts - b.swap_attempts, a.swap_accepts - b.swap_accepts};
}

void add(McCounters& a, const McCounters& b) {
  a.translation_attempts += b.translation_attempts;
  a.translation_accepts += b.translation_accepts;
  a.swap_attempts += b.swap_attempts;
  a.swap_accepts += b.swap_accepts;
}

}  // namespace

ParallelTempering::ParallelTempering(const Potential& u, const Configuration& start, SwapRule rule,
                                     std::vector<double> temperatures, std::uint32_t seed, double max_displacement)
    : temperatures_(std::move(temperatures)), seed_(seed) {
  const std::size_t R = temperatures_.size();
  if (R < 2) throw Error("parallel tempering needs at least two temperatures");
  for (std::size_t k = 0; k < R; ++k) {
    if (!(temperatures_[k] > 0)) throw Error("parallel tempering: temperatures must be positive");
    if (k > 0 && !(temperatures_[k] > temperatures_[k - 1]))
      throw Error("parallel tempering: temperatures must be strictly increasing");
  }
  for (std::size_t r = 0; r < R; ++r) {
    auto rep = std::make_unique<Replica>();
    rep->cfg = start;
    rep->cfg.has_velocities = false;
    rep->mc = std::make_unique<SwapMonteCarlo>(u, rep->cfg.particles, rep->cfg.box, rule, seed, rep->cfg.dimension);
    replicas_.push_back(std::move(rep));
    replica_at_.push_back(static_cast<int>(r));
  }
  delta_.assign(R, max_displacement);
  samples_.assign(R, {});
  moves_.assign(R, {});
  attempts_.assign(R - 1, 0);
  accepts_.assign(R - 1, 0);
  update_headings();
}

void ParallelTempering::run_block(std::int64_t first_sweep, std::int64_t sweeps, double p_swap, bool adapt,
                                  double target, std::int64_t sample_every) {
  const auto R = static_cast<std::int64_t>(size());
  std::vector<std::vector<double>> block_samples(size());
  std::vector<McCounters> block_moves(size());
  // Each temperature slot's chain runs alone on its thread; slot k owns block_samples[k], block_moves[k], delta_[k].
  int threads = std::min(omp_get_max_threads(), static_cast<int>(R));
  // An error in a replica (e.g. a potential without a swap move) is rethrown here: thrown out of the OpenMP region
  // it called std::terminate().
  std::vector<std::exception_ptr> failure(size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t k = 0; k < R; ++k) {
    try {
      const int r = replica_at_[static_cast<std::size_t>(k)];
      SwapMonteCarlo& mc = *replicas_[static_cast<std::size_t>(r)]->mc;
      const double T = temperatures_[static_cast<std::size_t>(k)];
      const double n = static_cast<double>(replicas_[static_cast<std::size_t>(r)]->cfg.particles.size());
      mc.set_max_displacement(delta_[static_cast<std::size_t>(k)]);
      const McCounters before = mc.counters();
      for (std::int64_t s = first_sweep; s < first_sweep + sweeps; ++s) {
        // Sweep numbers interleave the replicas, so no two chains ever draw the same random numbers.
        mc.sweep(static_cast<std::uint64_t>(s * R + r), T, p_swap);
        if (adapt && (s + 1) % 10 == 0) mc.adapt_step(target);
        if (sample_every > 0 && (s + 1) % sample_every == 0) block_samples[static_cast<std::size_t>(k)].push_back(mc.energy() / n);
      }
      block_moves[static_cast<std::size_t>(k)] = mc.counters() - before;
      delta_[static_cast<std::size_t>(k)] = mc.max_displacement();
    } catch (...) {
      failure[static_cast<std::size_t>(k)] = std::current_exception();
    }
  }
  for (const auto& e : failure)
    if (e) std::rethrow_exception(e);
  for (std::size_t k = 0; k < size(); ++k) {
    samples_[k].insert(samples_[k].end(), block_samples[k].begin(), block_samples[k].end());
    add(moves_[k], block_moves[k]);
  }
}

void ParallelTempering::exchange(std::uint64_t round) {
  for (std::size_t k = round % 2; k + 1 < size(); k += 2) {
    SwapMonteCarlo& lo = *replicas_[replica_at_[k]]->mc;
    SwapMonteCarlo& hi = *replicas_[replica_at_[k + 1]]->mc;
    const double x = (1.0 / temperatures_[k] - 1.0 / temperatures_[k + 1]) * (lo.energy() - hi.energy());
    ++attempts_[k];
    Rng rng(Stream::ReplicaExchange, seed_, round, k);
    if (x >= 0 || rng.uniform() < std::exp(x)) {
      ++accepts_[k];
      std::swap(replica_at_[k], replica_at_[k + 1]);
    }
  }
  update_headings();
}

void ParallelTempering::update_headings() {
  Replica& bottom = *replicas_[replica_at_.front()];
  if (bottom.heading == -1) ++round_trips_;
  bottom.heading = +1;
  replicas_[replica_at_.back()]->heading = -1;
}

void ParallelTempering::reset_statistics() {
  for (auto& s : samples_) s.clear();
  moves_.assign(size(), {});
  attempts_.assign(size() - 1, 0);
  accepts_.assign(size() - 1, 0);
  round_trips_ = 0;
}

void ParallelTempering::checkpoint(Archive& ar) {
  std::uint64_t R = size();
  ar(R);
  if (R != size()) throw Error(fmt::format("parallel tempering checkpoint holds {} replicas, the recipe {}", R, size()));
  for (auto& rep : replicas_) {
    Particles& p = rep->cfg.particles;
    ar(p.position);
    ar(p.image);
    ar(p.type);
    ar(p.diameter);
    ar(p.mass);
    ar(rep->heading);
    if (ar.reading()) {
      // The chain indexes species and the cell list at construction: rebuild it on the restored particles.
      rep->mc = std::make_unique<SwapMonteCarlo>(rep->mc->potential(), p, rep->cfg.box, rep->mc->rule(), seed_,
                                                 rep->cfg.dimension);
    }
    rep->mc->checkpoint(ar);
  }
  ar(replica_at_);
  ar(delta_);
  for (auto& s : samples_) ar(s);
  ar(moves_);
  ar(attempts_);
  ar(accepts_);
  ar(round_trips_);
}

}  // namespace vitrum
