// Swap Monte Carlo: local energies agree with a full sum, detailed balance (χ² against exact Boltzmann
// weights) for translations, diameter swaps and species swaps, and a resumed chain repeats itself bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <omp.h>

#include "test_helpers.hpp"
#include "vitrum/atomistic/mc/parallel_tempering.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"

namespace vitrum {
namespace {

// χ² of observed counts against expected probabilities (bins with expected < 5 merged upwards).
double chi_square(const std::vector<double>& counts, const std::vector<double>& prob, int& dof) {
  double total = 0;
  for (double c : counts) total += c;
  double chi2 = 0, o = 0, e = 0;
  dof = -1;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    o += counts[k];
    e += prob[k] * total;
    if (e >= 5 || k + 1 == counts.size()) {
      chi2 += (o - e) * (o - e) / e;
      ++dof;
      o = e = 0;
    }
  }
  return chi2;
}

// Upper 0.1 % points of χ² (NIST tables): a correct sampler fails this once in a thousand seeds.
double chi2_critical_0p001(int dof) {
  static const double t[] = {0, 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59, 31.26,
                             32.91, 34.53, 36.12, 37.70, 39.25, 40.79, 42.31, 43.82, 45.31};
  return dof <= 20 ? t[dof] : dof + 3.1 * std::sqrt(2.0 * dof) + 3;
}

TEST(SwapMc, RunningEnergyMatchesFullSum) {
  struct Case { const char* model; std::size_t n; double tilt; double T; };
  for (const Case c : {Case{"polydisperse-ss", 300, 0.0, 0.3}, Case{"polydisperse-ss", 1500, 0.3, 0.2},
                       Case{"ka2", 300, 0.2, 1.0}}) {
    SCOPED_TRACE(c.model);
    Configuration cfg = test::random_configuration(c.model, c.n, 5, c.tilt);
    auto u = make_potential(c.model);
    SwapMonteCarlo mc(*u, cfg.particles, cfg.box, swap_rule_for(c.model), 3);
    const double e0 = test::brute_force(*u, cfg).energy;
    EXPECT_NEAR(mc.energy(), e0, 1e-9 * std::abs(e0));
    for (std::uint64_t s = 0; s < 10; ++s) mc.sweep(s, c.T, 0.3);
    EXPECT_GT(mc.counters().swap_accepts, 0);
    EXPECT_GT(mc.counters().translation_accepts, 0);
    const double e1 = test::brute_force(*u, cfg).energy;
    EXPECT_LT(e1, e0);  // a random start relaxes
    EXPECT_NEAR(mc.energy(), e1, 1e-8 * std::abs(e0));
  }
}

// Positions fixed (p_swap = 1): the states are the assignments of diameters or species to sites,
// few enough to enumerate; their Boltzmann weights come from the brute-force energy.
struct Assignments {
  std::map<std::vector<double>, double> energy;  // assignment → total energy
  std::map<std::vector<double>, std::size_t> index;
  std::vector<double> key(const Particles& p) const {
    std::vector<double> k;
    for (std::size_t i = 0; i < p.size(); ++i) k.push_back(diameters ? p.diameter[i] : p.type[i]);
    return k;
  }
  std::vector<double> boltzmann(double T) const {
    double z = 0, emin = 1e300;
    for (auto& [k, e] : energy) emin = std::min(emin, e);
    for (auto& [k, e] : energy) z += std::exp(-(e - emin) / T);
    std::vector<double> prob;
    for (auto& [k, e] : energy) prob.push_back(std::exp(-(e - emin) / T) / z);
    return prob;
  }
  bool diameters = true;
};

Assignments enumerate_assignments(const Potential& u, const Configuration& cfg, SwapRule rule) {
  Assignments a;
  a.diameters = rule.kind == SwapRule::Kind::Diameters;
  std::vector<std::size_t> perm(cfg.particles.size());
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
  const Particles start = cfg.particles;
  do {
    Configuration c = cfg;
    for (std::size_t i = 0; i < perm.size(); ++i) {
      c.particles.diameter[i] = start.diameter[perm[i]];
      c.particles.type[i] = start.type[perm[i]];
    }
    a.energy[a.key(c.particles)] = test::brute_force(u, c).energy;
  } while (std::next_permutation(perm.begin(), perm.end()));
  for (auto& [k, e] : a.energy) a.index.emplace(k, a.index.size());
  return a;
}

void check_swap_balance(const std::string& model, Configuration cfg, double T, std::uint32_t seed) {
  auto u = make_potential(model);
  const SwapRule rule = swap_rule_for(model);
  const Assignments states = enumerate_assignments(*u, cfg, rule);
  const std::vector<double> prob = states.boltzmann(T);
  ASSERT_GT(*std::min_element(prob.begin(), prob.end()), 0.01) << "choose T so that every state is visited";
  SwapMonteCarlo mc(*u, cfg.particles, cfg.box, rule, seed);
  std::vector<double> counts(prob.size(), 0.0);
  for (std::uint64_t s = 0; s < 400000; ++s) {
    mc.sweep(s, T, 1.0);
    if (s % 2 == 0) counts[states.index.at(states.key(cfg.particles))] += 1;
  }
  int dof = 0;
  const double chi2 = chi_square(counts, prob, dof);
  EXPECT_LT(chi2, chi2_critical_0p001(dof)) << model << ": chi2 " << chi2 << " with " << dof << " dof";
  // The running energy is exact along the whole chain.
  EXPECT_NEAR(mc.energy(), test::brute_force(*u, cfg).energy, 1e-9);
}

Configuration cluster(const std::string& model, const std::vector<Vec3>& sites, double L) {
  Configuration cfg = test::random_configuration(model, sites.size(), 1, 0.0);
  cfg.box = Box({0, 0, 0}, {L, L, L});
  for (std::size_t i = 0; i < sites.size(); ++i) {
    cfg.particles.position[i] = sites[i] + Vec3{L / 2, L / 2, L / 2};
    cfg.particles.image[i] = {0, 0, 0};
  }
  return cfg;
}

TEST(SwapMc, DetailedBalanceOfDiameterSwaps) {
  // Four sites of a distorted tetrahedron, four distinct diameters: 24 assignments.
  Configuration cfg = cluster("polydisperse-ss", {{0, 0, 0}, {1.05, 0, 0}, {0.45, 0.95, 0}, {0.5, 0.35, 0.9}}, 5.0);
  const double d[] = {0.8, 0.95, 1.1, 1.3};
  for (int i = 0; i < 4; ++i) cfg.particles.diameter[i] = d[i];
  check_swap_balance("polydisperse-ss", cfg, 1.0, 11);
}

TEST(SwapMc, DetailedBalanceOfSpeciesSwaps) {
  // KA2 A, B, C, C on four sites: 12 assignments, reached through C↔A and C↔B swaps only.
  Configuration cfg = cluster("ka2", {{0, 0, 0}, {1.0, 0, 0}, {0.5, 0.9, 0}, {0.5, 0.3, 0.85}}, 5.2);
  const int types[] = {1, 2, 3, 3};
  for (int i = 0; i < 4; ++i) cfg.particles.type[i] = types[i];
  check_swap_balance("ka2", cfg, 0.6, 12);
}

// Two particles in a periodic cube: the minimum-image distance r has density ∝ 4πr² exp(−v(r)/T)
// for r < L/2, and the corners of the cube (r > L/2, v = 0) hold the rest of the volume.
TEST(SwapMc, DetailedBalanceOfTranslations) {
  const double L = 4.2, T = 0.5;
  Configuration cfg = cluster("polydisperse-ss", {{0, 0, 0}, {1.5, 0, 0}}, L);
  cfg.particles.diameter = {1.0, 1.2};
  auto u = make_potential("polydisperse-ss");
  const Particles& p = cfg.particles;
  std::vector<double> edges;  // fine bins where v varies, coarse ones out to L/2
  for (int k = 0; k <= 22; ++k) edges.push_back(0.9 + 0.025 * k);
  for (int k = 1; k <= 6; ++k) edges.push_back(1.45 + 0.1 * k);
  const double r_max = edges.back();
  ASSERT_LE(r_max, L / 2);
  std::vector<double> prob(edges.size(), 0.0);  // bins [0, e0), [e0, e1), ..., [e_last, corners)
  for (std::size_t b = 0; b < edges.size(); ++b) {
    const double lo = b == 0 ? 0.0 : edges[b - 1], hi = edges[b];
    const int steps = 2000;
    for (int k = 0; k < steps; ++k) {
      const double r = lo + (k + 0.5) * (hi - lo) / steps;
      prob[b] += 4 * M_PI * r * r * std::exp(-u->pair_term(p, 0, 1, r * r).energy / T) * (hi - lo) / steps;
    }
  }
  prob.push_back(L * L * L - 4.0 / 3.0 * M_PI * r_max * r_max * r_max);
  double z = 0;
  for (double w : prob) z += w;
  for (double& w : prob) w /= z;

  SwapMonteCarlo mc(*u, cfg.particles, cfg.box, swap_rule_for("polydisperse-ss"), 21);
  mc.set_max_displacement(0.8);
  std::vector<double> counts(prob.size(), 0.0);
  for (std::uint64_t s = 0; s < 600000; ++s) {
    mc.sweep(s, T, 0.0);
    if (s % 5 == 0) {
      const double r = norm(cfg.box.min_image(p.position[0] - p.position[1]));
      const auto b = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), r) - edges.begin());
      counts[b] += 1;
    }
  }
  int dof = 0;
  const double chi2 = chi_square(counts, prob, dof);
  EXPECT_GE(dof, 25);
  EXPECT_LT(chi2, chi2_critical_0p001(dof)) << "chi2 " << chi2 << " with " << dof << " dof";
}

