// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 7.4 and 7.5) with a
// line search on the slope alone.
#include <algorithm>
#include <cmath>
#include <vector>

#include "vitrum/atomistic/minimize/minimizer.hpp"

namespace vitrum {

namespace {

// The last m pairs (s_k = x_{k+1} − x_k, y_k = F_k − F_{k+1} = ∇U_{k+1} − ∇U_k) in a ring.
struct History {
  std::vector<std::vector<Vec3>> s, y;
  std::vector<double> rho, alpha;
  int size = 0, next = 0;
  explicit History(int m, std::size_t n)
      : s(static_cast<std::size_t>(m), std::vector<Vec3>(n)), y(s), rho(static_cast<std::size_t>(m)), alpha(rho) {}
  [[nodiscard]] int capacity() const { return static_cast<int>(s.size()); }
  std::size_t slot(int back) const {  // back = 0: the newest pair
    return static_cast<std::size_t>((next - 1 - back + 2 * capacity()) % capacity());
  }
};

// d = H F, the two-loop recursion with H_0 = γ I, γ = s·y / y·y of the newest pair (N&W eq. 7.20).
// Written on F = −∇U, so that d is a descent direction.
void two_loop(History& h, const std::vector<Vec3>& force, std::vector<Vec3>& d) {
  d = force;
  const std::size_t n = d.size();
  for (int b = 0; b < h.size; ++b) {
    const std::size_t k = h.slot(b);
    const double a = h.rho[k] * sum_dot(h.s[k], d);
    h.alpha[k] = a;
    const auto& y = h.y[k];
    for (std::size_t i = 0; i < n; ++i) d[i] -= y[i] * a;
  }
  const std::size_t newest = h.slot(0);
  const double gamma = 1.0 / (h.rho[newest] * sum_dot(h.y[newest], h.y[newest]));
  for (auto& v : d) v = v * gamma;
  for (int b = h.size - 1; b >= 0; --b) {
    const std::size_t k = h.slot(b);
    const double beta = h.rho[k] * sum_dot(h.y[k], d);
    const double c = h.alpha[k] - beta;
    const auto& s = h.s[k];
    for (std::size_t i = 0; i < n; ++i) d[i] += s[i] * c;
  }
}

}  // namespace

// Energies near an inherent structure drown in round-off long before |F| reaches 1e-10, and the stages
// that call us skip the energy altogether, so the line search (like CG's) reads only the slope
// φ'(a) = −F(x + a d)·d: the quasi-Newton step a = 1 (capped at max_step per atom) is accepted when
// |φ'(a)| ≤ 0.9 |φ'(0)| (the strong-Wolfe curvature condition, which keeps s·y > 0 and, for a quadratic,
// implies a decrease of U); otherwise bracket and take secant steps. Without history (start, restart)
// the direction is F and the search runs to |φ'| < 0.1 |φ'(0)| so that the first pair sets a good γ.
// Restart (history cleared) when d is not a descent direction or the search fails.
// Positions move by increments, so a list rebuild that wraps them (and their images) mid-search is harmless.
MinimizeResult minimize_lbfgs(System& s, const MinimizeOptions& opt, const MinimizeMonitor& monitor) {
  constexpr int kMaxLineSteps = 20;
  constexpr double kCurvature = 0.9, kCurvatureFirst = 0.1;
  Particles& p = s.cfg.particles;
  const std::size_t n = p.size();
  MinimizeResult r{.method = "lbfgs"};
  s.compute_forces();
  r.force_evaluations = 1;
  r.fmax = max_force(p);
  History hist(std::max(1, opt.memory), n);
  std::vector<Vec3> d(n), f_old(n);
  double first_step = 0;  // the last accepted steepest-descent step length, to start the next one
  for (r.iterations = 0; r.iterations < opt.max_iterations && r.fmax >= opt.ftol; ++r.iterations) {
    double slope0 = 0;
    if (hist.size > 0) {
      two_loop(hist, p.force, d);
      slope0 = sum_dot(p.force, d);  // = −φ'(0)
    }
    const bool steepest = !(slope0 > 0);
    if (steepest) {
      hist.size = 0;
      d = p.force;
      slope0 = sum_dot(p.force, d);
    }
    const double dmax = max_norm(d);
    const double a_cap = opt.max_step / dmax;
    double a = steepest ? (first_step > 0 ? std::min(first_step, a_cap) : std::min(a_cap, 1e-3 / dmax + 0.01 * a_cap))
                        : std::min(1.0, a_cap);
    const double c = steepest ? kCurvatureFirst : kCurvature;
    f_old = p.force;
    double a_now = 0, a_lo = 0, s_lo = slope0, a_hi = -1, s_hi = 0, slope = slope0;
    bool accepted = false;
    for (int k = 0; k < kMaxLineSteps; ++k) {
      const double da = a - a_now;
      for (std::size_t i = 0; i < n; ++i) p.position[i] += d[i] * da;
      a_now = a;
      s.compute_forces();
      ++r.force_evaluations;
      slope = sum_dot(p.force, d);
      if (std::abs(slope) <= c * slope0) {
        accepted = true;
        break;
      }
      if (slope > 0) {  // still steeply downhill: raise the lower end; without a bracket, go further
        const double a_prev = a_lo, s_prev = s_lo;
        a_lo = a;
        s_lo = slope;
        if (a_hi < 0) {
          if (a >= a_cap) {  // the largest allowed step: take it
            accepted = true;
            break;
          }
          // secant extrapolation on the slope, kept within [2a, 4a]
          const double guess = s_prev > slope ? a + (a - a_prev) * slope / (s_prev - slope) : 4 * a;
          a = std::min(std::clamp(guess, 2 * a, 4 * a), a_cap);
          continue;
        }
      } else {
        a_hi = a;
        s_hi = slope;
      }
      a = a_lo + (a_hi - a_lo) * s_lo / (s_lo - s_hi);  // secant on the slope inside the bracket
    }
    r.fmax = max_force(p);
    if (monitor) monitor(r.iterations, r.fmax);
    if (steepest) first_step = a_now;
    // y·s = a (φ'(a) − φ'(0)) > 0 is what keeps H positive definite; skip the pair otherwise.
    const double sy = a_now * (slope0 - slope);
    if (!accepted || !(sy > 0)) {
      hist.size = 0;
      continue;
    }
    const std::size_t k = static_cast<std::size_t>(hist.next);
    auto& sk = hist.s[k];
    auto& yk = hist.y[k];
    for (std::size_t i = 0; i < n; ++i) {
      sk[i] = d[i] * a_now;
      yk[i] = f_old[i] - p.force[i];
    }
    hist.rho[k] = 1.0 / sy;
    hist.next = (hist.next + 1) % hist.capacity();
    hist.size = std::min(hist.size + 1, hist.capacity());
  }
  r.energy = s.last.energy;
  r.converged = r.fmax < opt.ftol;
  return r;
}

}  // namespace vitrum
