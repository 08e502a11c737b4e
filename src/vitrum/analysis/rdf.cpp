#include "vitrum/analysis/rdf.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::analysis {

Rdf::Rdf(std::size_t bins, double r_max) : bins_(bins), r_max_(r_max) {
  if (bins == 0 || !(r_max > 0)) throw Error(fmt::format("rdf: need bins > 0 and r_max > 0 (got {} and {})", bins, r_max));
}

std::size_t Rdf::slot(int a, int b) const {
  if (a > b) std::swap(a, b);
  if (a < 1 || b > ntypes_) throw Error(fmt::format("rdf: type pair ({}, {}) outside 1..{}", a, b, ntypes_));
  return static_cast<std::size_t>((a - 1) * ntypes_ + (b - 1));
}

std::vector<double> Rdf::bin_centers() const {
  std::vector<double> r(bins_);
  const double dr = r_max_ / static_cast<double>(bins_);
  for (std::size_t k = 0; k < bins_; ++k) r[k] = (static_cast<double>(k) + 0.5) * dr;
  return r;
}

void Rdf::compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<int>& types, int type_count) {
  const std::size_t n = positions.size();
  if (types.size() != n) throw Error("rdf: positions and types differ in length");
  ntypes_ = type_count > 0 ? type_count : (n ? *std::max_element(types.begin(), types.end()) : 1);
  std::vector<double> count_of(ntypes_ + 1, 0.0);
  for (int t : types) {
    if (t < 1 || t > ntypes_) throw Error(fmt::format("rdf: particle type {} outside 1..{}", t, ntypes_));
    count_of[t] += 1;
  }
  const auto nt2 = static_cast<std::size_t>(ntypes_ * ntypes_);
  counts_.assign(bins_, 0);
  partial_counts_.assign(nt2, std::vector<std::uint64_t>(bins_, 0));
  const double inv_dr = static_cast<double>(bins_) / r_max_;
  const PairVisitor pairs(box, positions, r_max_);
  pairs.for_each([&](std::size_t i, std::size_t j, const Vec3& d) {
    const auto k = std::min(bins_ - 1, static_cast<std::size_t>(std::sqrt(norm2(d)) * inv_dr));
    ++counts_[k];
    ++partial_counts_[slot(types[i], types[j])][k];
  });

  const double volume = box.volume();
  const double dr = r_max_ / static_cast<double>(bins_);
  std::vector<double> shell(bins_);
  for (std::size_t k = 0; k < bins_; ++k) {
    const double lo = static_cast<double>(k) * dr, hi = lo + dr;
    shell[k] = 4.0 / 3.0 * std::numbers::pi * (hi * hi * hi - lo * lo * lo);
  }
  const double nn = static_cast<double>(n);
  g_.assign(bins_, 0.0);
  for (std::size_t k = 0; k < bins_; ++k) g_[k] = 2.0 * static_cast<double>(counts_[k]) * volume / (nn * nn * shell[k]);
  partial_g_.assign(nt2, {});
  coordination_.assign(nt2, std::vector<double>(bins_, 0.0));
  for (int a = 1; a <= ntypes_; ++a)
    for (int b = a; b <= ntypes_; ++b) {
      const auto& c = partial_counts_[slot(a, b)];
      // Ordered pairs (i∈a, j∈b): each unordered a–a pair counts twice, an a–b pair once.
      const double ordered = a == b ? 2.0 : 1.0;
      auto& g = partial_g_[slot(a, b)];
      g.assign(bins_, 0.0);
      if (count_of[a] > 0 && count_of[b] > 0)
        for (std::size_t k = 0; k < bins_; ++k)
          g[k] = ordered * static_cast<double>(c[k]) * volume / (count_of[a] * count_of[b] * shell[k]);
      double run = 0;
      for (std::size_t k = 0; k < bins_; ++k) {
        run += static_cast<double>(c[k]);
        // around an a particle: b neighbours = ordered(a,b) / N_a; around b: / N_b.
        if (count_of[a] > 0) coordination_[(a - 1) * ntypes_ + (b - 1)][k] = ordered * run / count_of[a];
        if (count_of[b] > 0) coordination_[(b - 1) * ntypes_ + (a - 1)][k] = ordered * run / count_of[b];
      }
    }
}

double Rdf::first_peak() const {
  if (g_.empty()) throw Error("rdf: compute() has not run");
  const auto k = static_cast<std::size_t>(std::max_element(g_.begin(), g_.end()) - g_.begin());
  return bin_centers()[k];
}

double Rdf::first_minimum() const {
  if (g_.empty()) throw Error("rdf: compute() has not run");
  auto k = static_cast<std::size_t>(std::max_element(g_.begin(), g_.end()) - g_.begin());
  while (k + 1 < bins_ && g_[k + 1] <= g_[k]) ++k;
  return bin_centers()[k];
}

}  // namespace vitrum::analysis
