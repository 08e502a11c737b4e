#include "vitrum/atomistic/shear/local_yield.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/indenter.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

double local_shear_stress(System& s, const std::vector<std::size_t>& members, double volume_per_particle) {
  if (members.empty()) throw Error("local stress: the region holds no particle");
  const auto w = s.potential->per_atom_virials(s.cfg.particles, s.cfg.box, s.list);
  double wxy = 0;
  for (std::size_t i : members) wxy += w[i][3];
  const double v_in = static_cast<double>(members.size()) * volume_per_particle;
  return -wxy / v_in;
}

namespace {

// Minimises the free particles (the frozen ones feel no force), then the resolved local stress.
double relax_and_measure(System& w, const std::vector<std::size_t>& inner, double volume_per_particle,
                         const LocalYieldOptions& opt, LocalYieldSite& site) {
  w.need_energy_virial = false;
  const MinimizeResult m = minimize(w, opt.minimize);
  site.force_evaluations += m.force_evaluations + 1;
  if (!m.converged) site.converged = false;
  w.need_energy_virial = true;
  return opt.direction * local_shear_stress(w, inner, volume_per_particle);
}

}  // namespace

LocalYieldSite local_yield(const System& s, const Vec3& center, const LocalYieldOptions& opt) {
  if (!(opt.inner_radius > 0)) throw Error(fmt::format("local yield: inner_radius must be positive, got {}", opt.inner_radius));
  if (!(opt.dgamma > 0)) throw Error(fmt::format("local yield: dgamma must be positive, got {}", opt.dgamma));
  if (!(opt.gamma_max >= opt.dgamma))
    throw Error(fmt::format("local yield: gamma_max ({}) must be >= dgamma ({})", opt.gamma_max, opt.dgamma));
  if (!(opt.drop_threshold > 0)) throw Error("local yield: drop_threshold must be positive");
  if (opt.direction != 1 && opt.direction != -1) throw Error("local yield: direction must be +1 or -1");

  const double volume_per_particle = s.volume() / static_cast<double>(s.size());
  System w = s.copy();
  w.list.set_sorting(false);  // the region and the frozen flags are particle indices: no reordering at list builds
  auto distance2 = [&](const Vec3& r) {
    Vec3 d = w.cfg.box.min_image(r - center);
    if (w.dimension() == 2) d.z = 0;  // a planar system: a disc in its plane
    return dot(d, d);
  };
  if (opt.trim) {
    const double rc = w.potential->cutoff();
    const double keep = opt.inner_radius + (w.potential->pairwise() ? 1.5 : 2.5) * rc;
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (distance2(w.cfg.particles.position[i]) < keep * keep) kept.push_back(i);
    if (kept.size() < w.size()) {
      Particles& q = w.cfg.particles;
      q.reorder(kept);  // the kept particles first, in their order
      q.resize(kept.size());
      w.list.build(q, w.cfg.box);
    }
  }
  const Particles& p = w.cfg.particles;
  const double r2 = opt.inner_radius * opt.inner_radius;
  std::vector<std::size_t> inner;
  std::vector<char> frozen(p.size(), 1);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (distance2(p.position[i]) < r2) {
      inner.push_back(i);
      frozen[i] = 0;
    }
  }
  LocalYieldSite site;
  site.center = center;
  site.inner = inner.size();
  site.particles = p.size();
  if (inner.empty())
    throw Error(fmt::format("local yield: no particle within inner_radius {} of the site ({}, {}, {})", opt.inner_radius,
                            center.x, center.y, center.z));
  w.external.push_back(std::make_shared<FrozenParticles>(std::move(frozen)));

  // The unstrained state: the inner particles relaxed with the matrix held (an inherent state stays as it is).
  double tau_prev = relax_and_measure(w, inner, volume_per_particle, opt, site);
  site.tau0 = tau_prev;
  const double step = opt.direction * opt.dgamma;
  const auto steps = static_cast<std::int64_t>(std::floor(opt.gamma_max / opt.dgamma + 1e-9));
  double gamma = 0;
  for (std::int64_t k = 1; k <= steps; ++k) {
    affine_shear(w, step);  // every particle affinely, then only the inner ones relax
    const double tau = relax_and_measure(w, inner, volume_per_particle, opt, site);
    if (tau < tau_prev - opt.drop_threshold) {
      site.yielded = true;
      site.stress_drop = tau_prev - tau;
      break;
    }
    tau_prev = tau;
    gamma = static_cast<double>(k) * opt.dgamma;
  }
  site.tau_c = tau_prev;
  site.gamma_c = gamma;
  site.delta_tau = site.tau_c - site.tau0;
  return site;
}

std::vector<Vec3> site_grid(const Box& box, const std::array<int, 3>& n) {
  for (int a = 0; a < 3; ++a)
    if (n[a] < 1) throw Error(fmt::format("local yield: the site grid needs at least one site a side, got {}", n[a]));
  std::vector<Vec3> out;
  out.reserve(static_cast<std::size_t>(n[0]) * n[1] * n[2]);
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i)
        out.push_back(box.from_fractional({(i + 0.5) / n[0], (j + 0.5) / n[1], (k + 0.5) / n[2]}));
  return out;
}

}  // namespace vitrum
