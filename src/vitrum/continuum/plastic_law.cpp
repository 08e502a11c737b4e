#include "vitrum/continuum/plastic_law.hpp"

#include <cmath>

#include "vitrum/core/error.hpp"

namespace vitrum::continuum {

StzLaw::StzLaw(const StzParameters& p) : p_(p) {
  if (!(p.yield_stress > 0 && p.tau0 > 0 && p.epsilon0 > 0 && p.c0 > 0 && p.ez_over_kb > 0 && p.chi_inf > 0 &&
        p.delta_over_kb >= 0 && p.temperature > 0 && p.stz_volume > 0 && p.diffusion_length >= 0))
    throw Error("STZ parameters must be positive (diffusion_length and delta may be zero)");
  a_ = p.stz_volume * p.epsilon0 / (kBoltzmann * p.temperature);
  b_ = p.delta_over_kb / p.temperature;
}

double StzLaw::rate(double sbar, double chi) const {
  if (sbar <= p_.yield_stress) return 0.0;
  const double x = a_ * sbar;
  const double c = 0.5 * (std::exp(x - b_) + std::exp(-x - b_));
  return std::exp(-p_.ez_over_kb / chi) / p_.tau0 * c * (1.0 - p_.yield_stress / sbar);
}

double StzLaw::rate_slope(double sbar, double chi) const {
  if (sbar <= p_.yield_stress) return 0.0;
  const double x = a_ * sbar;
  const double c = 0.5 * (std::exp(x - b_) + std::exp(-x - b_));
  const double dc = 0.5 * a_ * (std::exp(x - b_) - std::exp(-x - b_));
  const double g = 1.0 - p_.yield_stress / sbar, dg = p_.yield_stress / (sbar * sbar);
  return std::exp(-p_.ez_over_kb / chi) / p_.tau0 * (dc * g + c * dg);
}

double StzLaw::state_rate(double sbar, double chi, double dpl) const {
  return 2.0 * dpl * sbar / p_.yield_stress * (p_.chi_inf - chi) / p_.c0;
}

double StzLaw::diffusion_prefactor() const { return p_.diffusion_length * p_.diffusion_length / p_.c0; }

FreeVolumeLaw::FreeVolumeLaw(const FreeVolumeParameters& p) : p_(p) {
  if (!(p.attempt_frequency > 0 && p.alpha > 0 && p.activation_energy >= 0 && p.atomic_volume > 0 &&
        p.hard_sphere_volume > 0 && p.annihilation_jumps > 0 && p.temperature > 0 && p.youngs_modulus > 0 &&
        p.poisson_ratio > -1 && p.poisson_ratio < 0.5 && p.diffusion_length >= 0))
    throw Error("free-volume parameters out of range");
  const double kt = kBoltzmann * p.temperature;
  a_ = p.atomic_volume / (2.0 * kt);
  prefac_ = p.attempt_frequency * std::exp(-p.activation_energy / kt);
  const double s = p.youngs_modulus / (3.0 * (1.0 - p.poisson_ratio));
  create_ = 2.0 * kt / (p.hard_sphere_volume * s);
}

double FreeVolumeLaw::rate(double sbar, double xi) const {
  return prefac_ * std::exp(-1.0 / xi) * std::sinh(a_ * sbar);
}

double FreeVolumeLaw::rate_slope(double sbar, double xi) const {
  return prefac_ * std::exp(-1.0 / xi) * a_ * std::cosh(a_ * sbar);
}

double FreeVolumeLaw::state_rate(double sbar, double xi, double) const {
  return prefac_ / p_.alpha * std::exp(-1.0 / xi) *
         (create_ / xi * (std::cosh(a_ * sbar) - 1.0) - 1.0 / p_.annihilation_jumps);
}

double FreeVolumeLaw::diffusion_prefactor() const { return p_.diffusion_length * p_.diffusion_length; }

std::pair<double, double> FreeVolumeLaw::steady_state(double shear_rate) const {
  // ξ̇ = 0 gives ξ(s̄) = n_D create (cosh(a s̄) − 1); then 2 D^pl(s̄, ξ(s̄)) = γ̇ is monotonic in s̄: bisect.
  auto xi_of = [&](double s) { return p_.annihilation_jumps * create_ * (std::cosh(a_ * s) - 1.0); };
  auto f = [&](double s) { return 2.0 * rate(s, xi_of(s)) - shear_rate; };
  double lo = 1e-6 / a_, hi = 1.0 / a_;
  while (f(hi) < 0) hi *= 2.0;
  for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) < 0 ? lo : hi) = mid;
  }
  const double s = 0.5 * (lo + hi);
  return {s, xi_of(s)};
}

}  // namespace vitrum::continuum
