#include "vitrum/continuum/quasistatic_shear.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/stopwatch.hpp"

namespace vitrum::continuum {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

QuasistaticShear::QuasistaticShear(const Grid& grid, const Moduli& moduli, const PlasticLaw& law,
                                   const ShearSettings& settings, const std::vector<double>& initial_state)
    : proj_(grid, moduli), law_(law), set_(settings) {
  if (!(set_.strain_rate > 0) || !(set_.max_strain_step > 0) || !(set_.cfl > 0 && set_.cfl <= 1))
    throw Error("continuum shear: need strain_rate > 0, max_strain_step > 0 and 0 < cfl ≤ 1");
  const auto nc = grid.cells(), nk = grid.corners();
  if (initial_state.size() != nc) throw Error("continuum shear: the initial field does not match the grid");
  s_.sigma = Eigen::VectorXd::Zero(Eigen::Index(grid.stress_size()));
  s_.state = Eigen::Map<const Eigen::VectorXd>(initial_state.data(), Eigen::Index(nc));
  s_.plastic_strain = Eigen::VectorXd::Zero(Eigen::Index(nc));
  s_.velocity = Eigen::VectorXd::Zero(Eigen::Index(grid.unknowns()));
  for (auto* v : {&dpl_, &sbar_, &tau_c_, &s_c_, &dplxy_c_, &uc_, &vc_}) v->assign(nc, 0.0);
  for (auto* v : {&s_k_, &spin_k_, &uk_, &vk_}) v->assign(nk, 0.0);
  // The velocity of the unstressed solid under the wall motion (affine shear) starts the lagged-velocity terms.
  Eigen::VectorXd w;
  rates(s_.sigma, s_.state, s_.plastic_strain, s_.velocity, k1_, w, false);
  s_.velocity = w;
}

void QuasistaticShear::velocities_at_points(const Eigen::VectorXd& w) {
  const Grid& g = grid();
  const double U = wall_speed(), h = g.h;
  auto u = [&](int i, int j) { return w[Eigen::Index(g.u_index(i, j))]; };
  auto v = [&](int i, int j) { return (j <= 0 || j >= g.ny) ? 0.0 : w[Eigen::Index(g.v_index(i, j))]; };
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto c = g.cell(i, j);
      uc_[c] = 0.5 * (u(i, j) + u(i + 1, j));
      vc_[c] = 0.5 * (v(i, j) + v(i, j + 1));
    }
  for (int j = 0; j <= g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto k = g.corner(i, j);
      if (j == 0) {
        uk_[k] = -U;
        vk_[k] = 0.0;
        spin_k_[k] = 0.5 * (u(i, 0) + U) / (0.5 * h);
      } else if (j == g.ny) {
        uk_[k] = U;
        vk_[k] = 0.0;
        spin_k_[k] = 0.5 * (U - u(i, g.ny - 1)) / (0.5 * h);
      } else {
        uk_[k] = 0.5 * (u(i, j - 1) + u(i, j));
        vk_[k] = 0.5 * (v(i - 1, j) + v(i, j));
        spin_k_[k] = 0.5 * ((u(i, j) - u(i, j - 1)) - (v(i, j) - v(i - 1, j))) / h;
      }
    }
}

void QuasistaticShear::advect(const double* phi, bool corners, const std::vector<double>& ua,
                              const std::vector<double>& va, double* out) const {
  const Grid& g = grid();
  const int rows = corners ? g.ny + 1 : g.ny;
  const double ih2 = 0.5 / g.h, ih = 1.0 / g.h;
  for (int j = 0; j < rows; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t p = std::size_t(j) * g.nx + i;
      auto at = [&](int ii, int jj) { return phi[std::size_t(jj) * g.nx + g.wrap(ii)]; };
      const double a = ua[p], b = va[p], f = phi[p];
      // x: periodic, always second order
      const double dx = a > 0 ? (3 * f - 4 * at(i - 1, j) + at(i - 2, j)) * ih2
                              : (-3 * f + 4 * at(i + 1, j) - at(i + 2, j)) * ih2;
      // y: second order where two upwind points exist, first order next to a wall, none from beyond it
      double dy = 0;
      if (b > 0) {
        if (j >= 2) dy = (3 * f - 4 * at(i, j - 1) + at(i, j - 2)) * ih2;
        else if (j == 1) dy = (f - at(i, 0)) * ih;
      } else if (b < 0) {
        if (j <= rows - 3) dy = (-3 * f + 4 * at(i, j + 1) - at(i, j + 2)) * ih2;
        else if (j == rows - 2) dy = (at(i, rows - 1) - f) * ih;
      }
      out[p] = a * dx + b * dy;
    }
}

