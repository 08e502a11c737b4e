// Time-stepped EPM dynamics: shear at a finite strain rate (flow curve) and creep at constant stress.
#pragma once
#include <cstdint>
#include <vector>

#include "vitrum/meso/epm_model.hpp"

namespace vitrum::meso {

// An unstable block (|sigma| >= s) fails with rate 1/tau_pl (Poisson, probability 1 - exp(-dt/tau_pl) per step);
// with temperature T > 0 a stable block also fails with rate f0 exp(-x^alpha / T), x = s - |sigma| (the thermal
// variant of REFERENCES.md, alpha = 1.5). All failures of one step relax together (one FFT convolution).
struct RateParameters {
  double tau_pl = 1.0;
  double dt = 0.1;
  double temperature = 0.0;
  double attempt_rate = 1.0;  // f0
  double alpha = 1.5;
};

struct TimeSample { double time, strain, stress, plastic_strain; };

class RateDriver {
 public:
  RateDriver(EpmModel& model, RateParameters p) : model_(model), p_(p) {}
  // Strain-controlled shear at `rate` for `strain` of applied strain; at T = 0, stretches where no block is
  // unstable are skipped in one jump (loading straight to the next instability).
  // Returns the time- and strain-averaged stress over the run; `samples` gets one point per `sample_every` strain.
  // With `block_means` of size B > 0, it also gets the mean stress over each of B equal strain blocks (for error
  // bars; their average is the returned mean up to round-off, and the dynamics do not depend on B).
  double shear(double rate, double strain, double sample_every, std::vector<TimeSample>& samples,
               std::vector<double>* block_means = nullptr);
  // Creep at the current stress (the model must be stress-controlled) for `duration`; stops early at T = 0 when
  // every block is stable (arrested). Returns true if it arrested.
  bool creep(double duration, double sample_every, std::vector<TimeSample>& samples);
  [[nodiscard]] double time() const { return time_; }

 private:
  // Fails the blocks drawn this step; returns how many failed and whether any block was unstable.
  std::pair<std::size_t, bool> fail_step();
  EpmModel& model_;
  RateParameters p_;
  double time_ = 0.0;
  std::uint64_t step_ = 0;
  std::vector<std::size_t> failing_;
};

// Herschel–Bulkley fit Sigma = Sigma_c + k rate^n (n = 1/beta): least squares in log(Sigma - Sigma_c) vs log rate,
// with Sigma_c scanned below the smallest measured stress.
struct HerschelBulkleyFit { double yield_stress = 0, k = 0, n = 0, rms_residual = 0; };
HerschelBulkleyFit fit_herschel_bulkley(const std::vector<double>& rates, const std::vector<double>& stresses);

// Statistical error of the Herschel–Bulkley parameters by a bootstrap over time blocks: each resample redraws, for
// every rate independently, its B block means with replacement, averages them and refits; the errors are the standard
// deviations of the refitted Sigma_c, n and beta = 1/n. `block_means[r]` are the block means of rate r. Resamples are
// drawn with counter-based random numbers keyed by `seed`, so the error bar is reproducible.
struct HerschelBulkleyError { double yield_stress = 0, n = 0, beta = 0; int resamples = 0; };
HerschelBulkleyError bootstrap_herschel_bulkley(const std::vector<double>& rates,
                                                const std::vector<std::vector<double>>& block_means, int resamples,
                                                std::uint32_t seed);

}  // namespace vitrum::meso
