#include "vitrum/atomistic/integrate/thermostat_chain.hpp"

#include <cmath>

namespace vitrum {

ThermostatChain::ThermostatChain(double tdamp, int length)
    : freq_(1.0 / tdamp), length_(length), eta_(length, 0.0), eta_dot_(length + 1, 0.0), eta_dotdot_(length, 0.0),
      mass_(length, 0.0) {}

double ThermostatChain::half_step(double twice_ke, double dof, double kt, double dt) {
  const double ke_target = dof * kt;
  const double dt4 = 0.25 * dt, dt8 = 0.125 * dt, dthalf = 0.5 * dt;
  mass_[0] = dof * kt / (freq_ * freq_);
  for (int k = 1; k < length_; ++k) mass_[k] = kt / (freq_ * freq_);
  if (!initialised_) {
    for (int k = 1; k < length_; ++k)
      eta_dotdot_[k] = (mass_[k - 1] * eta_dot_[k - 1] * eta_dot_[k - 1] - kt) / mass_[k];
    initialised_ = true;
  }
  eta_dotdot_[0] = (twice_ke - ke_target) / mass_[0];
  for (int k = length_ - 1; k > 0; --k) {
    const double e = std::exp(-dt8 * eta_dot_[k + 1]);
    eta_dot_[k] = (eta_dot_[k] * e + eta_dotdot_[k] * dt4) * e;
  }
  double e = std::exp(-dt8 * eta_dot_[1]);
  eta_dot_[0] = (eta_dot_[0] * e + eta_dotdot_[0] * dt4) * e;

  const double factor = std::exp(-dthalf * eta_dot_[0]);
  twice_ke *= factor * factor;

  eta_dotdot_[0] = (twice_ke - ke_target) / mass_[0];
  for (int k = 0; k < length_; ++k) eta_[k] += dthalf * eta_dot_[k];
  eta_dot_[0] = (eta_dot_[0] * e + eta_dotdot_[0] * dt4) * e;
  for (int k = 1; k < length_; ++k) {
    e = std::exp(-dt8 * eta_dot_[k + 1]);
    eta_dot_[k] *= e;
    eta_dotdot_[k] = (mass_[k - 1] * eta_dot_[k - 1] * eta_dot_[k - 1] - kt) / mass_[k];
    eta_dot_[k] = (eta_dot_[k] + eta_dotdot_[k] * dt4) * e;
  }
  return factor;
}

double ThermostatChain::energy(double dof, double kt) const {
  const double q0 = dof * kt / (freq_ * freq_), q = kt / (freq_ * freq_);
  double e = dof * kt * eta_[0] + 0.5 * q0 * eta_dot_[0] * eta_dot_[0];
  for (int k = 1; k < length_; ++k) e += kt * eta_[k] + 0.5 * q * eta_dot_[k] * eta_dot_[k];
  return e;
}

void ThermostatChain::checkpoint(Archive& ar) {
  ar(eta_);
  ar(eta_dot_);
  ar(eta_dotdot_);
  ar(initialised_);
}

}  // namespace vitrum
