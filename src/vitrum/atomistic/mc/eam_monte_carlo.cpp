#include "vitrum/atomistic/mc/eam_monte_carlo.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

EamMonteCarlo::EamMonteCarlo(EamPotential& u, Particles& p, const Box& box, std::uint32_t seed)
    : u_(u), p_(p), box_(box), seed_(seed), grid_(box, u.cutoff()), cut_(u.cutoff()) {
  const Vec3 w = box.perpendicular_widths();
  if (std::min({w.x, w.y, w.z}) < 2.0 * cut_)
    throw Error(fmt::format("alloy Monte Carlo: the box (narrowest width {:.4g}) must be at least twice the cut-off {:.4g}",
                            std::min({w.x, w.y, w.z}), cut_));
  for (std::size_t i = 0; i < p_.size(); ++i) box_.wrap(p_.position[i], p_.image[i]);
  grid_.build(p_.position);
  drho_.assign(p_.size(), 0.0);
  mark_.assign(p_.size(), 0);
  count_types();
  recompute_energy();
}

void EamMonteCarlo::count_types() {
  type_counts_.assign(static_cast<std::size_t>(u_.type_count()), 0);
  for (int t : p_.type) ++type_counts_[static_cast<std::size_t>(t - 1)];
}

std::vector<double> EamMonteCarlo::concentrations() const {
  std::vector<double> c(type_counts_.size());
  for (std::size_t t = 0; t < c.size(); ++t) c[t] = static_cast<double>(type_counts_[t]) / static_cast<double>(p_.size());
  return c;
}

void EamMonteCarlo::set_semi_grand(VcSgcSettings s) {
  const auto others = static_cast<std::size_t>(u_.type_count() - 1);
  if (others == 0) throw Error("VC-SGC: the potential has one species; type changes need at least two");
  if (s.phi.size() != others || s.concentration.size() != others)
    throw Error(fmt::format("VC-SGC: phi and concentration need one value per species after the first ({}), got {} and {}",
                            others, s.phi.size(), s.concentration.size()));
  if (!(s.kappa >= 0) || !std::isfinite(s.kappa)) throw Error(fmt::format("VC-SGC: kappa must be >= 0, got {}", s.kappa));
  if (s.type_masses.size() != others + 1) throw Error("VC-SGC: every species needs a mass");
  vcsgc_ = std::move(s);
}

double EamMonteCarlo::bias_delta(int a, int b, double temperature) const {
  const VcSgcSettings& v = *vcsgc_;
  const double n = static_cast<double>(p_.size());
  // Only types a and b change count (by −1 and +1); type 1 is the reference and carries no term.
  auto term = [&](int t, std::int64_t count) {
    const auto k = static_cast<std::size_t>(t - 2);
    const double c = static_cast<double>(count) / n, d = c - v.concentration[k];
    return n * (v.phi[k] * c + v.kappa * temperature * d * d);
  };
  double db = 0;
  for (const auto& [t, step] : {std::pair{a, -1}, std::pair{b, +1}}) {
    if (t == 1) continue;
    const std::int64_t now = type_counts_[static_cast<std::size_t>(t - 1)];
    db += term(t, now + step) - term(t, now);
  }
  return db;
}

void EamMonteCarlo::neighbors_of(const Vec3& r, std::size_t skip, std::vector<Neighbor>& out) const {
  out.clear();
  const double cut_sq = cut_ * cut_;
  grid_.for_each_near(r, [&](std::size_t j) {
    if (j == skip) return;
    const double rsq = norm2(box_.min_image(r - p_.position[j]));
    if (rsq < cut_sq) out.push_back({j, std::sqrt(rsq)});
  });
}

double EamMonteCarlo::recompute_energy() {
  // Through the cells, each pair once (j > i), in index order: the same sum wherever it is called.
  const std::size_t n = p_.size();
  rho_.assign(n, 0.0);
  double pair = 0;
  std::vector<Neighbor> nb;
  for (std::size_t i = 0; i < n; ++i) {
    neighbors_of(p_.position[i], i, nb);
    for (const Neighbor& k : nb) {
      rho_[i] += u_.density(p_.type[k.j], p_.type[i], k.r);
      if (k.j > i) pair += u_.pair_energy(p_.type[i], p_.type[k.j], k.r);
    }
  }
  double embed = 0;
  for (std::size_t i = 0; i < n; ++i) embed += u_.embedding(p_.type[i], rho_[i]);
  energy_ = pair + embed;
  return energy_;
}

