// Static structure factor S(q): partials directly (sum over box-compatible q vectors) or from an FFT of the density.
#pragma once
#include <string>
#include <vector>

#include "vitrum/core/box.hpp"

namespace vitrum::analysis {

// ρ_a(q) = Σ_{j∈a} exp(−i q·r_j) on the q vectors the periodic box allows, q = 2π h⁻ᵀ n (n integer,
// h the cell matrix, so the tilted box is exact: q·r = 2π n·s with s the fractional coordinates).
// Ashcroft–Langreth partials S_ab(q) = ⟨Re ρ_a(q) ρ_b(q)*⟩ / √(N_a N_b), averaged over the vectors in
// each |q| bin (q = 0 excluded). Combinations: total (number–number) S(q) = ⟨|ρ(q)|²⟩/N; Faber–Ziman
// S^FZ_ab = 1 + (S_ab − δ_ab)/√(c_a c_b); for two species Bhatia–Thornton S_NN, S_CC, S_NC with
// ρ_N = ρ_A + ρ_B, ρ_C = c_B ρ_A − c_A ρ_B, divided by N.
//
// Methods: "direct" sums exp(−2πi n·s_j) over particles (exact); "fft" spreads each species on an
// M³ grid in fractional coordinates by cloud-in-cell, transforms with FFTW and divides by the
// CIC window Π_d sinc²(π n_d/M) (approximate: aliasing grows with q; keep q well below π M / L).
class StructureFactor {
 public:
  enum class Method { Direct, Fft };
  StructureFactor(std::size_t bins, double q_max, Method method = Method::Direct, int fft_grid = 128);

  void compute(const Box& box, const std::vector<Vec3>& positions, const std::vector<int>& types, int type_count = 0);

  [[nodiscard]] int type_count() const { return ntypes_; }
  [[nodiscard]] std::vector<double> bin_centers() const;
  [[nodiscard]] const std::vector<double>& vector_counts() const { return nvec_; }  // q vectors per bin (±q as two)
  [[nodiscard]] const std::vector<double>& s() const { return total_; }             // NaN where a bin has no vector
  [[nodiscard]] const std::vector<double>& s(int a, int b) const { return partial_[slot(a, b)]; }
  [[nodiscard]] std::vector<double> faber_ziman(int a, int b) const;
  // "NN", "CC" or "NC"; two species only.
  [[nodiscard]] const std::vector<double>& bhatia_thornton(const std::string& which) const;
  // q of the largest S(q) (bin centre), the first sharp diffraction peak in a dense liquid.
  [[nodiscard]] double first_peak() const;

 private:
  [[nodiscard]] std::size_t slot(int a, int b) const;
  void add_vector(double q, double weight, const std::vector<double>& re, const std::vector<double>& im);
  std::size_t bins_;
  double q_max_;
  Method method_;
  int grid_;
  int ntypes_ = 0;
  std::vector<double> count_of_;  // N_a, index a-1
  std::vector<double> nvec_, total_;
  std::vector<std::vector<double>> partial_;  // (a-1)*ntypes + (b-1), a <= b
  std::vector<double> nn_, cc_, nc_;
};

}  // namespace vitrum::analysis