// The chain's whole state is particles + checkpoint(): a chain rebuilt from them between sweeps
// continues exactly as the uninterrupted one (positions, diameters, running energy, counters).
// Replica exchange keeps each temperature's Boltzmann distribution: two replicas of the four-site
// cluster (diameter swaps only), an exchange try after every sweep; each temperature's histogram of
// assignments passes the χ² test against its own exact weights. (Accepting every exchange instead
// mixes the two distributions and fails it.)
TEST(ParallelTempering, EachTemperatureSamplesItsBoltzmannDistribution) {
  Configuration cfg = cluster("polydisperse-ss", {{0, 0, 0}, {1.05, 0, 0}, {0.45, 0.95, 0}, {0.5, 0.35, 0.9}}, 5.0);
  const double d[] = {0.8, 0.95, 1.1, 1.3};
  for (int i = 0; i < 4; ++i) cfg.particles.diameter[i] = d[i];
  auto u = make_potential("polydisperse-ss");
  const SwapRule rule = swap_rule_for("polydisperse-ss");
  const Assignments states = enumerate_assignments(*u, cfg, rule);
  const std::vector<double> temperatures = {1.0, 2.5};
  ParallelTempering pt(*u, cfg, rule, temperatures, 21, 0.1);
  std::vector<std::vector<double>> counts(2, std::vector<double>(states.energy.size(), 0.0));
  for (std::int64_t s = 0; s < 200000; ++s) {
    pt.run_block(s, 1, 1.0, false, 0.4, 0);
    pt.exchange(static_cast<std::uint64_t>(s));
    for (std::size_t k = 0; k < 2; ++k) counts[k][states.index.at(states.key(pt.configuration_at(k).particles))] += 1;
  }
  for (std::size_t k = 0; k < 2; ++k) {
    int dof = 0;
    const double chi2 = chi_square(counts[k], states.boltzmann(temperatures[k]), dof);
    EXPECT_LT(chi2, chi2_critical_0p001(dof)) << "T = " << temperatures[k] << ": chi2 " << chi2 << " with " << dof << " dof";
  }
  const double accepted = static_cast<double>(pt.exchange_accepts(0)) / static_cast<double>(pt.exchange_attempts(0));
  EXPECT_GT(accepted, 0.1);
  EXPECT_LT(accepted, 0.99);
  EXPECT_GT(pt.round_trips(), 100);
}