double EamMonteCarlo::translate_or_apply(std::size_t i, const Vec3& r, bool apply) {
  const int a = p_.type[i];
  neighbors_of(p_.position[i], i, na_);
  neighbors_of(r, i, nb_);
  touched_.clear();
  auto touch = [&](std::size_t j) {
    if (!mark_[j]) mark_[j] = 1, drho_[j] = 0.0, touched_.push_back(j);
  };
  double dpair = 0, rho_i = 0;
  for (const Neighbor& k : na_) {
    touch(k.j);
    drho_[k.j] -= u_.density(a, p_.type[k.j], k.r);
    dpair -= u_.pair_energy(a, p_.type[k.j], k.r);
  }
  for (const Neighbor& k : nb_) {
    touch(k.j);
    drho_[k.j] += u_.density(a, p_.type[k.j], k.r);
    dpair += u_.pair_energy(a, p_.type[k.j], k.r);
    rho_i += u_.density(p_.type[k.j], a, k.r);
  }
  double de = dpair + u_.embedding(a, rho_i) - u_.embedding(a, rho_[i]);
  for (std::size_t j : touched_) {
    de += u_.embedding(p_.type[j], rho_[j] + drho_[j]) - u_.embedding(p_.type[j], rho_[j]);
    mark_[j] = 0;
    if (apply) rho_[j] += drho_[j];
  }
  if (apply) {
    rho_[i] = rho_i;
    p_.position[i] = r;
    grid_.move(i, r);
    energy_ += de;
  }
  return de;
}

double EamMonteCarlo::swap_or_apply(std::size_t i, std::size_t j, bool apply) {
  const int a = p_.type[i], b = p_.type[j];
  if (a == b) return 0.0;
  neighbors_of(p_.position[i], i, na_);
  neighbors_of(p_.position[j], j, nb_);
  touched_.clear();
  auto touch = [&](std::size_t k) {
    if (!mark_[k]) mark_[k] = 1, drho_[k] = 0.0, touched_.push_back(k);
  };
  // After the swap i is of type b, j of type a; every other atom keeps its type.
  auto type_after = [&](std::size_t k) { return k == i ? b : (k == j ? a : p_.type[k]); };
  double dpair = 0, rho_i = 0, rho_j = 0;
  for (const Neighbor& k : na_) {
    rho_i += u_.density(type_after(k.j), b, k.r);
    if (k.j == j) continue;  // the i-j pair keeps its energy (φ_ab = φ_ba); i and j are done separately
    touch(k.j);
    drho_[k.j] += u_.density(b, p_.type[k.j], k.r) - u_.density(a, p_.type[k.j], k.r);
    dpair += u_.pair_energy(b, p_.type[k.j], k.r) - u_.pair_energy(a, p_.type[k.j], k.r);
  }
  for (const Neighbor& k : nb_) {
    rho_j += u_.density(type_after(k.j), a, k.r);
    if (k.j == i) continue;
    touch(k.j);
    drho_[k.j] += u_.density(a, p_.type[k.j], k.r) - u_.density(b, p_.type[k.j], k.r);
    dpair += u_.pair_energy(a, p_.type[k.j], k.r) - u_.pair_energy(b, p_.type[k.j], k.r);
  }
  double de = dpair + u_.embedding(b, rho_i) - u_.embedding(a, rho_[i]) + u_.embedding(a, rho_j) - u_.embedding(b, rho_[j]);
  for (std::size_t k : touched_) {
    de += u_.embedding(p_.type[k], rho_[k] + drho_[k]) - u_.embedding(p_.type[k], rho_[k]);
    mark_[k] = 0;
    if (apply) rho_[k] += drho_[k];
  }
  if (apply) {
    rho_[i] = rho_i;
    rho_[j] = rho_j;
    std::swap(p_.type[i], p_.type[j]);
    if (p_.mass.size() == p_.size()) {
      // Each atom keeps its kinetic energy under its new mass (LAMMPS fix atom/swap `ke yes`).
      const double mi = p_.mass[i], mj = p_.mass[j];
      if (p_.velocity.size() == p_.size()) {
        p_.velocity[i] *= std::sqrt(mi / mj);
        p_.velocity[j] *= std::sqrt(mj / mi);
      }
      std::swap(p_.mass[i], p_.mass[j]);
    }
    energy_ += de;
  }
  return de;
}

