#include "vitrum/atomistic/potential/lennard_jones.hpp"

#include <algorithm>
#include <cmath>

namespace vitrum {

LennardJones::LennardJones(int ntypes, std::vector<LennardJonesPair> pairs) : ntypes_(ntypes), pairs_(std::move(pairs)) {
  if (static_cast<int>(pairs_.size()) != ntypes * ntypes) throw Error("lennard-jones: pair table has the wrong size");
  table_.resize(pairs_.size());
  for (std::size_t k = 0; k < pairs_.size(); ++k) {
    const auto& p = pairs_[k];
    Coeffs c;
    const double s6 = std::pow(p.sigma, 6.0);
    c.lj1 = 48.0 * p.epsilon * s6 * s6;
    c.lj2 = 24.0 * p.epsilon * s6;
    c.lj3 = 4.0 * p.epsilon * s6 * s6;
    c.lj4 = 4.0 * p.epsilon * s6;
    const double ratio = std::pow(p.sigma / p.cutoff, 6.0);
    c.shift = 4.0 * p.epsilon * (ratio * ratio - ratio);
    c.rcut_sq = p.cutoff * p.cutoff;
    c.sigma = p.sigma;
    table_[k] = c;
    max_cutoff_ = std::max(max_cutoff_, p.cutoff);
  }
}

}  // namespace vitrum
