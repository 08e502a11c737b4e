#include "vitrum/analysis/self_correlator.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/core/error.hpp"

namespace vitrum {

std::vector<std::int64_t> log_spaced_lags(std::int64_t max_lag, int points_per_decade) {
  std::vector<std::int64_t> lags;
  const double factor = std::pow(10.0, 1.0 / points_per_decade);
  double next = 1;
  for (std::int64_t k = 1; k <= max_lag; ++k)
    if (static_cast<double>(k) >= next || k == max_lag) {
      lags.push_back(k);
      while (next <= static_cast<double>(k)) next = std::max(next * factor, std::floor(next) + 1);
    }
  return lags;
}

double isotropic_self_term(double q, double r2, int dimension) {
  const double x = q * std::sqrt(r2);
  return dimension == 2 ? std::cyl_bessel_j(0.0, x) : (x < 1e-6 ? 1.0 - x * x / 6.0 : std::sin(x) / x);
}

void add_self_terms(double q, int dimension, const std::vector<Vec3>& r, const std::vector<Vec3>& r0,
                    const std::vector<int>& types, std::vector<double>& fs, std::vector<double>& msd) {
  const std::size_t ng = fs.size();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const Vec3 d = r[i] - r0[i];
    const double r2 = dot(d, d), f = isotropic_self_term(q, r2, dimension);
    const auto t = static_cast<std::size_t>(types[i]);
    fs[0] += f;
    msd[0] += r2;
    if (t > 0 && t < ng) fs[t] += f, msd[t] += r2;
  }
}

SelfCorrelator::SelfCorrelator(const SelfCorrelatorOptions& opt, const std::vector<int>& types, int type_count)
    : opt_(opt), types_(types), groups_(type_count + 1) {
  if (opt.max_lag < 1 || opt.origin_every < 1 || opt.origins < 1 || opt.blocks < 1 || opt.origins < opt.blocks)
    throw Error("self correlator: max_lag, origin_every >= 1 and origins >= blocks >= 1 are needed");
  lags_ = log_spaced_lags(opt.max_lag, opt.points_per_decade);
  lag_index_.assign(static_cast<std::size_t>(opt.max_lag) + 1, -1);
  for (std::size_t i = 0; i < lags_.size(); ++i) lag_index_[static_cast<std::size_t>(lags_[i])] = static_cast<int>(i);
  const std::size_t nl = lags_.size(), nb = static_cast<std::size_t>(opt.blocks), ng = static_cast<std::size_t>(groups_);
  fs_acc_.assign(nb * nl * ng, 0.0);
  msd_acc_.assign(nb * nl * ng, 0.0);
  count_.assign(nb * nl, 0.0);
  group_size_.assign(ng, 0.0);
  for (int t : types_) {
    group_size_[0] += 1;
    if (t >= 1 && t < groups_) group_size_[static_cast<std::size_t>(t)] += 1;
  }
}

int SelfCorrelator::block_of(std::int64_t origin) const {
  return static_cast<int>(origin * opt_.blocks / opt_.origins);
}

bool SelfCorrelator::due(std::int64_t k) const {
  if (k % opt_.origin_every == 0 && k / opt_.origin_every < opt_.origins) return true;
  for (const auto& [o, ref] : ref_) {
    const std::int64_t lag = k - o * opt_.origin_every;
    if (lag > 0 && lag <= opt_.max_lag && lag_index_[static_cast<std::size_t>(lag)] >= 0) return true;
  }
  return false;
}

void SelfCorrelator::add(std::int64_t k, const std::vector<Vec3>& r) {
  const std::size_t nl = lags_.size(), ng = static_cast<std::size_t>(groups_);
  for (auto it = ref_.begin(); it != ref_.end();) {
    const std::int64_t o = it->first, lag = k - o * opt_.origin_every;
    const int li = lag > 0 && lag <= opt_.max_lag ? lag_index_[static_cast<std::size_t>(lag)] : -1;
    if (li >= 0) {
      const auto b = static_cast<std::size_t>(block_of(o));
      std::vector<double> fs(ng, 0.0), msd(ng, 0.0);
      add_self_terms(opt_.q, opt_.dimension, r, it->second, types_, fs, msd);
      for (std::size_t g = 0; g < ng; ++g)
        if (group_size_[g] > 0) {
          fs_acc_[(b * nl + static_cast<std::size_t>(li)) * ng + g] += fs[g] / group_size_[g];
          msd_acc_[(b * nl + static_cast<std::size_t>(li)) * ng + g] += msd[g] / group_size_[g];
        }
      count_[b * nl + static_cast<std::size_t>(li)] += 1;
    }
    it = lag >= opt_.max_lag ? ref_.erase(it) : std::next(it);  // an origin is done after its longest lag
  }
  if (k % opt_.origin_every == 0 && k / opt_.origin_every < opt_.origins) ref_[k / opt_.origin_every] = r;
}

std::vector<double> SelfCorrelator::curve(const std::vector<double>& acc, int block, int group) const {
  const std::size_t nl = lags_.size(), ng = static_cast<std::size_t>(groups_);
  std::vector<double> out(nl, 0.0);
  for (std::size_t l = 0; l < nl; ++l) {
    double sum = 0, n = 0;
    for (int b = 0; b < opt_.blocks; ++b)
      if (block < 0 || b == block) {
        sum += acc[(static_cast<std::size_t>(b) * nl + l) * ng + static_cast<std::size_t>(group)];
        n += count_[static_cast<std::size_t>(b) * nl + l];
      }
    out[l] = n > 0 ? sum / n : std::nan("");
  }
  return out;
}

std::vector<double> SelfCorrelator::fs(int block, int group) const { return curve(fs_acc_, block, group); }
std::vector<double> SelfCorrelator::msd(int block, int group) const { return curve(msd_acc_, block, group); }

void SelfCorrelator::checkpoint(Archive& ar) {
  ar(fs_acc_);
  ar(msd_acc_);
  ar(count_);
  std::vector<std::int64_t> keys;
  std::vector<Vec3> flat;
  for (const auto& [o, r] : ref_) keys.push_back(o), flat.insert(flat.end(), r.begin(), r.end());
  ar(keys);
  ar(flat);
  if (ar.reading()) {
    ref_.clear();
    const std::size_t n = types_.size();
    if (flat.size() != keys.size() * n) ar.corrupt();
    for (std::size_t j = 0; j < keys.size(); ++j)
      ref_[keys[j]] = std::vector<Vec3>(flat.begin() + static_cast<std::ptrdiff_t>(j * n),
                                        flat.begin() + static_cast<std::ptrdiff_t>((j + 1) * n));
  }
}

}  // namespace vitrum