void QuasistaticShear::rates(const Eigen::VectorXd& sigma, const Eigen::VectorXd& state,
                             const Eigen::VectorXd& plastic, const Eigen::VectorXd& w_old, Rates& out,
                             Eigen::VectorXd& w_new, bool stiffness) {
  const Grid& g = grid();
  const auto nc = g.cells(), nk = g.corners();
  const double mu = proj_.moduli().shear;
  out.sigma.resize(Eigen::Index(g.stress_size()));
  out.state.resize(Eigen::Index(nc));
  out.plastic.resize(Eigen::Index(nc));
  const double* sg = sigma.data();
  double lambda = 0;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto c = g.cell(i, j);
      const double s = 0.5 * (sg[g.xx(c)] - sg[g.yy(c)]);
      const double tau = 0.25 * (sg[g.xy(g.corner(i, j))] + sg[g.xy(g.corner(i + 1, j))] +
                                 sg[g.xy(g.corner(i, j + 1))] + sg[g.xy(g.corner(i + 1, j + 1))]);
      const double sbar = std::sqrt(s * s + tau * tau), x = state[Eigen::Index(c)];
      const double d = law_.rate(sbar, x);
      s_c_[c] = s;
      tau_c_[c] = tau;
      sbar_[c] = sbar;
      dpl_[c] = d;
      const double dps = sbar > 0 ? d * s / sbar : 0.0;
      dplxy_c_[c] = sbar > 0 ? d * tau / sbar : 0.0;
      out.sigma[Eigen::Index(g.xx(c))] = -2.0 * mu * dps;
      out.sigma[Eigen::Index(g.yy(c))] = 2.0 * mu * dps;
      // Stability: plastic relaxation of s̄ and relaxation of the internal variable (difference quotient).
      const double xr = law_.state_rate(sbar, x, d);
      if (stiffness) {
        const double dx = 1e-6 * std::max(std::abs(x), 1e-12);
        const double xr2 = law_.state_rate(sbar, x + dx, law_.rate(sbar, x + dx));
        lambda = std::max(lambda, 2.0 * mu * law_.rate_slope(sbar, x) + std::abs(xr2 - xr) / dx);
      }
      out.state[Eigen::Index(c)] = xr;
      out.plastic[Eigen::Index(c)] = 2.0 * d;
    }
  for (int j = 0; j <= g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      double dxy = 0, s = 0;
      int n = 0;
      for (int jj = j - 1; jj <= j; ++jj) {
        if (jj < 0 || jj >= g.ny) continue;
        for (int ii = i - 1; ii <= i; ++ii) {
          dxy += dplxy_c_[g.cell(ii, jj)];
          s += s_c_[g.cell(ii, jj)];
          ++n;
        }
      }
      const auto k = g.corner(i, j);
      s_k_[k] = s / n;
      out.sigma[Eigen::Index(g.xy(k))] = -2.0 * mu * dxy / n;
    }
  double* rs = out.sigma.data();
  if (set_.jaumann || set_.advection) velocities_at_points(w_old);
  if (set_.jaumann) {
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const auto c = g.cell(i, j);
        const double om = 0.25 * (spin_k_[g.corner(i, j)] + spin_k_[g.corner(i + 1, j)] + spin_k_[g.corner(i, j + 1)] +
                                  spin_k_[g.corner(i + 1, j + 1)]);
        rs[g.xx(c)] += 2.0 * om * tau_c_[c];
        rs[g.yy(c)] -= 2.0 * om * tau_c_[c];
      }
    for (std::size_t k = 0; k < nk; ++k) rs[g.xy(k)] -= 2.0 * spin_k_[k] * s_k_[k];
  }
  adv_.resize(std::max(nc, nk));
  double* adv = adv_.data();
  double vmax = 0;
  if (set_.advection) {
    advect(sg + g.xx(0), false, uc_, vc_, adv);
    for (std::size_t c = 0; c < nc; ++c) rs[g.xx(c)] -= adv[c];
    advect(sg + g.yy(0), false, uc_, vc_, adv);
    for (std::size_t c = 0; c < nc; ++c) rs[g.yy(c)] -= adv[c];
    advect(sg + g.xy(0), true, uk_, vk_, adv);
    for (std::size_t k = 0; k < nk; ++k) rs[g.xy(k)] -= adv[k];
    for (std::size_t k = 0; k < nk; ++k) vmax = std::max(vmax, std::abs(uk_[k]) + std::abs(vk_[k]));
  }
  const auto t0 = Clock::now();
  proj_.project(out.sigma, wall_speed(), w_new);
  solve_seconds_ += seconds_since(t0);
  ++solves_;

  // Internal variable: transport by the new velocity, diffusion l² ∇·(D^pl ∇x) with no flux through the walls.
  const double kdiff = law_.diffusion_prefactor(), ih2 = 1.0 / (g.h * g.h);
  double dmax = 0;
  if (kdiff > 0)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const auto c = g.cell(i, j);
        dmax = std::max(dmax, dpl_[c]);
        double flux = 0;
        const double xc = state[Eigen::Index(c)];
        for (auto [ii, jj] : {std::pair{i + 1, j}, std::pair{i - 1, j}, std::pair{i, j + 1}, std::pair{i, j - 1}}) {
          if (jj < 0 || jj >= g.ny) continue;
          const auto n = g.cell(ii, jj);
          flux += 0.5 * (dpl_[c] + dpl_[n]) * (state[Eigen::Index(n)] - xc);
        }
        out.state[Eigen::Index(c)] += kdiff * flux * ih2;
      }
  if (set_.advection) {
    velocities_at_points(w_new);
    advect(state.data(), false, uc_, vc_, adv);
    for (std::size_t c = 0; c < nc; ++c) out.state[Eigen::Index(c)] -= adv[c];
    advect(plastic.data(), false, uc_, vc_, adv);
    for (std::size_t c = 0; c < nc; ++c) out.plastic[Eigen::Index(c)] -= adv[c];
  }
  // Heun's method is stable for real eigenvalues in [−2/dt, 0]: the largest explicit rates set the step.
  lambda = std::max({lambda, 8.0 * kdiff * dmax * ih2, 2.0 * vmax / g.h});
  out.stiffness = lambda;
}

