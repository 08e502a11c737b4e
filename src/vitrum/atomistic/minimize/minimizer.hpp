// Energy minimisation to inherent structures: FIRE 2.0, Polak–Ribière conjugate gradient and L-BFGS.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vitrum/atomistic/system.hpp"

namespace vitrum {

struct MinimizeOptions {
  std::string method = "fire";       // fire | cg | lbfgs
  double ftol = 1e-10;               // stop when max_i |F_i| < ftol [force]
  std::int64_t max_iterations = 200000;
  double dt = 0.005;                 // FIRE initial time step [time]
  double max_step = 0.1;             // largest displacement of any atom in one step [length]
  int memory = 8;                    // L-BFGS: number of (s, y) pairs kept
};

struct MinimizeResult {
  std::string method;
  double energy = 0;                 // total potential energy at the end
  double fmax = 0;                   // max_i |F_i| at the end
  std::int64_t iterations = 0;
  std::int64_t force_evaluations = 0;
  bool converged = false;
};

// Called every iteration with (iteration, fmax); return false to stop early.
using MinimizeMonitor = std::function<void(std::int64_t iteration, double fmax)>;

// Velocities are zeroed on return (an inherent structure has no kinetic energy).
MinimizeResult minimize(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor = {});
MinimizeResult minimize_fire(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor);
MinimizeResult minimize_cg(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor);
MinimizeResult minimize_lbfgs(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor);

[[nodiscard]] double max_force(const Particles& p);
// Σ_i a_i·b_i over all particles (a search direction's slope against the forces, L-BFGS inner products).
[[nodiscard]] double sum_dot(const std::vector<Vec3>& a, const std::vector<Vec3>& b);
// max_i |v_i| (the largest per-particle component of a force or a search direction).
[[nodiscard]] double max_norm(const std::vector<Vec3>& v);

}  // namespace vitrum
