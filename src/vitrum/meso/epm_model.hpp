// The state of a lattice elastoplastic model: block stresses, thresholds, plastic strain, and the plastic event.
#pragma once
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "vitrum/meso/eshelby_propagator.hpp"
#include "vitrum/meso/spectral_convolution.hpp"
#include "vitrum/meso/threshold_distribution.hpp"

namespace vitrum::meso {

struct EpmParameters {
  Lattice lattice;
  double shear_modulus = 1.0;  // mu: an event with stress drop ds carries plastic strain ds / (2 mu)
  double poisson_ratio = 0.5;  // 3D only
  ThresholdDistribution thresholds;  // renewed thresholds (after an event); also the initial ones unless set below
  // The initial thresholds, when they differ from the renewed ones: a glass whose own local yield stresses were
  // measured (StEP calibration: the glass's distribution at the start, the flowing state's after an event).
  std::optional<ThresholdDistribution> initial_thresholds;
  // Structural rejuvenation around an event: each nearest lattice neighbour of a failing block also renews its
  // threshold with this probability (a fresh draw from `thresholds`), as the softness of nearby sites changes after a
  // rearrangement in the StEP model. 0: only the failing block renews.
  double neighbour_rejuvenation = 0.0;
  double recovery = 1.0;      // fraction of the local stress an event relaxes (1: back to zero)
  double stress_noise = 0.0;  // std of the Gaussian residual stress left by an event
  // Annealing: the initial thresholds are drawn as above plus `stability` (renewed ones are not shifted);
  // the initial residual stress is Gaussian with zero mean and std `initial_stress_std`.
  double stability = 0.0;
  double initial_stress_std = 0.0;
  std::uint32_t seed = 1;
  int threads = 1;  // OpenMP threads of the real-space event update and the scans (on lattices of kThreadedSites or more)
};

// Below this many sites the event update runs on one thread whatever EpmParameters::threads says.
inline constexpr std::size_t kThreadedSites = 1u << 16;

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
  // Events at all `sites` at once (synchronous update): every stress drop is taken from the stresses before the
  // step, then the drops are propagated together, by one FFT convolution, or, when there are at most
  // kRealSpaceEvents of them, by the real-space kernel one after the other (the same linear map, cheaper than two
  // transforms for a few sites).
  void fail_many(const std::vector<std::size_t>& sites);
  static constexpr std::size_t kRealSpaceEvents = 8;
  // The site with the smallest distance to threshold s_i - direction * sigma_i (the first such site), and that
  // distance: the next block to fail under extremal loading in `direction` (+1 or -1).
  [[nodiscard]] std::pair<double, std::size_t> weakest(int direction) const;
  // Stress set directly (tests, stress-controlled start).
  void set_stress(std::size_t i, double s) {
    forward_weakest_valid_ = false;
    mean_valid_ = false;
    stress_[i] = s;
  }
  void set_strain(double g) { strain_ = g; }

 private:
  void record_event(std::size_t i, double drop);
  void rejuvenate_neighbours(std::size_t i);  // after the event at i (fail_count_[i] already counts it)
  Worst add_kernel(std::size_t i, double drop);  // sigma_j += drop G(j - i) for all j
  EpmParameters p_;
  EshelbyPropagator propagator_;
  SpectralConvolution fft_;
  std::vector<double> stress_, threshold_, plastic_strain_;
  std::vector<std::uint64_t> fail_count_;
  std::vector<std::uint64_t> rejuvenation_count_;  // renewals of a block by a neighbour's event (keys their draws)
  std::vector<double> scratch_;
  std::vector<std::pair<std::size_t, double>> drops_;
  struct Scan { Worst worst; std::pair<double, std::size_t> weakest; };
  std::vector<Scan> part_;  // per-thread results
  // weakest(+1) as found by the last real-space event pass; valid until the stresses or thresholds change otherwise.
  std::pair<double, std::size_t> forward_weakest_{INFINITY, 0};
  bool forward_weakest_valid_ = false;
  // mean_stress() cached until the stresses change (load() computes it in its own pass).
  mutable double mean_ = 0;
  mutable bool mean_valid_ = false;
  int threads_ = 1;
  double strain_ = 0.0;
};

}  // namespace vitrum::meso
