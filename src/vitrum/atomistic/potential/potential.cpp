#include "vitrum/atomistic/potential/potential.hpp"

#include <cmath>
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

double Potential::add_pair_energies(const CellBlock&, std::size_t, const Identity&, const Vec3&, double) const {
  require_pairwise(*this, "a local pair-energy sum (Monte Carlo)");
  return 0;
}

double Potential::add_move_energy_changes(const CellBlock&, std::size_t, const Identity&, const Vec3&, const Vec3&,
                                          double) const {
  require_pairwise(*this, "a local pair-energy sum (Monte Carlo)");
  return 0;
}

double Potential::add_identity_change_energies(const CellBlock&, std::size_t, std::size_t, const Identity&,
                                               const Identity&, const Vec3&, double) const {
  require_pairwise(*this, "a local pair-energy sum (Monte Carlo)");
  return 0;
}

double Potential::pair_d2v_dr2(const Particles&, std::size_t, std::size_t, double) const {
  require_pairwise(*this, "the pair curvature d2v/dr2 (Hessian, elastic constants)");
  return 0;
}

std::vector<Sym6> Potential::per_atom_virials(Particles& p, const Box& box, const NeighborList& list) {
  require_pairwise(*this, "per-atom virials (local stress)");
  compute(p, box, list, false);
  const auto shifts = NeighborList::shift_vectors(box);
  std::vector<Sym6> w(p.size(), Sym6{});
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto nbr = list.neighbors(i);
    const auto img = list.images(i);
    for (std::size_t k = 0; k < nbr.size(); ++k) {
      const auto j = static_cast<std::size_t>(nbr[k]);
      const Vec3 d = p.position[i] - (p.position[j] + shifts[img[k]]);  // r_ij; f_i = (−v'/r) r_ij
      const double f = pair_term(p, i, j, dot(d, d)).force_divr;
      const Sym6 half = {0.5 * f * d.x * d.x, 0.5 * f * d.y * d.y, 0.5 * f * d.z * d.z,
                         0.5 * f * d.x * d.y, 0.5 * f * d.x * d.z, 0.5 * f * d.y * d.z};
      for (int a = 0; a < 6; ++a) {
        w[i][a] += half[a];
        w[j][a] += half[a];
      }
    }
  }
  return w;
}

ClosestPair Potential::closest_pair(const Particles& p, const Box& box, const NeighborList& list) const {
  const auto shifts = NeighborList::shift_vectors(box);
  ClosestPair best{};
  best.reduced_distance = INFINITY;
  best.distance = INFINITY;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto nbr = list.neighbors(i);
    const auto img = list.images(i);
    for (std::size_t k = 0; k < nbr.size(); ++k) {
      const std::size_t j = static_cast<std::size_t>(nbr[k]);
      const double r = norm(p.position[i] - (p.position[j] + shifts[img[k]]));
      const double reduced = r / pair_sigma(p, i, j);
      if (r < best.distance) best.distance = r;
      if (reduced < best.reduced_distance) {
        best.reduced_distance = reduced;
        best.id_i = p.id[i];
        best.id_j = p.id[j];
      }
    }
  }
  return best;
}

}  // namespace vitrum
