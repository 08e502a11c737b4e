// bench/epm: wall time of quasistatic 2D EPM runs to a fixed strain for several L, and the per-event (sequential)
// or per-step (synchronous) cost against one FFTW r2c + c2r transform pair of the same lattice, timed in the same
// process. Not a test: it prints numbers and ratios.
#include <fftw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/meso/epm_run.hpp"
#include "vitrum/meso/spectral_convolution.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Median time of one r2c + c2r pair on an L x L lattice, planned as the model plans (FFTW_ESTIMATE, same threads).
double fft_pair_seconds(int L, int threads) {
  vitrum::meso::set_fft_threads(threads);
  fftw_plan_with_nthreads(threads);
  const std::size_t n = std::size_t(L) * L, h = std::size_t(L) * (L / 2 + 1);
  double* real = fftw_alloc_real(n);
  fftw_complex* spec = fftw_alloc_complex(h);
  fftw_plan f = fftw_plan_dft_r2c_2d(L, L, real, spec, FFTW_ESTIMATE);
  fftw_plan b = fftw_plan_dft_c2r_2d(L, L, spec, real, FFTW_ESTIMATE);
  for (std::size_t i = 0; i < n; ++i) real[i] = double(i % 7) - 3.0;
  std::vector<double> t;
  const auto start = Clock::now();
  while (t.size() < 5 || (since(start) < 0.5 && t.size() < 200)) {
    const auto t0 = Clock::now();
    fftw_execute(f);
    fftw_execute(b);
    t.push_back(since(t0));
    for (std::size_t i = 0; i < n; ++i) real[i] *= 1.0 / double(n);  // keep the values bounded
  }
  fftw_destroy_plan(f);
  fftw_destroy_plan(b);
  fftw_free(real);
  fftw_free(spec);
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::string with_key(std::string text, const std::string& key, const std::string& value) {
  const auto at = text.find("\n" + key + " = ");
  if (at == std::string::npos) throw vitrum::Error(fmt::format("bench/epm: recipe has no line '{} = ...'", key));
  const auto end = text.find('\n', at + 1);
  return text.replace(at + 1, end - at - 1, key + " = " + value);
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s RECIPE.toml [threads] [update] [L...]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) throw vitrum::Error(fmt::format("bench/epm: cannot read {}", argv[1]));
  std::stringstream buf;
  buf << in.rdbuf();
  const int threads = argc > 2 ? std::stoi(argv[2]) : 1;
  const std::string update = argc > 3 ? argv[3] : "sequential";
  std::vector<int> sizes;
  for (int k = 4; k < argc; ++k) sizes.push_back(std::stoi(argv[k]));
  if (sizes.empty()) sizes = {128, 256, 512, 1024};

  const auto base = vitrum::meso::parse_epm_recipe(buf.str(), argv[1]);
  fmt::print("bench/epm: {}, strain 0 to {}, threads {}, update {}\n", argv[1], base.max_strain, threads, update);
  const bool seq = update == "sequential";
  fmt::print("{:>5} {:>9} {:>11} {:>11} {:>10} {:>14} {:>13} {:>9} {:>11}\n", "L", "avalanch.", "events", "steps", "wall [s]",
             seq ? "per event [us]" : "per step [us]", "FFT pair [us]", "ratio", "ns/site");
  for (int L : sizes) {
    std::string text = with_key(buf.str(), "size", std::to_string(L));
    text = with_key(text, "threads", std::to_string(threads));
    text = with_key(text, "update", "\"" + update + "\"");
    const auto recipe = vitrum::meso::parse_epm_recipe(text, argv[1]);
    vitrum::meso::set_fft_threads(threads);
    const auto t0 = Clock::now();
    const auto r = vitrum::meso::run_quasistatic(recipe, recipe.model, false);
    const double wall = since(t0);
    std::uint64_t events = 0, steps = 0;
    for (const auto& a : r.avalanches) { events += a.size; steps += a.duration; }
    const double fft = fft_pair_seconds(L, threads);
    const double per = wall / double(seq ? events : steps);
    fmt::print("{:>5} {:>9} {:>11} {:>11} {:>10.2f} {:>14.2f} {:>13.1f} {:>9.4f} {:>11.3f}\n", L, r.avalanches.size(), events,
               steps, wall, 1e6 * per, 1e6 * fft, per / fft, 1e9 * per / (double(L) * L));
    std::fflush(stdout);
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench/epm: %s\n", e.what());
  return 1;
}
