#include "vitrum/meso/eshelby_propagator.hpp"

#include <cmath>

#include "vitrum/core/error.hpp"
#include "vitrum/meso/spectral_convolution.hpp"

namespace vitrum::meso {

double EshelbyPropagator::shape(int kx, int ky, int kz) const {
  const double two_pi_over_l = 2.0 * M_PI / lattice_.size;
  const double a = 2.0 - 2.0 * std::cos(two_pi_over_l * kx);
  const double b = 2.0 - 2.0 * std::cos(two_pi_over_l * ky);
  if (lattice_.dimension == 2) {
    const double s = a + b;
    return s > 0 ? 4.0 * a * b / (s * s) : 0.0;
  }
  const double c = 2.0 - 2.0 * std::cos(two_pi_over_l * kz);
  const double s = a + b + c;
  return s > 0 ? (2.0 * a * b / (1.0 - poisson_ratio_) + c * s) / (s * s) : 0.0;
}

EshelbyPropagator::EshelbyPropagator(Lattice lattice, LoadControl control, double poisson_ratio)
    : lattice_(lattice), control_(control), poisson_ratio_(poisson_ratio) {
  if (lattice.dimension != 2 && lattice.dimension != 3) throw Error("EPM lattice: dimension must be 2 or 3");
  if (lattice.size < 4 || lattice.size % 2 != 0) throw Error("EPM lattice: size must be even and at least 4");
  if (!(poisson_ratio > -1.0 && poisson_ratio <= 0.5)) throw Error("EPM elasticity: Poisson ratio must be in (-1, 1/2]");
  const int L = lattice.size, half = L / 2 + 1;
  const int nz = lattice.dimension == 3 ? L : 1;
  const auto n = static_cast<double>(lattice.sites());
  // Sum of g over the full spectrum (q != 0): the half spectrum counts kx = 1 .. L/2-1 twice.
  double sum = 0;
  for (int kz = 0; kz < nz; ++kz)
    for (int ky = 0; ky < L; ++ky)
      for (int kx = 0; kx < half; ++kx) sum += (kx == 0 || kx == L / 2 ? 1.0 : 2.0) * shape(kx, ky, kz);
  const double g0 = control == LoadControl::Strain ? -1.0 : 0.0;
  // G(0) = (1/N) [G~(0) - A sum] = -1.
  amplitude_ = (n + g0) / sum;
  kernel_hat_.resize(lattice.half_spectrum());
  std::size_t k = 0;
  for (int kz = 0; kz < nz; ++kz)
    for (int ky = 0; ky < L; ++ky)
      for (int kx = 0; kx < half; ++kx, ++k) {
        const bool zero = kx == 0 && ky == 0 && kz == 0;
        kernel_hat_[k] = (zero ? g0 : -amplitude_ * shape(kx, ky, kz)) / n;
      }
  SpectralConvolution fft(lattice);
  kernel_real_ = fft.inverse(kernel_hat_);
}

}  // namespace vitrum::meso
