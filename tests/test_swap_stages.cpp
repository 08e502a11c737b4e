// Swap stages: swap Monte Carlo and plain MD sample the same E/N and g(r) where MD equilibrates;
// the swap recipes parse (the issue's example exactly as written), run and report per temperature.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>

#include "test_helpers.hpp"
#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/protocol/dynamics.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/atomistic/protocol/swap_stages.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {
namespace {

constexpr double kBin = 0.1, kRmax = 2.0;  // local structure; beyond, shell counts relax collectively and slowly under MC

// Pair-distance histogram per particle (∝ g(r) r²), all pairs by minimum image.
std::vector<double> pair_histogram(const Particles& p, const Box& box) {
  std::vector<double> h(static_cast<std::size_t>(kRmax / kBin), 0.0);
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      const double r = norm(box.min_image(p.position[i] - p.position[j]));
      if (r < kRmax) h[static_cast<std::size_t>(r / kBin)] += 2.0 / static_cast<double>(p.size());
    }
  return h;
}

struct Samples {
  std::vector<double> pe;
  std::vector<std::vector<double>> g;  // per bin, a time series
  void add(double e, const std::vector<double>& h) {
    pe.push_back(e);
    g.resize(h.size());
    for (std::size_t k = 0; k < h.size(); ++k) g[k].push_back(h[k]);
  }
};

// Flyvbjerg–Petersen blocking: the largest standard error over block sizes that leave >= 8 blocks,
// so slowly decorrelating quantities (shell counts at large r relax collectively) are not overconfident.
MeanError blocked(const std::vector<double>& x) {
  MeanError best = block_average(x, 8);
  for (int blocks = static_cast<int>(x.size()) / 2; blocks >= 8; blocks /= 2) {
    const MeanError e = block_average(x, blocks);
    if (e.stderr_ > best.stderr_) best.stderr_ = e.stderr_;
  }
  return best;
}

// g(r): every bin with pairs in it (mean > 0.02) within 3.5 errors, z = z_of(bin), and Σz² below the
// upper 0.1 % point of χ² with that many degrees of freedom (NIST table, 8..20).
template <class Z>
void expect_gr_bins_agree(const Samples& md, const std::string& what, Z z_of) {
  double z2 = 0;
  int bins = 0;
  for (std::size_t k = 0; k < md.g.size(); ++k) {
    if (block_average(md.g[k], 1).mean < 0.02) continue;
    const double z = z_of(k);
    EXPECT_LT(std::abs(z), 3.5) << what << ": g(r) bin at r = " << (k + 0.5) * kBin << ", z = " << z;
    z2 += z * z;
    ++bins;
  }
  EXPECT_GT(bins, 8);
  std::printf("%s: g(r) mean z^2 over %d bins %.3f\n", what.c_str(), bins, z2 / bins);
  static const double crit[] = {26.12, 27.88, 29.59, 31.26, 32.91, 34.53, 36.12, 37.70, 39.25, 40.79, 42.31, 43.82, 45.31};
  ASSERT_LE(bins, 20);
  EXPECT_LT(z2, crit[bins - 8]) << what;
}

// Two time series (blocked errors, combined in quadrature).
void compare(const Samples& md, const Samples& mc, const std::string& what) {
  const MeanError a = blocked(md.pe), b = blocked(mc.pe);
  const double se = std::hypot(a.stderr_, b.stderr_);
  EXPECT_GT(se, 0);
  EXPECT_LT(std::abs(a.mean - b.mean), 3 * se) << what << ": MD E/N " << a.mean << " +- " << a.stderr_ << ", MC "
                                               << b.mean << " +- " << b.stderr_;
  std::printf("%s: E/N MD %.5f +- %.5f, MC %.5f +- %.5f\n", what.c_str(), a.mean, a.stderr_, b.mean, b.stderr_);
  expect_gr_bins_agree(md, what, [&](std::size_t k) {
    const MeanError x = blocked(md.g[k]), y = blocked(mc.g[k]);
    return (x.mean - y.mean) / std::hypot(x.stderr_, y.stderr_);
  });
}

