#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

SwapRule swap_rule_for(std::string_view model) {
  if (model == "polydisperse-ss") return {SwapRule::Kind::Diameters, 0};
  if (model == "ka2" || model == "ka2-fs") return {SwapRule::Kind::Species, 3};  // C (type 3) ↔ A and C ↔ B
  return {};
}

SwapMonteCarlo::SwapMonteCarlo(const Potential& u, Particles& p, const Box& box, SwapRule rule, std::uint32_t seed,
                               int dimension)
    : u_(u), p_(p), box_(box), rule_(rule), seed_(seed), grid_(box, u.cutoff()), cutoff_sq_(u.cutoff() * u.cutoff()) {
  if (p.size() < 2) throw Error("Monte Carlo needs at least two particles");
  if (dimension != 2 && dimension != 3) throw Error(fmt::format("Monte Carlo: dimension {} must be 2 or 3", dimension));
  z_move_ = dimension == 2 ? 0.0 : 1.0;
  if (rule_.kind == SwapRule::Kind::Diameters && !u.needs_diameter())
    throw Error(fmt::format("Monte Carlo: potential '{}' has no per-particle diameters to swap", u.name()));
  index_species();
  if (rule_.kind == SwapRule::Kind::Species && (pivots_.empty() || others_.empty()))
    throw Error(fmt::format("Monte Carlo: species swaps need particles of type {} and of other types", rule_.pivot_type));
  if (p_.image.size() != p_.size()) p_.image.assign(p_.size(), Int3{0, 0, 0});
  recompute_energy();  // wraps the positions and builds the grid first
}

void SwapMonteCarlo::index_species() {
  pivots_.clear();
  others_.clear();
  if (rule_.kind != SwapRule::Kind::Species) return;
  for (std::size_t i = 0; i < p_.size(); ++i) (p_.type[i] == rule_.pivot_type ? pivots_ : others_).push_back(i);
}

double SwapMonteCarlo::particle_energy(std::size_t i, const Vec3& r) const {
  double e = 0;
  const Identity id = identity_of(p_, i);
  grid_.for_each_block_near(r, [&](const CellBlock& b) { e = u_.add_pair_energies(b, i, id, r, e); });
  return e;
}

double SwapMonteCarlo::recompute_energy() {
  // From the particles as they are now (whatever moved them since the last sweep), not the grid's copies.
  for (std::size_t i = 0; i < p_.size(); ++i) box_.wrap(p_.position[i], p_.image[i]);
  grid_.build(p_);
  double e = 0;
  for (std::size_t i = 0; i < p_.size(); ++i) e += particle_energy(i, p_.position[i]);
  energy_ = 0.5 * e;
  return energy_;
}

void SwapMonteCarlo::sweep(std::uint64_t sweep_index, double temperature, double p_swap) {
  if (!(temperature > 0)) throw Error("Monte Carlo needs a positive temperature");
  if (p_swap > 0 && rule_.kind == SwapRule::Kind::None)
    throw Error(fmt::format("potential '{}' has no swap move (swap needs polydisperse-ss or ka2): set p_swap = 0",
                            u_.name()));
  for (std::size_t i = 0; i < p_.size(); ++i) box_.wrap(p_.position[i], p_.image[i]);
  grid_.build(p_);
  index_species();
  const double beta = 1.0 / temperature;
  const std::uint64_t n = p_.size();
  for (std::uint64_t m = 0; m < n; ++m) {
    Rng pick(Stream::SwapMC, seed_, sweep_index, m);
    if (p_swap > 0 && pick.uniform() < p_swap) swap_move(sweep_index, m, beta);
    else translation_move(sweep_index, m, beta);
  }
}

