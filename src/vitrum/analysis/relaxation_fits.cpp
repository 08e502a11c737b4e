#include "vitrum/analysis/relaxation_fits.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double vft(double T, const std::vector<double>& p) { return T > p[2] ? p[0] + p[1] * p[2] / (T - p[2]) : kNaN; }
double parabolic(double T, const std::vector<double>& p) {
  const double u = 1.0 / T - 1.0 / p[2];
  return p[0] + p[1] * p[1] * u * u;
}
double mct(double T, const std::vector<double>& p) { return T > p[2] ? p[0] - p[1] * std::log(T - p[2]) : kNaN; }

double law_ln_tau(const std::string& law, double T, const std::vector<double>& p) {
  if (law == "vft") return vft(T, p);
  if (law == "parabolic") return parabolic(T, p);
  return mct(T, p);
}

// Weighted linear least squares y ≈ a + b g(x): returns {a, b, χ²}.
struct Line {
  double a = 0, b = 0, chi2 = 0;
};
Line line_fit(const std::vector<double>& g, const std::vector<double>& y, const std::vector<double>& sigma) {
  const auto n = static_cast<Eigen::Index>(g.size());
  Eigen::MatrixXd A(n, 2);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = sigma.empty() ? 1.0 : 1.0 / sigma[static_cast<std::size_t>(i)];
    A(i, 0) = w;
    A(i, 1) = w * g[static_cast<std::size_t>(i)];
    v[i] = w * y[static_cast<std::size_t>(i)];
  }
  const Eigen::Vector2d c = A.colPivHouseholderQr().solve(v);
  return {c[0], c[1], (A * c - v).squaredNorm()};
}

void check(const RelaxationData& d, const char* law) {
  if (d.temperature.size() != d.tau.size() || (!d.sigma_ln_tau.empty() && d.sigma_ln_tau.size() != d.tau.size()))
    throw Error(fmt::format("{} fit: temperature, tau and sigma_ln_tau must have the same length", law));
  if (d.tau.size() < 4)
    throw Error(fmt::format("{} fit: {} points for 3 parameters (need at least 4)", law, d.tau.size()));
  for (std::size_t i = 0; i < d.tau.size(); ++i)
    if (!(d.tau[i] > 0) || !(d.temperature[i] > 0))
      throw Error(fmt::format("{} fit: temperatures and relaxation times must be positive", law));
}

std::vector<double> logs(const std::vector<double>& x) {
  std::vector<double> y;
  for (double v : x) y.push_back(std::log(v));
  return y;
}

// Scans the nonlinear temperature over `grid`; at each value the model is linear in the other two parameters.
// Returns the three starting parameters of the best scan point.
template <class G, class P>
std::vector<double> scan(const std::vector<double>& grid, const RelaxationData& d, G basis, P params) {
  const std::vector<double> y = logs(d.tau);
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> start;
  for (double t : grid) {
    std::vector<double> g;
    for (double T : d.temperature) g.push_back(basis(T, t));
    const Line l = line_fit(g, y, d.sigma_ln_tau);
    const auto p = params(l, t);
    if (std::isfinite(l.chi2) && l.chi2 < best && !p.empty()) best = l.chi2, start = p;
  }
  if (start.empty()) throw Error("tau fit: no starting point found by the scan");
  return start;
}

TauFit finish(const std::string& law, std::vector<std::string> names, const RelaxationData& d,
              std::vector<double> start) {
  TauFit f;
  f.law = law;
  f.names = std::move(names);
  f.temperatures = d.temperature;
  const double tmin = *std::min_element(d.temperature.begin(), d.temperature.end());
  const double tmax = *std::max_element(d.temperature.begin(), d.temperature.end());
  std::function<bool(const std::vector<double>&)> valid;
  if (law == "vft") valid = [tmin](const std::vector<double>& p) { return p[2] > 0 && p[2] < tmin && p[1] > 0; };
  if (law == "mct") valid = [tmin](const std::vector<double>& p) { return p[2] > 0 && p[2] < tmin; };
  if (law == "parabolic") valid = [tmax](const std::vector<double>& p) { return p[2] > 0 && p[2] < 100 * tmax; };
  f.fit = least_squares([&law](double T, const std::vector<double>& p) { return law_ln_tau(law, T, p); },
                        d.temperature, logs(d.tau), d.sigma_ln_tau, std::move(start), valid);
  return f;
}

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(a + (b - a) * i / (n - 1));
  return x;
}

}  // namespace

double TauFit::ln_tau(double T) const { return law_ln_tau(law, T, fit.params); }

double TauFit::value(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return fit.params[i];
  throw Error(fmt::format("{} fit has no parameter '{}'", law, name));
}

double TauFit::error(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return fit.errors[i];
  throw Error(fmt::format("{} fit has no parameter '{}'", law, name));
}

