// FFTW real-to-complex convolution of a lattice field with a real Fourier kernel, planned once.
#pragma once
#include <memory>
#include <vector>

#include "vitrum/meso/lattice.hpp"

namespace vitrum::meso {

// Owns the FFTW buffers and plans (FFTW_ESTIMATE: the plan, and so the result, does not depend on timing,
// which keeps runs bit-for-bit reproducible). Threads are set once per process by set_fft_threads.
class SpectralConvolution {
 public:
  explicit SpectralConvolution(const Lattice& lattice);
  ~SpectralConvolution();
  SpectralConvolution(const SpectralConvolution&) = delete;
  SpectralConvolution& operator=(const SpectralConvolution&) = delete;

  // out[i] += sum_j K(i - j) in[j], with K the inverse transform of kernel_hat (which must include 1/N).
  void convolve_add(const std::vector<double>& in, const std::vector<double>& kernel_hat, std::vector<double>& out);
  // The inverse transform of a real half-spectrum (no 1/N): a real-space field.
  std::vector<double> inverse(const std::vector<double>& spectrum_real);
  // The forward transform's real part (used by tests).
  std::vector<double> forward_real(const std::vector<double>& field);

 private:
  struct Plans;
  Lattice lattice_;
  std::unique_ptr<Plans> plans_;
};

// FFTW threads for all later plans (call before building a model; 1 = serial).
void set_fft_threads(int threads);

}  // namespace vitrum::meso