void SwapMonteCarlo::translation_move(std::uint64_t sweep, std::uint64_t move, double beta) {
  Rng r(Stream::DisplacementMC, seed_, sweep, move);
  const std::size_t n = p_.size();
  const std::size_t i = std::min(n - 1, static_cast<std::size_t>(r.uniform() * static_cast<double>(n)));
  Vec3 trial = p_.position[i];
  trial.x += delta_ * (2.0 * r.uniform() - 1.0);
  trial.y += delta_ * (2.0 * r.uniform() - 1.0);
  trial.z += z_move_ * delta_ * (2.0 * r.uniform() - 1.0);
  Int3 image = p_.image[i];
  box_.wrap(trial, image);
  ++counters_.translation_attempts;
  double de = 0;
  if (grid_.in_cell_of(i, trial)) {  // one scan serves both positions (most moves)
    const Vec3 from = p_.position[i];
    const Identity id = identity_of(p_, i);
    grid_.for_each_block_near(from, [&](const CellBlock& b) { de = u_.add_move_energy_changes(b, i, id, from, trial, de); });
  } else {
    de = particle_energy(i, trial) - particle_energy(i, p_.position[i]);
  }
  if (de <= 0 || r.uniform() < std::exp(-beta * de)) {
    p_.position[i] = trial;
    p_.image[i] = image;
    grid_.move(i, trial);
    energy_ += de;
    ++counters_.translation_accepts;
  }
}

void SwapMonteCarlo::exchange(std::size_t i, std::size_t j) {
  if (rule_.kind == SwapRule::Kind::Diameters) {
    std::swap(p_.diameter[i], p_.diameter[j]);
  } else {
    std::swap(p_.type[i], p_.type[j]);
    if (p_.mass.size() == p_.size()) std::swap(p_.mass[i], p_.mass[j]);
    if (p_.velocity.size() == p_.size()) std::swap(p_.velocity[i], p_.velocity[j]);
  }
  grid_.set_identity(i, identity_of(p_, i));
  grid_.set_identity(j, identity_of(p_, j));
}

void SwapMonteCarlo::swap_move(std::uint64_t sweep, std::uint64_t move, double beta) {
  Rng r(Stream::SwapMC, seed_, sweep, move, 1);
  std::size_t i = 0, j = 0, a = 0, b = 0;
  if (rule_.kind == SwapRule::Kind::Diameters) {
    const std::size_t n = p_.size();
    i = std::min(n - 1, static_cast<std::size_t>(r.uniform() * static_cast<double>(n)));
    j = std::min(n - 2, static_cast<std::size_t>(r.uniform() * static_cast<double>(n - 1)));
    if (j >= i) ++j;  // uniform over the other n-1 particles: a symmetric proposal
  } else {
    a = std::min(pivots_.size() - 1, static_cast<std::size_t>(r.uniform() * static_cast<double>(pivots_.size())));
    b = std::min(others_.size() - 1, static_cast<std::size_t>(r.uniform() * static_cast<double>(others_.size())));
    i = pivots_[a];
    j = others_[b];
  }
  ++counters_.swap_attempts;
  // Exchanging identities changes every pair of i and of j except (i, j) itself: one scan around each.
  double de = 0;
  for (const auto& [x, y] : {std::pair{i, j}, std::pair{j, i}}) {
    const Identity now = identity_of(p_, x), then = identity_of(p_, y);
    const Vec3& r = p_.position[x];
    grid_.for_each_block_near(r, [&](const CellBlock& b) {
      de = u_.add_identity_change_energies(b, x, y, now, then, r, de);
    });
  }
  if (de <= 0 || r.uniform() < std::exp(-beta * de)) {
    exchange(i, j);
    energy_ += de;
    ++counters_.swap_accepts;
    if (rule_.kind == SwapRule::Kind::Species) {
      pivots_[a] = j;
      others_[b] = i;
    }
  }
}

void SwapMonteCarlo::adapt_step(double target) {
  adapt_translation_step(delta_, adapt_mark_, counters_, target, std::sqrt(cutoff_sq_) / 2);
}

void SwapMonteCarlo::checkpoint(Archive& ar) {
  ar(delta_);
  ar(energy_);
  ar(counters_);
  ar(adapt_mark_);
}

}  // namespace vitrum