double EamMonteCarlo::change_or_apply(std::size_t i, int b, bool apply) {
  const int a = p_.type[i];
  if (a == b) return 0.0;
  neighbors_of(p_.position[i], i, na_);
  touched_.clear();
  double dpair = 0, rho_i = 0;
  for (const Neighbor& k : na_) {
    const int t = p_.type[k.j];
    if (!mark_[k.j]) mark_[k.j] = 1, drho_[k.j] = 0.0, touched_.push_back(k.j);
    drho_[k.j] += u_.density(b, t, k.r) - u_.density(a, t, k.r);
    dpair += u_.pair_energy(b, t, k.r) - u_.pair_energy(a, t, k.r);
    rho_i += u_.density(t, b, k.r);
  }
  double de = dpair + u_.embedding(b, rho_i) - u_.embedding(a, rho_[i]);
  for (std::size_t k : touched_) {
    de += u_.embedding(p_.type[k], rho_[k] + drho_[k]) - u_.embedding(p_.type[k], rho_[k]);
    mark_[k] = 0;
    if (apply) rho_[k] += drho_[k];
  }
  if (apply) {
    rho_[i] = rho_i;
    p_.type[i] = b;
    --type_counts_[static_cast<std::size_t>(a - 1)];
    ++type_counts_[static_cast<std::size_t>(b - 1)];
    if (p_.mass.size() == p_.size()) {
      // The atom keeps its kinetic energy under its new mass (as a swap does).
      const double m_new = vcsgc_ ? vcsgc_->type_masses[static_cast<std::size_t>(b - 1)] : p_.mass[i];
      if (p_.velocity.size() == p_.size()) p_.velocity[i] *= std::sqrt(p_.mass[i] / m_new);
      p_.mass[i] = m_new;
    }
    energy_ += de;
  }
  return de;
}

double EamMonteCarlo::change_delta(std::size_t i, int b) const {
  return const_cast<EamMonteCarlo*>(this)->change_or_apply(i, b, false);
}
void EamMonteCarlo::apply_change(std::size_t i, int b) { change_or_apply(i, b, true); }

void EamMonteCarlo::adapt_step(double target) { adapt_translation_step(delta_, adapt_mark_, counters_, target, cut_ / 2); }

void EamMonteCarlo::checkpoint(Archive& ar) {
  ar(delta_);
  ar(energy_);
  ar(counters_);
  ar(adapt_mark_);
  ar(rho_);
  count_types();  // on load: the restored particles' species
}

double EamMonteCarlo::translation_delta(std::size_t i, const Vec3& r) const {
  return const_cast<EamMonteCarlo*>(this)->translate_or_apply(i, r, false);
}
double EamMonteCarlo::swap_delta(std::size_t i, std::size_t j) const {
  return const_cast<EamMonteCarlo*>(this)->swap_or_apply(i, j, false);
}
void EamMonteCarlo::apply_translation(std::size_t i, const Vec3& r) { translate_or_apply(i, r, true); }
void EamMonteCarlo::apply_swap(std::size_t i, std::size_t j) { swap_or_apply(i, j, true); }

void EamMonteCarlo::sweep(std::uint64_t sweep_index, double temperature, double p_swap) {
  if (!(temperature > 0)) throw Error("alloy Monte Carlo: the temperature must be positive");
  const std::size_t n = p_.size();
  for (std::size_t i = 0; i < n; ++i) box_.wrap(p_.position[i], p_.image[i]);
  grid_.build(p_.position);
  const double beta = 1.0 / temperature;
  for (std::size_t move = 0; move < n; ++move) {
    Rng rng(Stream::AlloyMC, seed_, sweep_index, move);
    const bool swap = rng.uniform() < p_swap;
    const std::size_t i = std::min(n - 1, static_cast<std::size_t>(rng.uniform() * n));
    double de = 0;
    if (swap && vcsgc_) {
      const int a = p_.type[i], types = u_.type_count();
      int b = 1 + std::min(types - 2, static_cast<int>(rng.uniform() * (types - 1)));
      if (b >= a) ++b;  // uniformly among the other species: a symmetric proposal
      ++counters_.swap_attempts;
      de = change_delta(i, b);
      const double dw = de + bias_delta(a, b, temperature);
      if (dw <= 0 || rng.uniform() < std::exp(-beta * dw)) {
        apply_change(i, b);
        ++counters_.swap_accepts;
      }
    } else if (swap) {
      // A partner of another species, uniformly: draw until one differs (bounded; a one-species system has none).
      std::size_t j = i;
      for (int tries = 0; tries < 64 && p_.type[j] == p_.type[i]; ++tries)
        j = std::min(n - 1, static_cast<std::size_t>(rng.uniform() * n));
      if (p_.type[j] == p_.type[i]) continue;
      ++counters_.swap_attempts;
      de = swap_delta(i, j);
      if (de <= 0 || rng.uniform() < std::exp(-beta * de)) {
        apply_swap(i, j);
        ++counters_.swap_accepts;
      }
    } else {
      ++counters_.translation_attempts;
      const Vec3 d{(2 * rng.uniform() - 1) * delta_, (2 * rng.uniform() - 1) * delta_, (2 * rng.uniform() - 1) * delta_};
      const Vec3 r = p_.position[i] + d;
      de = translation_delta(i, r);
      if (de <= 0 || rng.uniform() < std::exp(-beta * de)) {
        apply_translation(i, r);
        ++counters_.translation_accepts;
      }
    }
  }
}

}  // namespace vitrum