TauFit fit_vft(const RelaxationData& d) {
  check(d, "VFT");
  const double tmin = *std::min_element(d.temperature.begin(), d.temperature.end());
  // ln τ = a + b / (T − T0), b = D T0.
  const auto start = scan(linspace(0.005 * tmin, 0.995 * tmin, 400), d,
                          [](double T, double t0) { return 1.0 / (T - t0); },
                          [](const Line& l, double t0) {
                            return l.b > 0 ? std::vector<double>{l.a, l.b / t0, t0} : std::vector<double>{};
                          });
  return finish("vft", {"ln_tau0", "D", "T0"}, d, start);
}

TauFit fit_mct(const RelaxationData& d) {
  check(d, "MCT");
  const double tmin = *std::min_element(d.temperature.begin(), d.temperature.end());
  // ln τ = a + b ln(T − T_c), γ = −b.
  const auto start = scan(linspace(0.005 * tmin, 0.995 * tmin, 400), d,
                          [](double T, double tc) { return std::log(T - tc); },
                          [](const Line& l, double tc) {
                            return l.b < 0 ? std::vector<double>{l.a, -l.b, tc} : std::vector<double>{};
                          });
  return finish("mct", {"ln_A", "gamma", "T_c"}, d, start);
}

TauFit fit_parabolic(const RelaxationData& in) {
  RelaxationData d = in;
  for (int round = 0; round < 5; ++round) {
    check(d, "parabolic");
    const double tmax = *std::max_element(d.temperature.begin(), d.temperature.end());
    // ln τ = a + J² (1/T − 1/T_o)²; T_o scanned from the hottest point to 20× it.
    const auto start = scan(linspace(tmax * 1.0001, 20 * tmax, 800), d,
                            [](double T, double to) { return (1.0 / T - 1.0 / to) * (1.0 / T - 1.0 / to); },
                            [](const Line& l, double to) {
                              return l.b > 0 ? std::vector<double>{l.a, std::sqrt(l.b), to} : std::vector<double>{};
                            });
    TauFit f = finish("parabolic", {"ln_tau0", "J", "T_o"}, d, start);
    f.fit.params[1] = std::abs(f.fit.params[1]);  // J enters squared: report the positive root
    const double to = f.fit.params[2];
    RelaxationData kept;
    for (std::size_t i = 0; i < d.temperature.size(); ++i)
      if (d.temperature[i] < to) {
        kept.temperature.push_back(d.temperature[i]);
        kept.tau.push_back(d.tau[i]);
        if (!d.sigma_ln_tau.empty()) kept.sigma_ln_tau.push_back(d.sigma_ln_tau[i]);
      }
    if (kept.temperature.size() == d.temperature.size()) return f;
    d = kept;
  }
  throw Error("parabolic fit: the set of points below T_o did not settle in 5 rounds");
}

std::optional<Fragility> fragility(const TauFit& f, double tau_g) {
  if (!(tau_g > 0)) throw Error("fragility: tau_g must be positive");
  const double lg = std::log(tau_g);
  std::function<double(const std::vector<double>&)> tg, m;
  if (f.law == "vft") {
    // ln τ_g = ln τ0 + D T0/(T_g − T0) → T_g = T0 + D T0/(ln τ_g − ln τ0); m = D T0 T_g / ((T_g − T0)² ln 10).
    tg = [lg](const std::vector<double>& p) { return p[2] + p[1] * p[2] / (lg - p[0]); };
    m = [tg](const std::vector<double>& p) {
      const double t = tg(p);
      return p[1] * p[2] * t / ((t - p[2]) * (t - p[2]) * std::log(10.0));
    };
    if (!(lg > f.fit.params[0])) return std::nullopt;
  } else if (f.law == "parabolic") {
    // 1/T_g = 1/T_o + sqrt(ln τ_g − ln τ0)/J; m = (1/T_g) d log10 τ/d(1/T) = 2 J² (1/T_g − 1/T_o) / (T_g ln 10).
    tg = [lg](const std::vector<double>& p) { return 1.0 / (1.0 / p[2] + std::sqrt(lg - p[0]) / std::abs(p[1])); };
    m = [tg](const std::vector<double>& p) {
      const double t = tg(p);
      return 2 * p[1] * p[1] * (1.0 / t - 1.0 / p[2]) / (t * std::log(10.0));
    };
    if (!(lg > f.fit.params[0])) return std::nullopt;
  } else {
    return std::nullopt;
  }
  Fragility r;
  r.tau_g = tau_g;
  r.T_g = tg(f.fit.params);
  r.m = m(f.fit.params);
  r.T_g_error = propagated_error(tg, f.fit);
  r.m_error = propagated_error(m, f.fit);
  return r;
}

}  // namespace vitrum