// Paired comparison of run means: sample k of `md` and of `mc` started from the same state, so the
// test is on the differences (mean difference / its standard error), which removes the start-to-start
// spread (mostly the quenched diameter or species assignment) that both runs of a pair share.
void compare_paired(const Samples& md, const Samples& mc, const std::string& what) {
  const auto difference = [](const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> d(x.size());
    for (std::size_t k = 0; k < x.size(); ++k) d[k] = x[k] - y[k];
    return block_average(d, static_cast<int>(d.size()));  // each pair its own block: spread / sqrt(pairs)
  };
  const MeanError e = difference(md.pe, mc.pe);
  std::printf("%s: E/N MD %.5f, MC %.5f, paired difference %.5f +- %.5f over %zu starts\n", what.c_str(),
              block_average(md.pe, 1).mean, block_average(mc.pe, 1).mean, e.mean, e.stderr_, md.pe.size());
  ASSERT_GT(e.stderr_, 0);
  EXPECT_LT(std::abs(e.mean), 3 * e.stderr_) << what << ": E/N MD - MC = " << e.mean << " +- " << e.stderr_;
  expect_gr_bins_agree(md, what, [&](std::size_t k) {
    const MeanError d = difference(md.g[k], mc.g[k]);
    return d.mean / d.stderr_;
  });
}

// Nosé–Hoover NVT MD of `s` (N = 256) at T for `steps` steps from fresh velocities (integrator and
// velocities seeded with `seed`); E/N and the pair histogram every `every` steps after the first `skip`.
Samples sample_nvt(System& s, double T, double dt, std::uint32_t seed, int steps, int skip, int every) {
  IntegratorOptions io{.ensemble = "nvt", .dt = dt, .tdamp = 100 * dt, .seed = seed};
  auto integrator = make_integrator(io);
  create_velocities(s, T, seed);
  s.compute_forces();
  Samples out;
  for (int k = 1; k <= steps; ++k) {
    integrator->step(s, k, T);
    if (k > skip && k % every == 0) out.add(s.last.energy / 256.0, pair_histogram(s.particles(), s.box()));
  }
  return out;
}

// MD (Nosé–Hoover NVT) and swap MC at temperature T, N = 256, both started from the same
// swap-equilibrated state; `length` scales both runs (1: 110 time units of MD, 2400 MC sweeps).
void check_md_mc_agreement(const char* model, double T, double dt, int length) {
  SCOPED_TRACE(std::string(model) + " T = " + std::to_string(T));
  System s = make_system(test::random_configuration(model, 256, 17, 0.0), model, "test");
  minimize(s, {.ftol = 1e-3});
  auto u = make_potential(model);
  // Both start from a swap-equilibrated state: from a quenched random start MD would still age
  // (E/N drifts by ~0.01 over the first 100 time units at T = 0.2).
  Configuration start = s.cfg;
  {
    SwapMonteCarlo pre(*u, start.particles, start.box, swap_rule_for(model), 7);
    for (std::uint64_t k = 0; k < 1500u * static_cast<std::uint64_t>(length); ++k) {
      pre.sweep(k, T, 0.2);
      if (k < 1500 && k % 10 == 9) pre.adapt_step(0.4);
    }
  }
  s.cfg = start;
  s.list.build(s.particles(), s.box());

  const Samples md = sample_nvt(s, T, dt, 5, 22000 * length, 2000 * length, 20 * length);
  Samples mc;
  SwapMonteCarlo chain(*u, start.particles, start.box, swap_rule_for(model), 6);
  for (std::uint64_t k = 0; k < 2500u * static_cast<std::uint64_t>(length); ++k) {
    chain.sweep(k, T, 0.2);
    if (k < 100 && k % 10 == 9) chain.adapt_step(0.4);
    if (k >= 100 && k % (2 * static_cast<std::uint64_t>(length)) == 1) mc.add(chain.energy() / 256.0, pair_histogram(start.particles, start.box));
  }
  compare(md, mc, std::string(model) + " T=" + std::to_string(T));
}