// Replicas run in threads, but every random number is keyed by (seed, sweep, replica) or (seed, round,
// pair): one and two threads give the same replicas bit for bit.
TEST(ParallelTempering, ThreadCountDoesNotChangeTheResult) {
  const Configuration start = test::random_configuration("ka2", 300, 4, 0.0);
  auto u = make_potential("ka2");
  std::vector<Configuration> result[2];
  for (int threads : {1, 2}) {
    omp_set_num_threads(threads);
    ParallelTempering pt(*u, start, swap_rule_for("ka2"), {0.8, 1.0, 1.3}, 9, 0.1);
    for (std::int64_t s = 0; s < 60; s += 10) {
      pt.run_block(s, 10, 0.2, s < 30, 0.4, 5);
      pt.exchange(static_cast<std::uint64_t>(s / 10));
    }
    for (std::size_t k = 0; k < pt.size(); ++k) result[threads - 1].push_back(pt.configuration_at(k));
  }
  omp_set_num_threads(1);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(result[0][k].particles.position, result[1][k].particles.position) << k;
    EXPECT_EQ(result[0][k].particles.type, result[1][k].particles.type) << k;
  }
}

// Monte Carlo dynamics in the ideal-gas limit (T so high that every translation is accepted): a
// particle moved m times by uniform steps in [−δ, δ]³ has <Δr²> = m δ², and m averages one per sweep,
// so MSD(t) = δ² t; F_s falls below 1/e once the MSD reaches the scale 1/q². Gaussian displacements:
// F_s ≈ exp(−q² MSD / 6), so 1/e at t ≈ 6 / (q² δ²) (q = 7, δ = 0.05: 49 sweeps).
constexpr double kIdealGasTau = 6.0 / (49.0 * 0.05 * 0.05);

