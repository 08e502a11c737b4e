// Embedded-atom method (funcfl, setfl, Finnis–Sinclair) as one many-body force class, arithmetic as LAMMPS pair_style eam*.
#pragma once
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/eam_tables.hpp"
#include "vitrum/atomistic/potential/potential.hpp"

namespace vitrum {

// E = Σ_i F_i(ρ_i) + ½ Σ_{i≠j} φ_ij(r_ij), ρ_i = Σ_j ρ_{ji}(r_ij), in metal units (eV, Å).
// Two passes over the half list (densities, then forces) as PairEAM::compute; F is continued
// linearly above the tabulated density so that close approaches conserve energy.
class EamPotential final : public Potential {
 public:
  EamPotential(EamTables tables, std::string description);

  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] double cutoff() const override { return t_.cut; }
  [[nodiscard]] int type_count() const override { return t_.type_count(); }
  [[nodiscard]] bool needs_diameter() const override { return false; }
  [[nodiscard]] bool pairwise() const override { return false; }
  [[nodiscard]] std::vector<double> type_cutoffs() const override;
  [[nodiscard]] std::unique_ptr<Potential> clone() const override { return std::make_unique<EamPotential>(*this); }
  [[nodiscard]] std::vector<std::string> type_elements() const override;
  [[nodiscard]] std::vector<double> type_masses() const override;
  void check(const Particles& p) const override;
  ForceResult compute(Particles& p, const Box& box, const NeighborList& list, bool energy_and_virial = true) override;
  std::vector<double> per_atom_energies(Particles& p, const Box& box, const NeighborList& list) override;
  std::vector<Sym6> per_atom_virials(Particles& p, const Box& box, const NeighborList& list) override;
  [[nodiscard]] double pair_sigma(const Particles& p, std::size_t i, std::size_t j) const override;
  [[nodiscard]] const EamTables& tables() const { return t_; }
  // The electron density at every atom of the last compute() (for tests and analysis).
  [[nodiscard]] const std::vector<double>& densities() const { return rho_; }

  // Table lookups at one distance / density, exactly as in compute() (for tests).
  [[nodiscard]] double pair_energy(int a, int b, double r) const;   // φ_ab(r) [eV]
  [[nodiscard]] double embedding(int a, double rho) const;          // F_a(ρ) [eV], linear above ρ_max
  // Radius of a type's element: half the nearest-neighbour distance of its own lattice as the file gives it
  // (fcc a/(2√2), hcp a/2, bcc a√3/4), 0 if the file names no such lattice. For radical Voronoi of alloys.
  [[nodiscard]] double atomic_radius(int type) const;
  // Density at an atom of type `host` due to one of type `source` at distance r (< cutoff) [density].
  [[nodiscard]] double density(int source, int host, double r) const;
  // The electron density of every atom (for Monte Carlo's cache); same arithmetic as compute().
  std::vector<double> atom_densities(const Particles& p, const Box& box, const NeighborList& list);

 private:
  template <bool kEnergyVirial>
  ForceResult compute_impl(Particles& p, const Box& box, const NeighborList& list, double* atom_energy,
                           Sym6* atom_virial = nullptr);
  void accumulate_densities(const Particles& p, const Box& box, const NeighborList& list);

  // The knots one pair lookup needs, packed per ordered type pair (ti, tj) and grid index m so that a pass touches
  // one or two cache lines a pair instead of three scattered knots (the same coefficients: the same bits).
  // Density pass: value coefficients (c3..c6) of ρ at i due to j, and at j due to i.
  struct alignas(64) DensityKnot {
    double at_i[4], at_j[4];
  };
  // Force pass: slope coefficients (c0..c2) of ρ at j due to i and at i due to j, and all of z2 = r φ.
  struct alignas(64) ForceKnot {
    double rho_at_j[3], rho_at_i[3], z2[7];
  };
  void pack_knots();
  [[nodiscard]] std::size_t knot_row(int ti, int tj) const {
    return static_cast<std::size_t>(ti * (t_.type_count() + 1) + tj) * static_cast<std::size_t>(t_.nr + 1);
  }

  EamTables t_;
  std::string name_;
  std::vector<DensityKnot> density_knots_;           // [knot_row(ti, tj) + m], m = 1..nr
  std::vector<ForceKnot> force_knots_;
  double rdr_ = 0, rdrho_ = 0, cutforcesq_ = 0;
  std::vector<double> sigma_;                        // (ntypes+1)²: the length scale of overlap checks
  std::vector<double> rho_, fp_;                     // per atom: density and F'(ρ)
  std::vector<std::vector<double>> thread_rho_;      // threads 1.. accumulate densities here
  std::vector<std::vector<Vec3>> thread_force_;
};

}  // namespace vitrum
