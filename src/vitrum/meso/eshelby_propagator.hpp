// The Eshelby propagator of simple shear on the EPM lattice: Fourier kernel, normalisation, and its real-space field.
#pragma once
#include <vector>

#include "vitrum/meso/lattice.hpp"

namespace vitrum::meso {

// What is held fixed at q = 0. Strain control (fixed macroscopic shear, the default of quasistatic and
// finite-rate shear): G~(0) = -1, so one event lowers the mean stress by its stress drop / N.
// Stress control (creep): G~(0) = 0, so the stress a failing block loses goes entirely to the others.
enum class LoadControl { Strain, Stress };

// Shear-stress response sigma_xy at r to a unit plastic shear event at the origin, in the lattice form of
// tdegeus/GooseEPM: every q^2_i of the continuum form becomes k_i = 2 - 2 cos q_i (the discrete Laplacian).
//   2D (incompressible, plane strain):  G~(q) = -A 4 k_x k_y / (k_x + k_y)^2
//   3D (Poisson ratio nu):               G~(q) = -A [2 k_x k_y/(1-nu) + k_z k] / k^2,  k = k_x + k_y + k_z
// The 3D form solves q_j C_ijkl (eps_kl - eps^p_kl) = 0 for an isotropic medium with a plastic shear eps^p_xy
// and reads off sigma_xy / (2 mu eps^p_xy) (validation/meso/derive_3d_propagator.py checks it numerically for
// several nu); k_z = 0 gives back the 2D form at nu = 1/2.
// Normalisation: A is chosen so that G(r = 0) = -1: a block that fails with stress drop ds loses exactly ds.
// In the continuum A = 2 in 2D (the q-average of 4 q_x^2 q_y^2 / q^4 is 1/2), and the far field is
// G(r, theta) = A cos(4 theta) / (pi r^2) in 2D: positive along the shear axes x and y, negative on the diagonals.
class EshelbyPropagator {
 public:
  EshelbyPropagator(Lattice lattice, LoadControl control, double poisson_ratio = 0.5);

  [[nodiscard]] const Lattice& lattice() const { return lattice_; }
  [[nodiscard]] LoadControl control() const { return control_; }
  // G~ on the half spectrum (FFTW r2c layout), already divided by N so that a forward and a backward
  // transform give the real-space convolution without further scaling.
  [[nodiscard]] const std::vector<double>& fourier_kernel() const { return kernel_hat_; }
  // Real-space G(r) on the lattice (index of r as a site index, r = 0 at site 0), by one inverse FFT.
  [[nodiscard]] const std::vector<double>& real_space_kernel() const { return kernel_real_; }
  // The prefactor A of the q != 0 part (see above).
  [[nodiscard]] double amplitude() const { return amplitude_; }
  // The unscaled kernel shape g(q) >= 0 at integer wave numbers (kx, ky, kz); G~ = -A g for q != 0.
  [[nodiscard]] double shape(int kx, int ky, int kz) const;

 private:
  Lattice lattice_;
  LoadControl control_;
  double poisson_ratio_;
  double amplitude_ = 0;
  std::vector<double> kernel_hat_;
  std::vector<double> kernel_real_;
};

}  // namespace vitrum::meso