double QuasistaticShear::step(double strain_limit) {
  const auto t0 = Clock::now();
  const double rate = set_.strain_rate;
  Eigen::VectorXd w1, w2;
  rates(s_.sigma, s_.state, s_.plastic_strain, s_.velocity, k1_, w1, true);
  double dt = set_.max_strain_step / rate;
  if (k1_.stiffness > 0) dt = std::min(dt, 2.0 * set_.cfl / k1_.stiffness);
  // A step so short that the strain still to go needs more than kMaxShearSteps of them is a run that would not end
  // in useful time (a hot χ field at a slow strain rate): stop and say why rather than appear to hang.
  const double to_go = (strain_limit - s_.strain) / (rate * dt);
  if (!(to_go <= kMaxShearSteps) && !(s_.state.minCoeff() > 0))
    throw Error(fmt::format("continuum shear: the state variable (χ or free volume) left its physical range (min "
                            "{:.4g}) by strain {:.4g}: the explicit plastic update diverged; start from a colder field "
                            "or shear faster", s_.state.minCoeff(), s_.strain));
  if (!(to_go <= kMaxShearSteps))
    throw Error(fmt::format("continuum shear: the stable step is {:.3g} s (stiff plastic relaxation where the state "
                            "variable, χ or free volume, is high: max {:.4g}): reaching strain {:.4g} needs {:.3g} more "
                            "steps, over the {:.0e} allowed; start from a colder field or shear faster", dt, s_.state.maxCoeff(), strain_limit, to_go,
                            kMaxShearSteps));
  bool last = false;
  if (s_.strain + rate * dt >= strain_limit) {
    dt = (strain_limit - s_.strain) / rate;
    last = true;
  }
  if (!(dt > 0)) return 0.0;
  const Eigen::VectorXd sig1 = s_.sigma + dt * k1_.sigma;
  const Eigen::VectorXd st1 = s_.state + dt * k1_.state;
  const Eigen::VectorXd pl1 = s_.plastic_strain + dt * k1_.plastic;
  rates(sig1, st1, pl1, w1, k2_, w2, false);
  s_.sigma += 0.5 * dt * (k1_.sigma + k2_.sigma);
  s_.state += 0.5 * dt * (k1_.state + k2_.state);
  s_.plastic_strain += 0.5 * dt * (k1_.plastic + k2_.plastic);
  s_.velocity = w2;
  s_.time += dt;
  s_.strain = last ? strain_limit : s_.strain + rate * dt;
  if (!std::isfinite(s_.sigma.squaredNorm()) || !std::isfinite(s_.state.squaredNorm()))
    throw Error("continuum shear: the fields became non-finite (lower cfl or max_strain_step)");
  ++steps_;
  total_seconds_ += seconds_since(t0);
  return rate * dt;
}

void QuasistaticShear::advance_to(double strain) {
  while (s_.strain < strain) step(strain);
}

double QuasistaticShear::shear_stress() const {
  const Grid& g = grid();
  double sum = 0;
  for (int i = 0; i < g.nx; ++i) sum += s_.sigma[Eigen::Index(g.xy(g.corner(i, g.ny)))];
  return sum / g.nx;
}

std::vector<double> QuasistaticShear::plastic_rate() const {
  std::vector<double> out = effective_stress();
  for (std::size_t c = 0; c < out.size(); ++c) out[c] = 2.0 * law_.rate(out[c], s_.state[Eigen::Index(c)]);
  return out;
}

std::vector<double> QuasistaticShear::effective_stress() const {
  const Grid& g = grid();
  std::vector<double> out(g.cells());
  const double* sg = s_.sigma.data();
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto c = g.cell(i, j);
      const double s = 0.5 * (sg[g.xx(c)] - sg[g.yy(c)]);
      const double tau = 0.25 * (sg[g.xy(g.corner(i, j))] + sg[g.xy(g.corner(i + 1, j))] + sg[g.xy(g.corner(i, j + 1))] +
                                 sg[g.xy(g.corner(i + 1, j + 1))]);
      out[c] = std::sqrt(s * s + tau * tau);
    }
  return out;
}

}  // namespace vitrum::continuum
