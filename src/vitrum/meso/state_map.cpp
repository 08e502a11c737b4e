#include "vitrum/meso/state_map.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "vitrum/core/error.hpp"

namespace vitrum::meso {

std::vector<State> history_states(const ShearHistory& h, const ElasticEnergy& elastic) {
  std::vector<State> s(h.stress.size());
  for (std::size_t k = 0; k < s.size(); ++k) s[k] = {h.stress[k], h.energy[k] - elastic(h.stress[k])};
  return s;
}

StateMap::StateMap(const std::vector<ShearHistory>& histories, const ElasticEnergy& elastic,
                   const StateMapOptions& options)
    : ns_(options.stress_bins), ne_(options.energy_bins) {
  if (histories.empty()) throw Error("SEEP map: no shear histories to harvest");
  if (ns_ < 1 || ne_ < 1) throw Error("SEEP map: need at least one bin along each axis");
  if (options.min_transitions < 1) throw Error("SEEP map: min_transitions must be at least 1");
  dgamma_ = histories.front().dgamma;
  std::vector<State> from;
  constexpr double inf = std::numeric_limits<double>::infinity();
  lo_ = {inf, inf};
  hi_ = {-inf, -inf};
  for (const auto& h : histories) {
    if (std::abs(h.dgamma - dgamma_) > 1e-6 * dgamma_)
      throw Error(fmt::format("{}: strain step {:.6g}, the first history ({}) has {:.6g}: one map needs one strain step",
                              h.file.string(), h.dgamma, histories.front().file.string(), dgamma_));
    const auto states = history_states(h, elastic);
    for (std::size_t k = 0; k + 1 < states.size(); ++k) {
      from.push_back(states[k]);
      increments_.push_back({states[k + 1].stress - states[k].stress, states[k + 1].energy - states[k].energy});
      lo_ = {std::min(lo_.stress, states[k].stress), std::min(lo_.energy, states[k].energy)};
      hi_ = {std::max(hi_.stress, states[k].stress), std::max(hi_.energy, states[k].energy)};
    }
  }
  if (increments_.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("SEEP map: more than 2^32 transitions");
  // Bins span the harvested source states; a degenerate axis (one value) gets a unit-free width of 1.
  ws_ = hi_.stress > lo_.stress ? (hi_.stress - lo_.stress) / ns_ : 1.0;
  we_ = hi_.energy > lo_.energy ? (hi_.energy - lo_.energy) / ne_ : 1.0;
  const auto bins = static_cast<std::size_t>(ns_) * static_cast<std::size_t>(ne_);
  own_.assign(bins, {});
  bool outside = false;
  for (std::size_t t = 0; t < from.size(); ++t) own_[bin_of(from[t], outside)].push_back(static_cast<std::uint32_t>(t));
  // Pools: the smallest square of bins around each bin that holds min_transitions (or every transition).
  pool_.assign(bins, {});
  radius_.assign(bins, 0);
  const std::size_t need = std::min(options.min_transitions, increments_.size());
  for (int is = 0; is < ns_; ++is)
    for (int ie = 0; ie < ne_; ++ie) {
      const auto b = static_cast<std::size_t>(is * ne_ + ie);
      for (int r = 0;; ++r) {
        std::size_t n = 0;
        for (int js = std::max(0, is - r); js <= std::min(ns_ - 1, is + r); ++js)
          for (int je = std::max(0, ie - r); je <= std::min(ne_ - 1, ie + r); ++je) n += own_[static_cast<std::size_t>(js * ne_ + je)].size();
        if (n < need) continue;
        for (int js = std::max(0, is - r); js <= std::min(ns_ - 1, is + r); ++js)
          for (int je = std::max(0, ie - r); je <= std::min(ne_ - 1, ie + r); ++je) {
            const auto& o = own_[static_cast<std::size_t>(js * ne_ + je)];
            pool_[b].insert(pool_[b].end(), o.begin(), o.end());
          }
        radius_[b] = r;
        break;
      }
    }
}

std::size_t StateMap::bin_of(const State& s, bool& outside) const {
  auto index = [](double v, double lo, double w, int n, bool& out) {
    const double x = (v - lo) / w;
    if (x < 0 || x > n) out = true;  // the upper edge itself belongs to the last bin
    return std::clamp(static_cast<int>(std::floor(x)), 0, n - 1);
  };
  outside = false;
  const int is = index(s.stress, lo_.stress, ws_, ns_, outside);
  const int ie = index(s.energy, lo_.energy, we_, ne_, outside);
  return static_cast<std::size_t>(is * ne_ + ie);
}

StateMap::Step StateMap::step(const State& s, Rng& rng) const {
  if (!std::isfinite(s.stress) || !std::isfinite(s.energy)) throw Error("SEEP map: a state is not finite");
  Step out;
  const std::size_t b = bin_of(s, out.outside);
  const auto& pool = pool_[b];
  const auto pick = std::min(pool.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(pool.size())));
  const State& d = increments_[pool[pick]];
  out.next = {s.stress + d.stress, s.energy + d.energy};
  out.radius = radius_[b];
  return out;
}

State StateMap::mean_increment(int is, int ie) const {
  const auto& o = own_[static_cast<std::size_t>(is * ne_ + ie)];
  State m;
  for (auto t : o) m = {m.stress + increments_[t].stress, m.energy + increments_[t].energy};
  if (!o.empty()) m = {m.stress / static_cast<double>(o.size()), m.energy / static_cast<double>(o.size())};
  return m;
}

double StateMap::drop_fraction(int is, int ie) const {
  const auto& o = own_[static_cast<std::size_t>(is * ne_ + ie)];
  if (o.empty()) return 0;
  return static_cast<double>(std::count_if(o.begin(), o.end(), [&](auto t) { return increments_[t].stress < 0; })) /
         static_cast<double>(o.size());
}

}  // namespace vitrum::meso
