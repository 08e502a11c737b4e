// The state of a lattice elastoplastic model: block stresses, thresholds, plastic strain, and the plastic event.
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/meso/eshelby_propagator.hpp"
#include "vitrum/meso/spectral_convolution.hpp"
#include "vitrum/meso/threshold_distribution.hpp"

namespace vitrum::meso {

struct EpmParameters {
  Lattice lattice;
  double shear_modulus = 1.0;  // mu: an event with stress drop ds carries plastic strain ds / (2 mu)
  double poisson_ratio = 0.5;  // 3D only
  ThresholdDistribution thresholds;
  double recovery = 1.0;      // fraction of the local stress an event relaxes (1: back to zero)
  double stress_noise = 0.0;  // std of the Gaussian residual stress left by an event
  // Annealing: the initial thresholds are drawn as above plus `stability` (renewed ones are not shifted);
  // the initial residual stress is Gaussian with zero mean and std `initial_stress_std`.
  double stability = 0.0;
  double initial_stress_std = 0.0;
  std::uint32_t seed = 1;
};

// Stress sigma_i, threshold s_i, plastic strain e_i per block; block i is unstable when |sigma_i| >= s_i.
// Macroscopic stress = mean(sigma). Under strain control mean(sigma) = 2 mu (gamma - mean(e)) + mean(sigma_0).
class EpmModel {
 public:
  EpmModel(const EpmParameters& p, LoadControl control);

  [[nodiscard]] const EpmParameters& parameters() const { return p_; }
  [[nodiscard]] const Lattice& lattice() const { return p_.lattice; }
  [[nodiscard]] const EshelbyPropagator& propagator() const { return propagator_; }
  [[nodiscard]] std::size_t sites() const { return stress_.size(); }
  [[nodiscard]] const std::vector<double>& stress() const { return stress_; }
  [[nodiscard]] const std::vector<double>& thresholds() const { return threshold_; }
  [[nodiscard]] const std::vector<double>& plastic_strain() const { return plastic_strain_; }
  [[nodiscard]] const std::vector<std::uint64_t>& failures() const { return fail_count_; }
  [[nodiscard]] double strain() const { return strain_; }
  [[nodiscard]] double mean_stress() const;
  [[nodiscard]] double mean_plastic_strain() const;
  [[nodiscard]] bool unstable(std::size_t i) const;

  // Adds ds to every block (uniform loading) and the matching 2 mu d(gamma) to the applied strain.
  void load(double ds);
  // Stress drop of an event at i (recovery and noise applied; draws the noise), without applying it.
  [[nodiscard]] double event_stress_drop(std::size_t i) const;
  // One event at i applied with the real-space propagator (O(N)); returns the largest |sigma_j| - s_j after
  // it and the site where it occurs, so that sequential relaxation needs no extra pass.
  struct Worst { double excess; std::size_t site; };
  Worst fail_one(std::size_t i);
  // Events at all `sites` at once: one FFT convolution of their plastic strain (synchronous update).
  void fail_many(const std::vector<std::size_t>& sites);
  // Stress set directly (tests, stress-controlled start).
  void set_stress(std::size_t i, double s) { stress_[i] = s; }
  void set_strain(double g) { strain_ = g; }

 private:
  void record_event(std::size_t i, double drop);
  EpmParameters p_;
  EshelbyPropagator propagator_;
  SpectralConvolution fft_;
  std::vector<double> stress_, threshold_, plastic_strain_;
  std::vector<std::uint64_t> fail_count_;
  std::vector<double> scratch_;
  double strain_ = 0.0;
};

}  // namespace vitrum::meso
