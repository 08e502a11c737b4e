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

ForceShiftedLennardJones::ForceShiftedLennardJones(LennardJones mixture)
    : ntypes_(mixture.type_count()), max_cutoff_(mixture.cutoff()) {
  table_.resize(static_cast<std::size_t>(ntypes_ * ntypes_));
  for (int a = 1; a <= ntypes_; ++a)
    for (int b = 1; b <= ntypes_; ++b) {
      Coeffs c;
      static_cast<LennardJones::Coeffs&>(c) = mixture.coeffs(a, b, 0, 0);
      c.rcut = std::sqrt(c.rcut_sq);
      const double r6inv = 1.0 / (c.rcut_sq * c.rcut_sq * c.rcut_sq);
      c.force_cut = r6inv * (c.lj1 * r6inv - c.lj2) / c.rcut;
      table_[(a - 1) * ntypes_ + (b - 1)] = c;
    }
}

ModelSpec lennard_jones_model(ModelSpec spec, LennardJones mixture, Truncation truncation) {
  if (truncation == Truncation::energy_shift) {
    spec.make = [name = spec.name, mixture] { return std::make_unique<PairPotential<LennardJones>>(name, mixture); };
  } else {
    spec.name += "-fs";
    spec.summary += ", force-shifted (lj/smooth/linear)";
    spec.make = [name = spec.name, mixture] {
      return std::make_unique<PairPotential<ForceShiftedLennardJones>>(name, ForceShiftedLennardJones(mixture));
    };
  }
  return spec;
}

}  // namespace vitrum
