// Dynamics that prove equilibration: S(q) first peak, MSD, self-intermediate scattering F_s(q,t) and τ_α from plain MD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vitrum/atomistic/system.hpp"

namespace vitrum {

// S(q) = |Σ_j exp(i q·r_j)|² / N on the reciprocal lattice of the box, averaged in shells of width
// `bin`; returns the q of the largest shell average in [q_min, q_max].
// dimension 2: only in-plane wave vectors (a planar system, Configuration::dimension).
double first_peak_q(const Particles& p, const Box& box, double q_min = 4.0, double q_max = 10.0, double bin = 0.1,
                    int dimension = 3);

// MSD and the isotropic F_s(q,t) = (1/N) Σ_j sin(q Δr_j)/(q Δr_j) of unwrapped positions against `reference`.
struct SelfDynamics {
  double msd = 0;
  double fs = 0;
};
// F_s is the isotropic average: sin(qr)/(qr) in 3D, J0(qr) in 2D (dimension 2).
SelfDynamics self_dynamics(const Particles& p, const Box& box, const std::vector<Vec3>& reference, double q,
                          int dimension = 3);
std::vector<Vec3> unwrapped_positions(const Particles& p, const Box& box);

// First time at which the curve falls below `level` (linear interpolation in log t); none if it never does.
std::optional<double> crossing_time(const std::vector<double>& time, const std::vector<double>& f,
                                    double level = 0.36787944117144233);

struct DynamicsOptions {
  double temperature = 1.0;
  double dt = 0.005;
  std::int64_t steps = 10000;   // length of the MD run [steps]
  std::uint32_t seed = 1;       // initial velocities
  double q = 0;                 // 0: the first peak of S(q) of the starting configuration
  int points_per_decade = 10;   // log-spaced sampling times
};

struct DynamicsResult {
  double q = 0;
  std::vector<double> time, msd, fs;  // averaged over the time origins (one for MD)
  std::optional<double> tau_alpha;    // F_s(q, τ_α) = 1/e of the average
  std::vector<std::optional<double>> tau_by_origin;  // the same from each origin's own curve (MC dynamics)
};

struct McDynamicsOptions {
  double temperature = 1.0;
  double p_swap = 0.0;          // 0: translations only (standard MC); > 0: with swap moves
  std::int64_t sweeps = 10000;  // longest time [sweeps]
  std::uint32_t seed = 1;
  double max_displacement = 0.1;
  double q = 0;                 // 0: the first peak of S(q) of the starting configuration
  int points_per_decade = 10;
  double stop_below = 0.2;      // end early once F_s has fallen below this (τ is then known)
  std::int64_t origins = 1;     // time origins along the one trajectory, `spacing` sweeps apart
  std::int64_t spacing = 1;
};

// The same observables along a Monte Carlo trajectory, time in sweeps (N attempted moves): with and
// without swaps they give the swap speed-up τ_MC / τ_swap (Ninarello, Berthier & Coslovich, PRX 7,
// 021039 (2017), Fig. 2). Works on a copy of `start`. With several origins (the state at sweeps 0, spacing,
// 2·spacing, ...) every origin sees the same log-spaced lags, the curves are averaged lag by lag, and the run
// ends when the last origin's own F_s has fallen below stop_below (or its lag reaches `sweeps`).
DynamicsResult measure_mc_dynamics(const Potential& u, const Configuration& start, const McDynamicsOptions& opt);

// Plain NVT MD (Nosé–Hoover, fresh Maxwell–Boltzmann velocities at T) from the state of s, one
// time origin at the start; s is advanced. Throws Interrupted-free: the caller checks signals.
DynamicsResult measure_dynamics(System& s, const DynamicsOptions& opt);

}  // namespace vitrum
