#include "vitrum/atomistic/protocol/dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <complex>

#include "vitrum/atomistic/integrate/integrator.hpp"
#include "vitrum/atomistic/mc/swap_monte_carlo.hpp"
#include "vitrum/atomistic/integrate/velocities.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

double first_peak_q(const Particles& p, const Box& box, double q_min, double q_max, double bin, int dimension) {
  const Vec3 L = box.lengths();
  const double xy = box.xy();
  // Reciprocal vectors of a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz).
  const Vec3 b1{2 * M_PI / L.x, -2 * M_PI * xy / (L.x * L.y), 0}, b2{0, 2 * M_PI / L.y, 0}, b3{0, 0, 2 * M_PI / L.z};
  const Vec3 w = box.perpendicular_widths();
  const int n1 = static_cast<int>(std::ceil(q_max * w.x / (2 * M_PI))) + 1;
  const int n2 = static_cast<int>(std::ceil(q_max * w.y / (2 * M_PI))) + 1;
  const int n3 = dimension == 2 ? 0 : static_cast<int>(std::ceil(q_max * w.z / (2 * M_PI))) + 1;
  const std::size_t n = p.size();
  // exp(i n b_d · r) for every particle and n in -n_d..n_d, by repeated multiplication.
  auto table = [&](const Vec3& b, int nmax) {
    std::vector<std::complex<double>> t(n * static_cast<std::size_t>(2 * nmax + 1));
    for (std::size_t j = 0; j < n; ++j) {
      const std::complex<double> e = std::polar(1.0, dot(b, p.position[j] - box.lo()));
      std::complex<double>* row = &t[j * (2 * nmax + 1) + nmax];
      row[0] = 1;
      for (int k = 1; k <= nmax; ++k) {
        row[k] = row[k - 1] * e;
        row[-k] = std::conj(row[k]);
      }
    }
    return t;
  };
  const auto t1 = table(b1, n1), t2 = table(b2, n2), t3 = table(b3, n3);
  const int nbins = static_cast<int>(std::ceil((q_max - q_min) / bin));
  std::vector<double> sum(nbins, 0.0), count(nbins, 0.0);
  // Half of the lattice (q and −q give the same S).
  for (int i3 = 0; i3 <= n3; ++i3)
    for (int i2 = (i3 == 0 ? 0 : -n2); i2 <= n2; ++i2)
      for (int i1 = ((i3 == 0 && i2 == 0) ? 1 : -n1); i1 <= n1; ++i1) {
        const Vec3 q = double(i1) * b1 + double(i2) * b2 + double(i3) * b3;
        const double qn = norm(q);
        if (qn < q_min || qn >= q_max) continue;
        std::complex<double> rho = 0;
        for (std::size_t j = 0; j < n; ++j)
          rho += t1[j * (2 * n1 + 1) + n1 + i1] * t2[j * (2 * n2 + 1) + n2 + i2] * t3[j * (2 * n3 + 1) + n3 + i3];
        const int k = std::min(nbins - 1, static_cast<int>((qn - q_min) / bin));
        sum[k] += std::norm(rho) / static_cast<double>(n);
        count[k] += 1;
      }
  int best = -1;
  for (int k = 0; k < nbins; ++k)
    if (count[k] > 0 && (best < 0 || sum[k] / count[k] > sum[best] / count[best])) best = k;
  if (best < 0) throw Error("S(q): no wave vector of the box lies in the search range");
  return q_min + (best + 0.5) * bin;
}

std::vector<Vec3> unwrapped_positions(const Particles& p, const Box& box) {
  std::vector<Vec3> out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = box.unwrap(p.position[i], p.image[i]);
  return out;
}

SelfDynamics self_dynamics(const Particles& p, const Box& box, const std::vector<Vec3>& reference, double q,
                          int dimension) {
  SelfDynamics s;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double r = norm(box.unwrap(p.position[i], p.image[i]) - reference[i]);
    s.msd += r * r;
    const double x = q * r;
    if (dimension == 2) s.fs += std::cyl_bessel_j(0.0, x);
    else s.fs += x < 1e-6 ? 1.0 - x * x / 6.0 : std::sin(x) / x;
  }
  s.msd /= static_cast<double>(p.size());
  s.fs /= static_cast<double>(p.size());
  return s;
}

std::optional<double> crossing_time(const std::vector<double>& time, const std::vector<double>& f, double level) {
  for (std::size_t k = 1; k < f.size(); ++k)
    if (f[k] < level && f[k - 1] >= level) {
      const double a = std::log(time[k - 1]), b = std::log(time[k]);
      return std::exp(a + (b - a) * (f[k - 1] - level) / (f[k - 1] - f[k]));
    }
  return std::nullopt;
}

namespace {

// Log-spaced sampling times: every integer step up to the first where the factor 10^(1/points) exceeds 1,
// then about `points_per_decade` per decade, and always the last step.
class LogSchedule {
 public:
  explicit LogSchedule(int points_per_decade) : factor_(std::pow(10.0, 1.0 / points_per_decade)) {}
  bool due(std::int64_t k, std::int64_t last) {
    if (static_cast<double>(k) < next_ && k != last) return false;
    while (next_ <= static_cast<double>(k)) next_ = std::max(next_ * factor_, std::floor(next_) + 1);
    return true;
  }