// The same comparison with independent starts, for temperatures where MD cannot sample the diameter
// (or species) assignment: MD keeps the assignment it starts from, swap MC samples over assignments,
// so one MD run compares a quenched sample of the disorder with the annealed average. One swap chain
// at T supplies `starts` states, `gap` sweeps apart (several swap relaxation times); MD (Nosé–Hoover
// NVT) runs `md_steps` from each, and each start gives one independent sample: the MD run's mean and
// the mean over the MC segment that follows it, compared pair by pair (compare_paired).
void check_md_mc_independent_starts(const char* model, double T, double dt, int starts, std::uint64_t gap,
                                    int md_steps) {
  SCOPED_TRACE(std::string(model) + " T = " + std::to_string(T) + ", independent starts");
  System s = make_system(test::random_configuration(model, 256, 17, 0.0), model, "test");
  minimize(s, {.ftol = 1e-3});
  auto u = make_potential(model);
  Configuration state = s.cfg;
  SwapMonteCarlo chain(*u, state.particles, state.box, swap_rule_for(model), 6);
  std::uint64_t sweep = 0;
  for (; sweep < 2 * gap; ++sweep) {
    chain.sweep(sweep, T, 0.2);
    if (sweep < gap && sweep % 10 == 9) chain.adapt_step(0.4);
  }
  Samples md, mc;
  for (int k = 0; k < starts; ++k) {
    s.cfg = state;
    s.list.build(s.particles(), s.box());
    const Samples run = sample_nvt(s, T, dt, static_cast<std::uint32_t>(5 + k), md_steps, 0, 20);
    Samples segment;
    for (std::uint64_t end = sweep + gap; sweep < end; ++sweep) {
      chain.sweep(sweep, T, 0.2);
      if (sweep % 4 == 0) segment.add(chain.energy() / 256.0, pair_histogram(state.particles, state.box));
    }
    const auto mean = [](const std::vector<double>& x) { return block_average(x, 1).mean; };
    std::vector<double> g_md, g_mc;
    for (std::size_t b = 0; b < run.g.size(); ++b) {
      g_md.push_back(mean(run.g[b]));
      g_mc.push_back(mean(segment.g[b]));
    }
    md.add(mean(run.pe), g_md);
    mc.add(mean(segment.pe), g_mc);
    std::printf("start %d: E/N MD %.5f, MC segment %.5f\n", k, md.pe.back(), mc.pe.back());
    std::fflush(stdout);
  }
  compare_paired(md, mc, std::string(model) + " T=" + std::to_string(T) + ", independent starts");
}

// Done-means 1 of issue 6 at small N (256). One long run each at polydisperse T = 0.3 and KA2 T = 1.0,
// where MD relaxes within the 110 time units run here ...
TEST(SwapStages, MonteCarloAndMdSampleTheSameEquilibrium) {
  check_md_mc_agreement("polydisperse-ss", 0.3, 0.005, 1);
  check_md_mc_agreement("ka2", 1.0, 0.004, 1);
}

// ... and independent starts at the issue's temperatures polydisperse T = 0.2 and KA2 T = 0.8 (MD
// runs of 40 time units each, several tau_alpha; MC gaps of several swap relaxation times).
TEST(SwapStages, MonteCarloAndMdAgreeFromIndependentStarts) {
  check_md_mc_independent_starts("polydisperse-ss", 0.2, 0.005, 10, 1500, 8000);
  check_md_mc_independent_starts("ka2", 0.8, 0.004, 12, 2000, 10000);
}

// By hand (validation/swap/README.md): polydisperse T = 0.12, where MD cannot change the diameter
// assignment within reach and a single MD run samples one quenched assignment (about 9 min on one core)
//   vitrum_tests --gtest_also_run_disabled_tests --gtest_filter='*IndependentStartsAtLowTemperature*'
TEST(SwapStages, DISABLED_IndependentStartsAtLowTemperature) {
  check_md_mc_independent_starts("polydisperse-ss", 0.12, 0.005, 16, 10000, 40000);
}

// Single long runs from one start (about 30 min on one idle core): at polydisperse T = 0.12 these
// disagree (validation/swap/README.md), the quenched-assignment effect the test above removes.
//   vitrum_tests --gtest_also_run_disabled_tests --gtest_filter='*AgreeAtLowTemperature*'
TEST(SwapStages, DISABLED_MonteCarloAndMdAgreeAtLowTemperature) {
  check_md_mc_agreement("polydisperse-ss", 0.2, 0.005, 10);
  check_md_mc_agreement("ka2", 0.8, 0.004, 10);
  check_md_mc_agreement("polydisperse-ss", 0.12, 0.005, 100);
}

const char* kIssueRecipe = R"([system]
generate = { model = "polydisperse-ss", n = 1500, density = 1.0 }
potential = "polydisperse-ss"
seed = 7
[[stage]]
kind = "swap_anneal"
temperatures = [0.25, 0.15, 0.10, 0.08]
sweeps = 20000
p_swap = 0.2
)";

TEST(SwapStages, IssueRecipeParsesExactlyAsWritten) {
  const Recipe r = parse_recipe(kIssueRecipe, "swap-poly.toml", ".");
  ASSERT_EQ(r.stages.size(), 1u);
  EXPECT_EQ(r.stages[0].kind, "swap_anneal");
  const SwapStage& st = r.stages[0].as<SwapStage>();
  EXPECT_EQ(st.swap.temperatures, (std::vector<double>{0.25, 0.15, 0.10, 0.08}));
  EXPECT_EQ(st.swap.sweeps, 20000);
  EXPECT_EQ(st.swap.p_swap, 0.2);
  EXPECT_EQ(st.swap.equilibrate, 2000);
  EXPECT_EQ(r.system.generate.n, 1500u);
  // The file in recipes/ is that recipe.
  std::ifstream in(std::string(VITRUM_SOURCE_DIR) + "/recipes/swap-poly.toml");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const Recipe f = parse_recipe(ss.str(), "swap-poly.toml", ".");
  EXPECT_EQ(f.stages[0].as<SwapStage>().swap.temperatures, st.swap.temperatures);
  EXPECT_EQ(f.stages[0].as<SwapStage>().swap.sweeps, 20000);
}

