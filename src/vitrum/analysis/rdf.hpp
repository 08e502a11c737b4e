// Radial distribution function: total and partial g(r) and running coordination numbers (freud's RDF pattern).
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/core/box.hpp"

namespace vitrum::analysis {

// g_ab(r) = V / (N_a N_b) · Σ_{i∈a} Σ_{j∈b, j≠i} δ(r − r_ij) / (4π r² dr), histogrammed in `bins`
// equal bins on [0, r_max), each bin divided by its exact shell volume 4π(r₊³ − r₋³)/3.
// Total g(r) = V/N² Σ_i Σ_{j≠i}. Coordination number n_ab(r) = mean number of b particles within
// r of an a particle (cumulative). r_max must be below half the narrowest box width.
class Rdf {
 public:
  Rdf(std::size_t bins, double r_max);

  // Types are 1..type_count (vitrum's convention); type_count = max type when 0.
  void compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<int>& types, int type_count = 0);

  [[nodiscard]] std::size_t bins() const { return bins_; }
  [[nodiscard]] double r_max() const { return r_max_; }
  [[nodiscard]] int type_count() const { return ntypes_; }
  [[nodiscard]] std::vector<double> bin_centers() const;
  // Unordered pair counts per bin: total and per type pair (a <= b; a, b in 1..type_count).
  [[nodiscard]] const std::vector<std::uint64_t>& pair_counts() const { return counts_; }
  [[nodiscard]] const std::vector<std::uint64_t>& pair_counts(int a, int b) const { return partial_counts_[slot(a, b)]; }
  [[nodiscard]] const std::vector<double>& g() const { return g_; }
  [[nodiscard]] const std::vector<double>& g(int a, int b) const { return partial_g_[slot(a, b)]; }
  // Mean number of b particles within the outer edge of each bin around an a particle.
  [[nodiscard]] const std::vector<double>& coordination(int a, int b) const { return coordination_[(a - 1) * ntypes_ + (b - 1)]; }
  // r of the total g(r) maximum (bin centre) and the first minimum after it.
  [[nodiscard]] double first_peak() const;
  [[nodiscard]] double first_minimum() const;

 private:
  [[nodiscard]] std::size_t slot(int a, int b) const;
  std::size_t bins_;
  double r_max_;
  int ntypes_ = 0;
  std::vector<std::uint64_t> counts_;
  std::vector<std::vector<std::uint64_t>> partial_counts_;
  std::vector<double> g_;
  std::vector<std::vector<double>> partial_g_, coordination_;
};

}  // namespace vitrum::analysis