 private:
  double factor_, next_ = 1;
};

}  // namespace

DynamicsResult measure_dynamics(System& s, const DynamicsOptions& opt) {
  DynamicsResult out;
  out.q = opt.q > 0 ? opt.q : first_peak_q(s.particles(), s.box(), 4.0, 10.0, 0.1, s.dimension());
  IntegratorOptions io;
  io.ensemble = "nvt";
  io.dt = opt.dt;
  io.tdamp = 100 * opt.dt;
  io.seed = opt.seed;
  auto integrator = make_integrator(io);
  create_velocities(s, opt.temperature, opt.seed);
  s.cfg.has_velocities = true;
  s.need_energy_virial = false;
  s.compute_forces();
  const std::vector<Vec3> ref = unwrapped_positions(s.particles(), s.box());
  LogSchedule schedule(opt.points_per_decade);
  for (std::int64_t k = 1; k <= opt.steps; ++k) {
    integrator->step(s, k, opt.temperature);
    if (schedule.due(k, opt.steps)) {
      const SelfDynamics d = self_dynamics(s.particles(), s.box(), ref, out.q, s.dimension());
      out.time.push_back(static_cast<double>(k) * opt.dt);
      out.msd.push_back(d.msd);
      out.fs.push_back(d.fs);
      if (!std::isfinite(d.msd)) throw Error("dynamics: the MD run blew up (time step too large?)");
    }
  }
  s.need_energy_virial = true;
  s.compute_forces();
  out.tau_alpha = crossing_time(out.time, out.fs);
  return out;
}

DynamicsResult measure_mc_dynamics(const Potential& u, const Configuration& start, const McDynamicsOptions& opt) {
  if (opt.origins < 1 || opt.spacing < 1 || opt.sweeps < 1)
    throw Error("Monte Carlo dynamics: sweeps, origins and spacing must be >= 1");
  DynamicsResult out;
  Configuration c = start;
  SwapMonteCarlo mc(u, c.particles, c.box, opt.p_swap > 0 ? swap_rule_for(u.name()) : SwapRule{}, opt.seed,
                    c.dimension);
  mc.set_max_displacement(opt.max_displacement);
  out.q = opt.q > 0 ? opt.q : first_peak_q(c.particles, c.box, 4.0, 10.0, 0.1, c.dimension);
  // The lags every origin is sampled at.
  std::vector<std::int64_t> lags;
  LogSchedule schedule(opt.points_per_decade);
  for (std::int64_t k = 1; k <= opt.sweeps; ++k)
    if (schedule.due(k, opt.sweeps)) lags.push_back(k);
  const auto origins = static_cast<std::size_t>(opt.origins);
  std::vector<std::vector<Vec3>> ref(origins);
  std::vector<std::vector<SelfDynamics>> curve(origins);  // per origin, one entry per lag reached
  const std::int64_t last_origin = (opt.origins - 1) * opt.spacing;
  ref[0] = unwrapped_positions(c.particles, c.box);
  for (std::int64_t k = 1; k <= last_origin + opt.sweeps; ++k) {
    mc.sweep(static_cast<std::uint64_t>(k - 1), opt.temperature, opt.p_swap);
    const bool starts = k % opt.spacing == 0 && k <= last_origin;
    bool sampled = false;
    for (std::size_t o = 0; o < origins; ++o) {
      const std::int64_t lag = k - static_cast<std::int64_t>(o) * opt.spacing;
      sampled |= lag > 0 && curve[o].size() < lags.size() && lags[curve[o].size()] == lag;
    }
    if (!starts && !sampled) continue;
    // The chain wraps positions at the start of each sweep; moves since then may have left the box.
    Particles& p = c.particles;
    for (std::size_t i = 0; i < p.size(); ++i) c.box.wrap(p.position[i], p.image[i]);
    if (starts) ref[static_cast<std::size_t>(k / opt.spacing)] = unwrapped_positions(p, c.box);
    for (std::size_t o = 0; o < origins; ++o) {
      const std::int64_t lag = k - static_cast<std::int64_t>(o) * opt.spacing;
      if (lag > 0 && curve[o].size() < lags.size() && lags[curve[o].size()] == lag)
        curve[o].push_back(self_dynamics(p, c.box, ref[o], out.q, c.dimension));
    }
    if (!curve.back().empty() && curve.back().back().fs < opt.stop_below) break;
  }
  // The lags every origin reached (the last origin's), averaged over the origins.
  for (std::size_t m = 0; m < curve.back().size(); ++m) {
    double msd = 0, fs = 0;
    for (const auto& c_o : curve) msd += c_o[m].msd, fs += c_o[m].fs;
    out.time.push_back(static_cast<double>(lags[m]));
    out.msd.push_back(msd / static_cast<double>(origins));
    out.fs.push_back(fs / static_cast<double>(origins));
  }
  out.tau_alpha = crossing_time(out.time, out.fs);
  for (const auto& c_o : curve) {
    std::vector<double> t, f;
    for (std::size_t m = 0; m < c_o.size(); ++m) t.push_back(static_cast<double>(lags[m])), f.push_back(c_o[m].fs);
    out.tau_by_origin.push_back(crossing_time(t, f));
  }
  return out;
}

}  // namespace vitrum