DynamicsResult ideal_gas_dynamics(std::int64_t origins, std::int64_t spacing, double stop_below = 0.0) {
  const Configuration start = test::random_configuration("polydisperse-ss", 400, 6, 0.0);
  auto u = make_potential("polydisperse-ss");
  McDynamicsOptions o;
  o.temperature = 1e9;
  o.sweeps = 200;
  o.max_displacement = 0.05;
  o.q = 7.0;
  o.stop_below = stop_below;
  o.origins = origins;
  o.spacing = spacing;
  return measure_mc_dynamics(*u, start, o);
}

void expect_ideal_gas_msd(const DynamicsResult& d, double tolerance) {
  ASSERT_EQ(d.time.back(), 200.0);
  for (std::size_t k = 0; k < d.time.size(); ++k)
    if (d.time[k] >= 10) {
      EXPECT_NEAR(d.msd[k] / (d.time[k] * 0.05 * 0.05), 1.0, tolerance) << "t = " << d.time[k];
    }
}

TEST(SwapMc, DynamicsOfAnIdealGasDiffuseAsExpected) {
  const DynamicsResult d = ideal_gas_dynamics(1, 1);
  expect_ideal_gas_msd(d, 0.08);
  ASSERT_TRUE(d.tau_alpha.has_value());
  EXPECT_NEAR(*d.tau_alpha, kIdealGasTau, 6.0);
  ASSERT_EQ(d.tau_by_origin.size(), 1u);
  EXPECT_EQ(d.tau_by_origin[0], d.tau_alpha);
}

// Four time origins 30 sweeps apart: the averaged curve keeps the ideal-gas law more tightly, every origin finds its
// own τ near the analytic one, the first origin's curve is the one-origin run's, and with stop_below the run ends
// once the last origin has fallen below it.
TEST(SwapMc, DynamicsFromSeveralTimeOrigins) {
  const DynamicsResult d = ideal_gas_dynamics(4, 30);
  expect_ideal_gas_msd(d, 0.05);
  ASSERT_EQ(d.tau_by_origin.size(), 4u);
  for (const auto& t : d.tau_by_origin) {
    ASSERT_TRUE(t.has_value());
    EXPECT_NEAR(*t, kIdealGasTau, 6.0);
  }
  EXPECT_EQ(d.tau_by_origin[0], ideal_gas_dynamics(1, 1).tau_alpha);  // the same chain, the same samples
  const DynamicsResult early = ideal_gas_dynamics(4, 30, 0.5);
  EXPECT_LT(early.time.back(), 200.0);
  EXPECT_LT(early.fs.back(), 0.6);
}

TEST(SwapMc, ResumedChainIsBitIdentical) {
  for (const char* model : {"polydisperse-ss", "ka2"}) {
    SCOPED_TRACE(model);
    Configuration a = test::random_configuration(model, 400, 9, 0.1);
    auto u = make_potential(model);
    Configuration b;
    std::string saved;
    {
      SwapMonteCarlo mc(*u, a.particles, a.box, swap_rule_for(model), 4);
      for (std::uint64_t s = 0; s < 20; ++s) {
        mc.sweep(s, 0.5, 0.2);
        if (s % 5 == 4) mc.adapt_step(0.4);
        if (s == 9) {
          b = a;
          ArchiveWriter w;
          mc.checkpoint(w);
          saved = w.buffer();
        }
      }
    }
    SwapMonteCarlo mc(*u, b.particles, b.box, swap_rule_for(model), 4);
    ArchiveReader r(saved, "test");
    mc.checkpoint(r);
    for (std::uint64_t s = 10; s < 20; ++s) {
      mc.sweep(s, 0.5, 0.2);
      if (s % 5 == 4) mc.adapt_step(0.4);
    }
    for (std::size_t i = 0; i < a.particles.size(); ++i) {
      ASSERT_EQ(a.particles.position[i], b.particles.position[i]) << i;
      ASSERT_EQ(a.particles.diameter[i], b.particles.diameter[i]) << i;
      ASSERT_EQ(a.particles.type[i], b.particles.type[i]) << i;
    }
  }
}

}  // namespace
}  // namespace vitrum
