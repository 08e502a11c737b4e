// The atoms-to-continuum link: per-atom potential energies averaged on a 2D grid and mapped linearly to χ.
#pragma once
#include <vector>

namespace vitrum::continuum {

struct CoarseGrainSettings {
  int nx = 0, ny = 0;             // grid over the box's x and y (the field is averaged through z)
  double smoothing_length = 0;    // 0: plain average of the atoms in each cell; > 0: Gaussian weights exp(−r²/2ℓ²)
  double beta = 0;                // β [1/energy unit of U]
  double u0 = 0;                  // U0 [energy unit of U]
  double ez_over_kb = 21000.0;    // e_z/k_B [K] (Vitreloy 1, REFERENCES.md)
};

// Mean per-atom energy on each cell of an nx × ny grid (row j = y, C order (ny, nx)). Positions are fractional
// coordinates of the periodic box in [0, 1); lx and ly (box lengths) only set the distances of the Gaussian
// smoothing, which is periodic in both directions. A cell that receives no weight is an error that says so.
std::vector<double> coarse_grain_energy(const std::vector<double>& sx, const std::vector<double>& sy,
                                        const std::vector<double>& energy, double lx, double ly,
                                        const CoarseGrainSettings& s);

// Hinkle, Rycroft, Shields & Falk, PRE 95, 053001 (2017): χ = β (U − U0) e_z/k_B, cell by cell. Every χ must be
// positive, or β and U0 do not fit this glass (the error gives the energy range).
std::vector<double> energy_to_chi(const std::vector<double>& mean_energy, const CoarseGrainSettings& s);

}  // namespace vitrum::continuum
