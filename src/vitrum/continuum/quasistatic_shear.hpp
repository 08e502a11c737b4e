// Quasi-static simple shear of a 2D plastic solid by the projection method (explicit stress and state update,
// elliptic velocity solve), periodic in x between two walls moving at ±U.
#pragma once
#include <vector>

#include "vitrum/continuum/elastic_projection.hpp"
#include "vitrum/continuum/plastic_law.hpp"

namespace vitrum::continuum {

// At most this many steps to the next strain target (docs/stz.md: slow strain rates take 1e5-1e6): a run that would
// need more is stopped with an error saying why.
inline constexpr double kMaxShearSteps = 1e8;

struct ShearSettings {
  double strain_rate = 1e-4;     // applied γ̇ = 2U/ly [1/s]
  double max_strain_step = 1e-4;  // cap on the strain increment of one step
  double cfl = 0.4;              // fraction of each explicit stability limit that one step may use
  bool jaumann = true;           // objective (Jaumann) stress rate
  bool advection = true;         // (v·∇) transport of stress, internal variable and plastic strain
};

// Fields at one instant. Stresses in Pa; the internal variable in the law's units; velocity unknowns in m/s.
struct ShearState {
  Eigen::VectorXd sigma;           // layout of Grid::stress_size()
  Eigen::VectorXd state;           // internal variable (χ or ξ) at cell centres
  Eigen::VectorXd plastic_strain;  // ∫ 2 D^pl dt at cell centres (equivalent plastic shear strain)
  Eigen::VectorXd velocity;        // unknowns of the last projection
  double time = 0, strain = 0;
};

// The field equations (Rycroft, Sui & Bouchbinder 2015, in the plane-strain in-plane form of elastic_projection.hpp):
//   ∂σ/∂t + (v·∇)σ − (ωσ − σω) = C : (D − D^pl),   D^pl_ij = D^pl s_ij/s̄,
//   ∂x/∂t + (v·∇)x = law.state_rate + k ∇·(D^pl ∇x),   with div σ = 0 at all times.
// The non-elastic rates are explicit (advection by second-order upwind differences with the previous stage's
// velocity); the elliptic solve gives the velocity and with it the elastic part. The pair is an ODE system in
// (σ, x), advanced by Heun's second-order Runge–Kutta method: two projections a step. The step is the largest that
// stays within `cfl` of the explicit stability limits of plastic relaxation (2μ ∂D^pl/∂s̄), of the internal
// variable, of the diffusion term and of advection, and within max_strain_step.
class QuasistaticShear {
 public:
  QuasistaticShear(const Grid& grid, const Moduli& moduli, const PlasticLaw& law, const ShearSettings& settings,
                   const std::vector<double>& initial_state);

  // One Heun step, shortened so as not to pass `strain_limit`; returns the strain increment.
  double step(double strain_limit);
  void advance_to(double strain);

  [[nodiscard]] const ShearState& state() const { return s_; }
  [[nodiscard]] const Grid& grid() const { return proj_.grid(); }
  [[nodiscard]] const ElasticProjection& projection() const { return proj_; }
  [[nodiscard]] double wall_speed() const { return 0.5 * set_.strain_rate * proj_.grid().ly(); }
  // Mean σxy on the top wall (the shear stress an experiment measures) [Pa].
  [[nodiscard]] double shear_stress() const;
  // Cell-centred fields of the current state.
  [[nodiscard]] std::vector<double> plastic_rate() const;  // 2 D^pl [1/s]
  [[nodiscard]] std::vector<double> effective_stress() const;  // s̄ [Pa]
  [[nodiscard]] double max_divergence() const { return proj_.max_divergence(s_.sigma); }
  [[nodiscard]] long steps() const { return steps_; }
  [[nodiscard]] long solves() const { return solves_; }
  [[nodiscard]] double solve_seconds() const { return solve_seconds_; }
  [[nodiscard]] double total_seconds() const { return total_seconds_; }

 private:
  struct Rates {
    Eigen::VectorXd sigma, state, plastic;
    double stiffness = 0;  // largest |eigenvalue| estimate of the explicit terms [1/s]
  };
  void rates(const Eigen::VectorXd& sigma, const Eigen::VectorXd& state, const Eigen::VectorXd& plastic,
             const Eigen::VectorXd& w_old, Rates& out, Eigen::VectorXd& w_new, bool stiffness);
  // Second-order upwind (v·∇)φ for φ on cells (corners = false) or corners.
  void advect(const double* phi, bool corners, const std::vector<double>& ua, const std::vector<double>& va,
              double* out) const;
  void velocities_at_points(const Eigen::VectorXd& w);

  ElasticProjection proj_;
  const PlasticLaw& law_;
  ShearSettings set_;
  ShearState s_;
  // scratch, cell and corner fields
  std::vector<double> adv_, dpl_, sbar_, tau_c_, s_c_, dplxy_c_, s_k_, spin_k_, uc_, vc_, uk_, vk_;
  Rates k1_, k2_;
  long steps_ = 0, solves_ = 0;
  double solve_seconds_ = 0, total_seconds_ = 0;
};

}  // namespace vitrum::continuum
