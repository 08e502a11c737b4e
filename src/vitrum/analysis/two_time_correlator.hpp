// Two-time self correlations of an aging system: F_s(q; t_w, t_w + t) and the MSD from fixed waiting times t_w.
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/core/vec3.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

struct TwoTimeCorrelatorOptions {
  double q = 7.25;                      // |q| of F_s, isotropic average (sin(qr)/(qr) in 3D, J0(qr) in 2D)
  std::vector<std::int64_t> origins;    // the waiting times t_w [steps], each its own reference state; >= 0
  std::int64_t max_lag = 1000;          // longest lag t [steps]
  int points_per_decade = 12;           // log-spaced lags in 1..max_lag (log_spaced_lags), plus lag 0
  int dimension = 3;
};

// Unlike SelfCorrelator, nothing is averaged over origins: a system that ages is not stationary, so every waiting
// time keeps its own curve. Curves are [origin][lag][group], group 0 = all particles, g = type g (1-based types).
class TwoTimeCorrelator {
 public:
  TwoTimeCorrelator() = default;
  TwoTimeCorrelator(const TwoTimeCorrelatorOptions& opt, const std::vector<int>& types, int type_count);

  // The last step any waiting time needs: max(t_w) + max_lag. The caller offers steps 0..last_step() in order.
  [[nodiscard]] std::int64_t last_step() const;
  // Whether step k is a waiting time or a sampled lag of one: then call add() with the unwrapped positions.
  [[nodiscard]] bool due(std::int64_t k) const;
  void add(std::int64_t k, const std::vector<Vec3>& unwrapped);

  // Lags in steps, starting with 0 (where F_s = 1 and the MSD = 0 by construction).
  [[nodiscard]] const std::vector<std::int64_t>& lags() const { return lags_; }
  [[nodiscard]] const std::vector<std::int64_t>& origins() const { return opt_.origins; }
  [[nodiscard]] int groups() const { return groups_; }
  // The curve of waiting time `origin` (an index into origins()); NaN at lags not reached yet.
  [[nodiscard]] std::vector<double> fs(std::size_t origin, int group) const;
  [[nodiscard]] std::vector<double> msd(std::size_t origin, int group) const;

  void checkpoint(Archive& ar);

 private:
  [[nodiscard]] std::vector<double> curve(const std::vector<double>& v, std::size_t origin, int group) const;

  TwoTimeCorrelatorOptions opt_;
  std::vector<int> types_;
  int groups_ = 1;
  std::vector<std::int64_t> lags_;
  std::vector<int> lag_index_;                 // step lag → index in lags_, −1 if not sampled
  std::vector<std::vector<Vec3>> ref_;         // [origin] reference positions; empty before t_w and after its last lag
  std::vector<double> fs_, msd_;               // [origin][lag][group], NaN until computed
  std::vector<double> group_size_;
};

}  // namespace vitrum
