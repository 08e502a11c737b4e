#include "vitrum/gfa/screening.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/periodic_table.hpp"

namespace vitrum::gfa {

std::string TernarySystem::name() const {
  return fmt::format("{}-{}-{}", element_symbol(z[0]), element_symbol(z[1]), element_symbol(z[2]));
}

std::vector<TernarySystem> all_ternaries(const std::vector<int>& elements) {
  std::vector<int> e = elements;
  std::sort(e.begin(), e.end());
  if (std::adjacent_find(e.begin(), e.end()) != e.end()) throw Error("screen: an element is listed twice");
  if (e.size() < 3) throw Error(fmt::format("screen: need at least three elements, got {}", e.size()));
  std::vector<TernarySystem> out;
  for (std::size_t a = 0; a < e.size(); ++a)
    for (std::size_t b = a + 1; b < e.size(); ++b)
      for (std::size_t c = b + 1; c < e.size(); ++c) out.push_back({{e[a], e[b], e[c]}});
  return out;
}

std::vector<GridPoint> ternary_grid(int divisions) {
  if (divisions < 1 || divisions > 1000) throw Error(fmt::format("screen: {} grid divisions is not in 1..1000", divisions));
  std::vector<GridPoint> g;
  for (int i = 0; i <= divisions; ++i)
    for (int j = 0; i + j <= divisions; ++j) g.push_back({i, j, divisions - i - j});
  return g;
}

ScreenResult screen_ternaries(const std::vector<TernarySystem>& systems, int divisions, const Featurizer& f,
                              const Learner& forest, int threads,
                              const std::function<void(const TernarySystem&, const std::vector<double>&)>& on_system) {
  if (forest.cols() != f.size()) throw Error("screen: the model and the featurizer disagree on the feature count");
  const auto t0 = std::chrono::steady_clock::now();
  const auto grid = ternary_grid(divisions);
  ScreenResult r;
  r.systems.resize(systems.size());
  r.points = grid.size() * systems.size();
  std::atomic<std::size_t> next{0};
  std::mutex lock;
  // An error in a worker (an element without criteria data, a file that cannot be written) stops the others and
  // is rethrown to the caller, never left to std::terminate().
  std::exception_ptr failure;
  auto guarded = [&](auto&& body) {
    try {
      body();
    } catch (...) {
      std::lock_guard<std::mutex> guard(lock);
      if (!failure) failure = std::current_exception();
      next = systems.size();
    }
  };
  auto work = [&] {
    std::vector<double> x(grid.size() * f.size()), p(grid.size());
    Composition c;
    while (true) {
      const std::size_t s = next++;
      if (s >= systems.size()) break;
      const auto& sys = systems[s];
      for (std::size_t g = 0; g < grid.size(); ++g) {  // featurise the whole system, then predict the batch
        const int n[3] = {grid[g].i, grid[g].j, grid[g].k};
        c.z.clear();
        c.x.clear();
        for (int q = 0; q < 3; ++q)
          if (n[q] > 0) { c.z.push_back(sys.z[q]); c.x.push_back(static_cast<double>(n[q]) / divisions); }
        f.compute(c, x.data() + g * f.size());
      }
      SystemSummary sum{sys, -1.0, 0.0, {}};
      forest.predict_batch(x.data(), grid.size(), p.data());
      for (std::size_t g = 0; g < grid.size(); ++g) {
        if (p[g] > sum.max_p) { sum.max_p = p[g]; sum.best = grid[g]; }
        sum.glass_fraction += p[g] >= 0.5;
      }
      sum.glass_fraction /= static_cast<double>(grid.size());
      r.systems[s] = sum;
      if (on_system) {
        std::lock_guard<std::mutex> guard(lock);
        on_system(sys, p);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < std::max(1, threads); ++w) pool.emplace_back([&] { guarded(work); });
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace vitrum::gfa
