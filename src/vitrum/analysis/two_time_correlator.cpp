#include "vitrum/analysis/two_time_correlator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vitrum/analysis/self_correlator.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

TwoTimeCorrelator::TwoTimeCorrelator(const TwoTimeCorrelatorOptions& opt, const std::vector<int>& types,
                                     int type_count)
    : opt_(opt), types_(types), groups_(type_count + 1) {
  if (opt.max_lag < 1 || opt.origins.empty() || opt.points_per_decade < 1)
    throw Error("two-time correlator: max_lag >= 1, points_per_decade >= 1 and at least one waiting time are needed");
  for (std::size_t j = 0; j < opt.origins.size(); ++j)
    if (opt.origins[j] < 0 || (j > 0 && opt.origins[j] <= opt.origins[j - 1]))
      throw Error("two-time correlator: waiting times must be >= 0 and strictly increasing");
  lags_ = {0};
  for (std::int64_t l : log_spaced_lags(opt.max_lag, opt.points_per_decade)) lags_.push_back(l);
  lag_index_.assign(static_cast<std::size_t>(opt.max_lag) + 1, -1);
  for (std::size_t i = 0; i < lags_.size(); ++i) lag_index_[static_cast<std::size_t>(lags_[i])] = static_cast<int>(i);
  const std::size_t n = opt.origins.size() * lags_.size() * static_cast<std::size_t>(groups_);
  fs_.assign(n, std::numeric_limits<double>::quiet_NaN());
  msd_.assign(n, std::numeric_limits<double>::quiet_NaN());
  ref_.assign(opt.origins.size(), {});
  group_size_.assign(static_cast<std::size_t>(groups_), 0.0);
  for (int t : types_) {
    group_size_[0] += 1;
    if (t >= 1 && t < groups_) group_size_[static_cast<std::size_t>(t)] += 1;
  }
}

std::int64_t TwoTimeCorrelator::last_step() const { return opt_.origins.back() + opt_.max_lag; }

bool TwoTimeCorrelator::due(std::int64_t k) const {
  for (std::int64_t o : opt_.origins) {
    const std::int64_t lag = k - o;
    if (lag >= 0 && lag <= opt_.max_lag && lag_index_[static_cast<std::size_t>(lag)] >= 0) return true;
  }
  return false;
}

void TwoTimeCorrelator::add(std::int64_t k, const std::vector<Vec3>& r) {
  if (r.size() != types_.size()) throw Error("two-time correlator: the particle count changed");
  const std::size_t nl = lags_.size(), ng = static_cast<std::size_t>(groups_);
  for (std::size_t j = 0; j < opt_.origins.size(); ++j) {
    const std::int64_t lag = k - opt_.origins[j];
    if (lag == 0) ref_[j] = r;
    const int li = lag >= 0 && lag <= opt_.max_lag ? lag_index_[static_cast<std::size_t>(lag)] : -1;
    if (li < 0) continue;
    if (ref_[j].empty()) throw Error("two-time correlator: a lag was offered before its waiting time");
    std::vector<double> fs(ng, 0.0), msd(ng, 0.0);
    add_self_terms(opt_.q, opt_.dimension, r, ref_[j], types_, fs, msd);
    for (std::size_t g = 0; g < ng; ++g) {
      const std::size_t at = (j * nl + static_cast<std::size_t>(li)) * ng + g;
      fs_[at] = group_size_[g] > 0 ? fs[g] / group_size_[g] : std::numeric_limits<double>::quiet_NaN();
      msd_[at] = group_size_[g] > 0 ? msd[g] / group_size_[g] : std::numeric_limits<double>::quiet_NaN();
    }
    if (lag == opt_.max_lag) ref_[j].clear();  // this waiting time is done
  }
}

std::vector<double> TwoTimeCorrelator::curve(const std::vector<double>& v, std::size_t origin, int group) const {
  const std::size_t nl = lags_.size(), ng = static_cast<std::size_t>(groups_);
  std::vector<double> out(nl);
  for (std::size_t l = 0; l < nl; ++l) out[l] = v[(origin * nl + l) * ng + static_cast<std::size_t>(group)];
  return out;
}

std::vector<double> TwoTimeCorrelator::fs(std::size_t origin, int group) const { return curve(fs_, origin, group); }
std::vector<double> TwoTimeCorrelator::msd(std::size_t origin, int group) const { return curve(msd_, origin, group); }

void TwoTimeCorrelator::checkpoint(Archive& ar) {
  ar(fs_);
  ar(msd_);
  std::vector<std::int64_t> held;  // which waiting times hold reference positions
  std::vector<Vec3> flat;
  for (std::size_t j = 0; j < ref_.size(); ++j)
    if (!ref_[j].empty()) held.push_back(static_cast<std::int64_t>(j)), flat.insert(flat.end(), ref_[j].begin(), ref_[j].end());
  ar(held);
  ar(flat);
  if (ar.reading()) {
    const std::size_t n = types_.size();
    if (flat.size() != held.size() * n || fs_.size() != msd_.size() ||
        fs_.size() != ref_.size() * lags_.size() * static_cast<std::size_t>(groups_))
      ar.corrupt();
    for (auto& r : ref_) r.clear();
    for (std::size_t j = 0; j < held.size(); ++j) {
      if (held[j] < 0 || static_cast<std::size_t>(held[j]) >= ref_.size()) ar.corrupt();
      ref_[static_cast<std::size_t>(held[j])] =
          std::vector<Vec3>(flat.begin() + static_cast<std::ptrdiff_t>(j * n), flat.begin() + static_cast<std::ptrdiff_t>((j + 1) * n));
    }
  }
}

}  // namespace vitrum
