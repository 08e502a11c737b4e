// TTT curve (isothermal JMAK), its nose, and the critical cooling rate from the non-isothermal four-moment JMAK equations.
#pragma once
#include <vector>

#include "vitrum/gfa/nucleation.hpp"

namespace vitrum::gfa {

struct TttPoint {
  double t_k = 0, time_s = 0;  // time to crystallise `fraction` when held at t_k
};

struct TttCurve {
  std::vector<TttPoint> points;  // from T_g to T_l (T_l itself excluded: no driving force)
  double nose_temperature_k = 0, nose_time_s = 0;
};

// Isothermal JMAK with constant I and u: x = 1 - exp(-(π/3) I u³ t⁴), solved for t at x = fraction.
TttCurve ttt_curve(const MeltKinetics& k, double fraction, int points = 400);

// Crystallised fraction after cooling at `rate` (K/s) from T_l to T_g: the extended volume
// (4π/3) Φ3 from dΦ0/dt = I, dΦn/dt = n u Φ(n-1) (RK4 in temperature), then x = 1 - exp(-X_ext).
double crystallised_fraction(const MeltKinetics& k, double rate_k_per_s, double step_k = 0.25);

// R_c: the cooling rate at which crystallised_fraction equals `fraction` (bisection in log R).
double critical_cooling_rate(const MeltKinetics& k, double fraction);

// σ in [0.01, 1] J/m² that gives the target R_c (bisection; R_c falls monotonically as σ grows). Throws when out of reach.
double calibrate_interfacial_energy(MeltKinetics k, double fraction, double target_rc_k_per_s);

}  // namespace vitrum::gfa