TEST(SwapStages, RecipeMistakesNameTheKey) {
  auto with = [](const std::string& stage) {
    return std::string("[system]\nread = \"x.data\"\npotential = \"ka2\"\n[[stage]]\n") + stage;
  };
  EXPECT_NE(test::recipe_error(with("kind = \"swap\"\ntemperature = 0.5\nsweeps = 10\npswap = 0.3\n")).find("pswap"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(with("kind = \"swap\"\ntemperature = 0.5\nsweeps = 10\np_swap = 1.5\n")).find("p_swap"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(with("kind = \"swap_anneal\"\ntemperatures = [0.5, -1]\nsweeps = 10\n")).find("temperatures"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(with("kind = \"swap\"\ntemperature = 0.5\n")).find("sweeps"), std::string::npos);
  EXPECT_NE(test::recipe_error(with("kind = \"hybrid\"\ntemperature = 0.5\nsteps = 10\nswap_every = 0\n")).find("swap_every"),
            std::string::npos);
  const std::string pt = "kind = \"parallel_tempering\"\nsweeps = 10\n";
  EXPECT_NE(test::recipe_error(with(pt + "temperatures = [0.6, 0.5]\n")).find("strictly increasing"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(pt + "temperatures = [0.5]\n")).find("at least two"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(pt + "temperatures = [0.5, 0.6]\nexchange_every = 0\n")).find("exchange_every"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(with(pt + "temperatures = [0.5, 0.6]\ne_is_samples = 3\n")).find("e_is_samples"),
            std::string::npos);
  const std::string sw = "kind = \"swap\"\ntemperature = 0.5\nsweeps = 10\nequilibrate = 5\n";
  EXPECT_NE(test::recipe_error(with(sw + "e_is_samples = 0\n")).find("e_is_samples"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(sw + "e_is_samples = 6\n")).find("e_is_samples"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(sw + "e_is_samples = 2\ne_is = false\n")).find("needs e_is"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(sw + "mc_dynamics_origins = 0\n")).find("mc_dynamics_origins"), std::string::npos);
  EXPECT_NE(test::recipe_error(with(sw + "mc_dynamics_spacing = 0\n")).find("mc_dynamics_spacing"), std::string::npos);
}

// x_t = φ x_{t−1} + √(1−φ²) ε_t: unit variance, and the variance of the mean of n samples tends to
// (1/n)(1+φ)/(1−φ) (19/n at φ = 0.9), 19 times the naive 1/n that ignores the correlation.
std::vector<double> autoregressive(std::size_t n, double phi, std::uint32_t seed, double drift = 0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> eps;
  std::vector<double> x(n);
  double v = eps(rng);
  for (std::size_t t = 0; t < n; ++t) {
    v = phi * v + std::sqrt(1 - phi * phi) * eps(rng);
    x[t] = v + drift * static_cast<double>(t) / static_cast<double>(n);
  }
  return x;
}

TEST(Statistics, BlockingErrorFindsTheCorrelatedError) {
  const std::size_t n = 1 << 16;
  const double exact = std::sqrt(19.0 / n);
  const std::vector<double> x = autoregressive(n, 0.9, 5);
  EXPECT_NEAR(blocking_error(x), exact, 0.2 * exact);
  EXPECT_LT(block_average(x, static_cast<int>(n)).stderr_, 0.3 * exact);  // one sample a block: overconfident
}

// Stationary series pass the two-halves check about 95 % of the time; a drift of 8 errors fails it.
TEST(Statistics, TwoHalvesCheckPassesStationaryAndFailsDrift) {
  const std::size_t n = 1 << 14;
  int pass = 0;
  for (std::uint32_t seed = 0; seed < 60; ++seed) {
    const std::vector<double> x = autoregressive(n, 0.9, 100 + seed);
    pass += std::abs(half_difference(x)) <= 2 * half_difference_error(x);
  }
  EXPECT_GE(pass, 51);  // binomial(60, 0.95): P(pass < 52) ≈ 0.5 %
  const double sigma_d = std::sqrt(2 * 2 * 19.0 / n);  // each half: variance of its mean 19/(n/2)
  // A linear drift of size D moves the half means apart by D/2.
  const std::vector<double> drifting = autoregressive(n, 0.9, 7, 2 * 8 * sigma_d);
  EXPECT_GT(std::abs(half_difference(drifting)), 2 * half_difference_error(drifting));
}

// e_is_samples = 4: four production states (sweeps 90, 140, 190 and the final 240 after 40 of
// equilibration) are minimised; e_is is their mean, e_is_final the last.
TEST(SwapStages, InherentStatesAveragedOverProduction) {
  const std::string text = R"([system]
generate = { model = "polydisperse-ss", n = 300, density = 1.0 }
potential = "polydisperse-ss"
seed = 3
[[stage]]
kind = "swap"
temperature = 0.25
sweeps = 240
equilibrate = 40
e_is_samples = 4
)";
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_swap_eis";
  std::filesystem::remove_all(dir);
  const nlohmann::json summary = run_recipe(parse_recipe(text, "eis.toml", "."), {.out_dir = dir});
  const auto& t = summary["stages"][0]["temperatures"][0];
  const auto values = t["e_is_values"].get<std::vector<double>>();
  ASSERT_EQ(values.size(), 4u);
  double mean = 0;
  for (double v : values) {
    EXPECT_LT(v, t["pe_per_particle"].get<double>());
    mean += v / 4;
  }
  EXPECT_DOUBLE_EQ(t["e_is"].get<double>(), mean);
  EXPECT_EQ(t["e_is_final"].get<double>(), values.back());
  EXPECT_GT(t["e_is_stderr"].get<double>(), 0);  // distinct inherent states
  // The final state's inherent energy equals a minimisation of the written configuration.
  System s = make_system(read_configuration(dir / t["file"].get<std::string>()), "polydisperse-ss", "test");
  MinimizeOptions mo;
  mo.ftol = 1e-8;
  EXPECT_NEAR(minimize(s, mo).energy / 300.0, values.back(), 1e-9);
}

// A small swap_anneal → hybrid run: every temperature reports acceptances, E/N, e_IS and τ_α.
TEST(SwapStages, SmallRunReportsEveryTemperature) {
  const std::string text = R"([system]
generate = { model = "polydisperse-ss", n = 300, density = 1.0 }
potential = "polydisperse-ss"
seed = 3
[[stage]]
kind = "swap_anneal"
temperatures = [0.3, 0.2]
sweeps = 300
dynamics_steps = 3000
dynamics_dt = 0.01
[[stage]]
kind = "hybrid"
temperature = 0.2
steps = 1000
dt = 0.005
swap_every = 20
)";
  const auto dir = std::filesystem::temp_directory_path() / "vitrum_swap_small";
  std::filesystem::remove_all(dir);
  const nlohmann::json summary = run_recipe(parse_recipe(text, "small.toml", "."), {.out_dir = dir});
  const auto& temps = summary["stages"][0]["temperatures"];
  ASSERT_EQ(temps.size(), 2u);
  for (const auto& t : temps) {
    SCOPED_TRACE(t.dump());
    EXPECT_GT(t["acceptance_translation"].get<double>(), 0.2);
    EXPECT_LT(t["acceptance_translation"].get<double>(), 0.6);
    EXPECT_GT(t["acceptance_swap"].get<double>(), 0.02);
    EXPECT_LT(t["acceptance_swap"].get<double>(), 0.6);
    EXPECT_LT(t["e_is"].get<double>(), t["pe_per_particle"].get<double>());
    EXPECT_LT(std::abs(t["energy_drift_per_particle"].get<double>()), 1e-10);
    ASSERT_TRUE(t["tau_alpha"].is_number());  // T = 0.3 and 0.2 relax within 30 time units
    EXPECT_TRUE(std::filesystem::exists(dir / t["file"].get<std::string>()));
  }
  EXPECT_LT(temps[0]["tau_alpha"].get<double>(), temps[1]["tau_alpha"].get<double>());
  EXPECT_LT(temps[1]["pe_per_particle"].get<double>(), temps[0]["pe_per_particle"].get<double>());
  const auto& h = summary["stages"][1]["temperatures"][0];
  EXPECT_TRUE(h["acceptance_translation"].is_null());
  EXPECT_GT(h["acceptance_swap"].get<double>(), 0.02);
  EXPECT_NEAR(h["temperature_mean"].get<double>(), 0.2, 0.01);
  // Hybrid and pure swap MC at the same T agree on E/N (a loose check: short runs).
  EXPECT_NEAR(h["pe_per_particle"].get<double>(), temps[1]["pe_per_particle"].get<double>(), 0.03);
}

}  // namespace
}  // namespace vitrum
