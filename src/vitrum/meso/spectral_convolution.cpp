#include "vitrum/meso/spectral_convolution.hpp"

#include <fftw3.h>

#include <mutex>

namespace vitrum::meso {

namespace {
std::mutex planner_mutex;  // the FFTW planner is not thread-safe
int fft_threads = 1;
bool threads_initialised = false;
}  // namespace

void set_fft_threads(int threads) {
  std::lock_guard lock(planner_mutex);
  if (!threads_initialised) {
    fftw_init_threads();
    threads_initialised = true;
  }
  fft_threads = threads < 1 ? 1 : threads;
}

struct SpectralConvolution::Plans {
  double* real = nullptr;
  fftw_complex* spectrum = nullptr;
  fftw_plan forward = nullptr;
  fftw_plan backward = nullptr;
};

SpectralConvolution::SpectralConvolution(const Lattice& lattice) : lattice_(lattice), plans_(std::make_unique<Plans>()) {
  std::lock_guard lock(planner_mutex);
  if (threads_initialised) fftw_plan_with_nthreads(fft_threads);
  plans_->real = fftw_alloc_real(lattice.sites());
  plans_->spectrum = fftw_alloc_complex(lattice.half_spectrum());
  int n[3] = {lattice.size, lattice.size, lattice.size};
  plans_->forward = fftw_plan_dft_r2c(lattice.dimension, n, plans_->real, plans_->spectrum, FFTW_ESTIMATE);
  plans_->backward = fftw_plan_dft_c2r(lattice.dimension, n, plans_->spectrum, plans_->real, FFTW_ESTIMATE);
}

SpectralConvolution::~SpectralConvolution() {
  std::lock_guard lock(planner_mutex);
  fftw_destroy_plan(plans_->forward);
  fftw_destroy_plan(plans_->backward);
  fftw_free(plans_->real);
  fftw_free(plans_->spectrum);
}

void SpectralConvolution::convolve_add(const std::vector<double>& in, const std::vector<double>& kernel_hat,
                                       std::vector<double>& out) {
  const std::size_t n = lattice_.sites(), h = lattice_.half_spectrum();
  std::copy(in.begin(), in.end(), plans_->real);
  fftw_execute(plans_->forward);
  for (std::size_t k = 0; k < h; ++k) {
    plans_->spectrum[k][0] *= kernel_hat[k];
    plans_->spectrum[k][1] *= kernel_hat[k];
  }
  fftw_execute(plans_->backward);  // c2r destroys the spectrum, which is rebuilt on every call
  for (std::size_t i = 0; i < n; ++i) out[i] += plans_->real[i];
}

std::vector<double> SpectralConvolution::inverse(const std::vector<double>& spectrum_real) {
  const std::size_t h = lattice_.half_spectrum();
  for (std::size_t k = 0; k < h; ++k) {
    plans_->spectrum[k][0] = spectrum_real[k];
    plans_->spectrum[k][1] = 0.0;
  }
  fftw_execute(plans_->backward);
  return {plans_->real, plans_->real + lattice_.sites()};
}

std::vector<double> SpectralConvolution::forward_real(const std::vector<double>& field) {
  std::copy(field.begin(), field.end(), plans_->real);
  fftw_execute(plans_->forward);
  std::vector<double> out(lattice_.half_spectrum());
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = plans_->spectrum[k][0];
  return out;
}

}  // namespace vitrum::meso
