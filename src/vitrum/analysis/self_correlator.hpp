// Multi-origin self correlations along one trajectory: F_s(q,t) and MSD per species, accumulated in blocks of origins.
#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "vitrum/core/vec3.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

struct SelfCorrelatorOptions {
  double q = 7.25;                 // |q| of F_s, isotropic average (sin(qr)/(qr) in 3D, J0(qr) in 2D)
  std::int64_t max_lag = 1000;     // longest lag [steps]
  std::int64_t origin_every = 100; // steps between time origins
  std::int64_t origins = 10;       // origins at steps 0, origin_every, ...; all of them reach max_lag
  int blocks = 5;                  // consecutive groups of origins, for the error bars
  int points_per_decade = 12;      // log-spaced lags in 1..max_lag (every step up to where spacing exceeds 1)
  int dimension = 3;
};

// Log-spaced lags in 1..max_lag: every step while the factor 10^(1/points_per_decade) is below one step, then
// geometric; always max_lag. Shared by SelfCorrelator and TwoTimeCorrelator.
[[nodiscard]] std::vector<std::int64_t> log_spaced_lags(std::int64_t max_lag, int points_per_decade);
// One particle's term of the isotropic F_s for a displacement of squared length r2: sin(qr)/(qr) in 3D, J0(qr) in 2D.
[[nodiscard]] double isotropic_self_term(double q, double r2, int dimension);
// Sums over particles the F_s term and the squared displacement from r0 to r into fs[0], msd[0] (all particles) and
// fs[t], msd[t] (type t, 1-based; fs and msd have one entry per group). Shared by SelfCorrelator and TwoTimeCorrelator.
void add_self_terms(double q, int dimension, const std::vector<Vec3>& r, const std::vector<Vec3>& r0,
                    const std::vector<int>& types, std::vector<double>& fs, std::vector<double>& msd);

// Curves: [block][lag][group], group 0 = all particles, g = type g (1-based types).
class SelfCorrelator {
 public:
  SelfCorrelator() = default;
  SelfCorrelator(const SelfCorrelatorOptions& opt, const std::vector<int>& types, int type_count);

  // The last step that any origin needs: (origins − 1)·origin_every + max_lag. Steps are counted from 0 (the first
  // origin) and the caller offers every step 0..last_step().
  [[nodiscard]] std::int64_t last_step() const { return (opt_.origins - 1) * opt_.origin_every + opt_.max_lag; }
  // Whether step k starts an origin or is a sampled lag of one: then call add() with the unwrapped positions.
  [[nodiscard]] bool due(std::int64_t k) const;
  void add(std::int64_t k, const std::vector<Vec3>& unwrapped);

  [[nodiscard]] const std::vector<std::int64_t>& lags() const { return lags_; }
  [[nodiscard]] int groups() const { return groups_; }
  [[nodiscard]] int blocks() const { return opt_.blocks; }
  // The block's curve (average over its origins) or, block < 0, the average over all origins.
  [[nodiscard]] std::vector<double> fs(int block, int group) const;
  [[nodiscard]] std::vector<double> msd(int block, int group) const;

  void checkpoint(Archive& ar);

 private:
  [[nodiscard]] std::vector<double> curve(const std::vector<double>& acc, int block, int group) const;
  [[nodiscard]] int block_of(std::int64_t origin) const;

  SelfCorrelatorOptions opt_;
  std::vector<int> types_;
  int groups_ = 1;
  std::vector<std::int64_t> lags_;
  std::vector<int> lag_index_;             // step lag → index in lags_, −1 if not sampled
  std::map<std::int64_t, std::vector<Vec3>> ref_;  // active origins' reference positions
  std::vector<double> fs_acc_, msd_acc_;  // [block][lag][group] sums over origins
  std::vector<double> count_;             // [block][lag] origins summed
  std::vector<double> group_size_;
};

}  // namespace vitrum
