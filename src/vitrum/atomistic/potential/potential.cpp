#include "vitrum/atomistic/potential/potential.hpp"

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

void require_pairwise(const Potential& u, std::string_view what) {
  if (!u.pairwise())
    throw Error(fmt::format("{} needs a pairwise potential; '{}' is a many-body potential (not implemented for it)",
                            what, u.name()));
}

PairTerm Potential::pair_term(const Particles&, std::size_t, std::size_t, double) const {
  require_pairwise(*this, "a pair energy");
  return {};
}

double Potential::add_pair_energies(const Particles&, std::size_t, const Vec3&, const std::int32_t*, std::size_t,
                                    const Box&, double) const {
  require_pairwise(*this, "a local pair-energy sum (Monte Carlo)");
  return 0;
}

double Potential::pair_d2v_dr2(const Particles&, std::size_t, std::size_t, double) const {
  require_pairwise(*this, "the pair curvature d2v/dr2 (Hessian, elastic constants)");
  return 0;
}

}  // namespace vitrum
