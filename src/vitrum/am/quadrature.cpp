#include "vitrum/am/quadrature.hpp"

#include <cmath>
#include <map>
#include <mutex>

namespace vitrum::am {

namespace {
GaussRule make_rule(int n) {
  GaussRule r;
  r.x.resize(n);
  r.w.resize(n);
  for (int i = 0; i < n; ++i) {
    double x = std::cos(M_PI * (i + 0.75) / (n + 0.5));  // Tricomi's first guess
    double dp = 0;
    for (int it = 0; it < 100; ++it) {
      double p0 = 1, p1 = x;
      for (int k = 2; k <= n; ++k) {
        const double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      if (n == 1) p0 = 1;
      dp = n * (x * p1 - p0) / (x * x - 1);
      const double dx = p1 / dp;
      x -= dx;
      if (std::abs(dx) < 1e-15) break;
    }
    double p0 = 1, p1 = x;
    for (int k = 2; k <= n; ++k) {
      const double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n * (x * p1 - (n == 1 ? 1.0 : p0)) / (x * x - 1);
    r.x[i] = x;
    r.w[i] = 2.0 / ((1 - x * x) * dp * dp);
  }
  return r;
}
}  // namespace

const GaussRule& gauss_legendre(int n) {
  static std::mutex mutex;
  static std::map<int, GaussRule> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, make_rule(n)).first;
  return it->second;  // std::map nodes never move
}

}  // namespace vitrum::am
