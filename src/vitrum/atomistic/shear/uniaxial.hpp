// Athermal quasistatic uniaxial tension or compression of a periodic box: strain steps along one axis, each followed
// by a minimisation, with the lateral lengths either fixed or adjusted until the lateral normal stresses are back at
// their starting values (free lateral contraction: Young's modulus and Poisson's ratio).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// Sign convention: tensile stress positive, σ_aa = −W_aa / V (the virial's part of the pressure tensor, no kinetic
// part: states are minimised). Strains are engineering strains of the box lengths from the stage's start.
struct UniaxialOptions {
  int axis = 2;                      // 0 = x, 1 = y, 2 = z
  double strain_step = -1e-4;        // per step along the axis: < 0 compression, > 0 tension
  double max_strain = 0.01;          // |total strain| applied
  bool lateral_free = true;          // hold the two lateral normal stresses at their start values; false: fixed lengths
  double stress_tolerance = 1e-7;    // |lateral stress − its start value| after the lateral iterations [stress]
  int max_lateral_iterations = 30;
  MinimizeOptions minimize;          // ftol defaults to 1e-10
};

struct UniaxialPoint {
  double strain = 0;                 // along the axis
  double stress = 0;                 // σ along the axis
  std::array<double, 2> lateral_strain{};  // the other two axes, in increasing axis order
  std::array<double, 2> lateral_stress{};
  double pe_per_particle = 0;
  int lateral_iterations = 0;        // minimisations the step needed
};

struct UniaxialResult {
  std::vector<UniaxialPoint> curve;  // curve[0]: the minimised start
  bool converged = true;             // every minimisation reached ftol and every step its lateral tolerance
  double worst_fmax = 0;
  double worst_lateral_residual = 0;
};

// Scales the box lengths by `factors` about its lower corner, moving the particles affinely (image counts kept) and
// rebuilding the neighbour list. The box must be orthogonal.
void scale_box(System& s, const Vec3& factors);

// Called with step 0 after the start is minimised, then after every step; return false to stop.
using UniaxialMonitor = std::function<bool(const UniaxialPoint& point, std::int64_t step)>;

UniaxialResult run_uniaxial(System& s, const UniaxialOptions& opt, const UniaxialMonitor& monitor = {});

// Young's modulus and Poisson's ratio from the first `points` steps (least squares through the start):
// E = dσ/dε, ν = −(dε_lateral,1 + dε_lateral,2) / (2 dε).
struct UniaxialModuli {
  double youngs_modulus = 0, poisson_ratio = 0;
};
UniaxialModuli fit_uniaxial_moduli(const std::vector<UniaxialPoint>& curve, std::size_t points);

}  // namespace vitrum
