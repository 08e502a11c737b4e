// Crystallisation along an arbitrary T(t): non-isothermal JMAK by the four moment ODEs, with the gfa module's CNT rates.
#pragma once
#include <vector>

#include "vitrum/am/thermal_history.hpp"
#include "vitrum/gfa/nucleation.hpp"

namespace vitrum::am {

// ln I(T) and ln u(T) of gfa::MeltKinetics tabulated between T_g and T_l (linear interpolation of the logs);
// zero outside: frozen below T_g (the gfa module's convention), no driving force above T_l.
class KineticsTable {
 public:
  explicit KineticsTable(const gfa::MeltKinetics& kinetics, double step_k = 0.25);
  [[nodiscard]] double nucleation_rate(double t_k) const;  // per m³ per s
  [[nodiscard]] double growth_rate(double t_k) const;      // m/s
  [[nodiscard]] double glass_transition_k() const { return tg_; }
  [[nodiscard]] double liquidus_k() const { return tl_; }

 private:
  double tg_, tl_, step_;
  std::vector<double> log_i_, log_u_;
};

// Moments Φn = ∫ I(t') R(t', t)^n dt' with R the radius grown since t' (Φ0 = nuclei per m³):
// dΦ0/dt = I, dΦn/dt = n u Φ(n-1); extended volume X = (4π/3) Φ3, fraction x = 1 - exp(-X).
struct CrystalMoments {
  double phi[4] = {0, 0, 0, 0};
  // Exact solution for constant I and u over dt (binomial shift of the radii plus the new nuclei's I uⁿ dtⁿ⁺¹/(n+1)):
  // in the isothermal limit this is JMAK, x = 1 - exp(-(π/3) I u³ t⁴), to round-off.
  void advance(double nucleation_rate, double growth_rate, double dt);
  void dissolve() { phi[0] = phi[1] = phi[2] = phi[3] = 0; }  // above T_l the crystals melt
  [[nodiscard]] double extended_volume() const;
  [[nodiscard]] double fraction() const;
};

struct DevitrificationOptions {
  double max_substep_k = 0.5;  // temperature change per constant-rate substep along a linear piece of T(t)
};

// Integrates the moments through the piecewise-linear T(t) of `history`, starting from `start` (default: no
// crystals); every sample above T_l dissolves the crystals. When `after_each` is given, the fraction after
// each sample is appended to it.
CrystalMoments devitrify(const std::vector<HistorySample>& history, const KineticsTable& kinetics,
                         const DevitrificationOptions& options = {}, CrystalMoments start = {},
                         std::vector<double>* after_each = nullptr);

// History of a linear ramp from t_from to t_to at |rate| K/s, sampled every 1 K (for rates and tests).
std::vector<HistorySample> linear_ramp(double t_from_k, double t_to_k, double rate_k_per_s, double t0_s = 0);

// Cooling from T_l to T_g at `quench_rate`, then heating from T_g to T_l at `heating_rate`: the fraction at T_l.
double quench_and_heat_fraction(const KineticsTable& kinetics, double quench_rate, double heating_rate);

// Smallest heating rate (bisection in log rate over [1e-2, 1e12] K/s) after a quench at `quench_rate` for which
// the fraction on reaching T_l stays below `fraction`: the critical heating rate of fast calorimetry.
double critical_heating_rate(const KineticsTable& kinetics, double fraction, double quench_rate);

// Critical cooling rate from T_l through this integrator (to compare with gfa::critical_cooling_rate).
double critical_cooling_rate(const KineticsTable& kinetics, double fraction);

}  // namespace vitrum::am
