#include "vitrum/gfa/criteria.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum::gfa {

namespace {
constexpr double kGasConstant = 8.314462618;  // J/(mol K)
}

Criteria compute_criteria(const Composition& c, const ElementData& d, const std::optional<CharacteristicTemperatures>& t) {
  Criteria k;
  const std::size_t n = c.size();
  double rbar = 0, chibar = 0;
  for (std::size_t i = 0; i < n; ++i) {
    rbar += c.x[i] * d.miracle_radius_pm(c.z[i]);
    chibar += c.x[i] * d.pauling_electronegativity(c.z[i]);
    k.tm_k += c.x[i] * d.melting_k(c.z[i]);
    k.vec += c.x[i] * d.valence_electrons(c.z[i]);
    if (c.x[i] > 0) k.ds_mix_j -= kGasConstant * c.x[i] * std::log(c.x[i]);
  }
  double s_delta = 0, s_chi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = 1.0 - d.miracle_radius_pm(c.z[i]) / rbar;
    const double v = d.pauling_electronegativity(c.z[i]) - chibar;
    s_delta += c.x[i] * u * u;
    s_chi += c.x[i] * v * v;
    for (std::size_t j = i + 1; j < n; ++j) k.dh_mix_kj += 4.0 * d.miedema_dh_kj(c.z[i], c.z[j]) * c.x[i] * c.x[j];
  }
  k.delta = std::sqrt(s_delta);
  k.dchi = std::sqrt(s_chi);
  if (k.dh_mix_kj != 0) k.omega = k.tm_k * k.ds_mix_j / (1000.0 * std::abs(k.dh_mix_kj));

  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return c.x[a] > c.x[b]; });
  double rmin = 1e300, rmax = 0;
  for (std::size_t m = 0; m < std::min<std::size_t>(3, n); ++m) {
    const double r = d.miracle_radius_pm(c.z[order[m]]);
    rmin = std::min(rmin, r);
    rmax = std::max(rmax, r);
  }
  k.inoue.three_or_more_elements = n >= 3;
  k.inoue.size_mismatch_above_12pct = n >= 2 && (rmax - rmin) / rmax > 0.12;
  k.inoue.negative_mixing_enthalpy = k.dh_mix_kj < 0;

  if (t) {
    if (!(t->tg_k > 0 && t->tx_k > 0 && t->tl_k > 0))
      throw Error(fmt::format("characteristic temperatures must be positive (Tg={}, Tx={}, Tl={} K)", t->tg_k, t->tx_k, t->tl_k));
    k.t_rg = t->tg_k / t->tl_k;
    k.gamma = t->tx_k / (t->tg_k + t->tl_k);
    k.dtx_k = t->tx_k - t->tg_k;
  }
  return k;
}

nlohmann::json criteria_json(const Composition& c, const Criteria& k) {
  nlohmann::json j = {{"composition", c.label()},
                      {"delta", k.delta},
                      {"dH_mix_kJ_per_mol", k.dh_mix_kj},
                      {"dS_mix_J_per_mol_K", k.ds_mix_j},
                      {"omega", k.omega ? nlohmann::json(*k.omega) : nlohmann::json(nullptr)},
                      {"tm_mix_K", k.tm_k},
                      {"dchi", k.dchi},
                      {"vec", k.vec},
                      {"inoue",
                       {{"three_or_more_elements", k.inoue.three_or_more_elements},
                        {"size_mismatch_above_12pct", k.inoue.size_mismatch_above_12pct},
                        {"negative_mixing_enthalpy", k.inoue.negative_mixing_enthalpy}}}};
  if (k.t_rg) {
    j["t_rg"] = *k.t_rg;
    j["gamma"] = *k.gamma;
    j["dTx_K"] = *k.dtx_k;
  }
  return j;
}

}  // namespace vitrum::gfa
