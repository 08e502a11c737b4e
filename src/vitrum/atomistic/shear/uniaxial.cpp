#include "vitrum/atomistic/shear/uniaxial.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

void scale_box(System& s, const Vec3& f) {
  Box& box = s.cfg.box;
  if (box.xy() != 0) throw Error("uniaxial: the box is tilted (xy != 0): uniaxial loading needs an orthogonal box");
  const Vec3 lo = box.lo(), L = box.lengths();
  for (Vec3& r : s.cfg.particles.position) r = {lo.x + f.x * (r.x - lo.x), lo.y + f.y * (r.y - lo.y), lo.z + f.z * (r.z - lo.z)};
  box = Box(lo, {L.x * f.x, L.y * f.y, L.z * f.z}, 0.0);
  s.list.build(s.cfg.particles, box);
}

namespace {

struct Measured {
  std::array<double, 3> stress{};  // σ_aa = −W_aa/V
  double energy = 0;               // per particle
};

Measured relax(System& s, const UniaxialOptions& opt, UniaxialResult& res) {
  s.need_energy_virial = false;
  const MinimizeResult m = minimize(s, opt.minimize);
  if (!m.converged) res.converged = false;
  res.worst_fmax = std::max(res.worst_fmax, m.fmax);
  s.need_energy_virial = true;
  s.compute_forces();
  const double V = s.volume();
  return {{-s.last.virial[0] / V, -s.last.virial[1] / V, -s.last.virial[2] / V}, s.last.energy / static_cast<double>(s.size())};
}

}  // namespace

UniaxialResult run_uniaxial(System& s, const UniaxialOptions& opt, const UniaxialMonitor& monitor) {
  if (opt.axis < 0 || opt.axis > 2) throw Error("uniaxial: axis must be x, y or z");
  if (!(opt.strain_step != 0) || !std::isfinite(opt.strain_step)) throw Error("uniaxial: strain_step must be non-zero");
  if (!(opt.max_strain >= std::abs(opt.strain_step))) throw Error("uniaxial: max_strain must be >= |strain_step|");
  if (s.dimension() == 2) throw Error("uniaxial: a planar (2D) system is not supported");
  const int a = opt.axis, l0 = a == 0 ? 1 : 0, l1 = a == 2 ? 1 : 2;  // the lateral axes, in increasing order
  const Vec3 L0 = s.cfg.box.lengths();
  UniaxialResult res;
  Measured m = relax(s, opt, res);
  const std::array<double, 2> target = {m.stress[l0], m.stress[l1]};
  auto point = [&](int iterations) {
    const Vec3 L = s.cfg.box.lengths();
    return UniaxialPoint{L[a] / L0[a] - 1.0, m.stress[a], {L[l0] / L0[l0] - 1.0, L[l1] / L0[l1] - 1.0},
                         {m.stress[l0], m.stress[l1]}, m.energy, iterations};
  };
  res.curve.push_back(point(1));
  if (monitor && !monitor(res.curve.back(), 0)) return res;

  // The lateral stiffness J = ∂σ_lateral/∂ε_lateral (2 × 2), measured once by two small lateral strains of the start
  // state: Newton steps on the lateral lengths then converge in a few minimisations.
  double J[2][2] = {{1, 0}, {0, 1}};
  if (opt.lateral_free) {
    const Configuration start = s.cfg;
    // Small enough to stay below the nearest instability of a quenched glass (1e-5 can trigger one), large enough
    // that the stress change (~1e-7 of the modulus) stands well above the minimiser's residual.
    constexpr double kProbe = 1e-7;
    for (int k = 0; k < 2; ++k) {
      Vec3 f{1, 1, 1};
      f[k == 0 ? l0 : l1] = 1.0 + kProbe;
      scale_box(s, f);
      const Measured p = relax(s, opt, res);
      J[0][k] = (p.stress[l0] - target[0]) / kProbe;
      J[1][k] = (p.stress[l1] - target[1]) / kProbe;
      s.cfg = start;
      s.list.build(s.cfg.particles, s.cfg.box);
      s.compute_forces();
    }
  }
  const double det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  if (opt.lateral_free && !(std::abs(det) > 0))
    throw Error("uniaxial: the lateral stiffness of the start state is singular (not a solid?)");

  const auto steps = static_cast<std::int64_t>(std::llround(opt.max_strain / std::abs(opt.strain_step)));
  std::array<double, 2> last_lateral_step{0, 0};  // lateral strain increment of the previous step: the next's guess
  for (std::int64_t k = 1; k <= steps; ++k) {
    const Vec3 L = s.cfg.box.lengths();
    Vec3 f{1, 1, 1};
    f[a] = (L0[a] * (1.0 + static_cast<double>(k) * opt.strain_step)) / L[a];
    if (opt.lateral_free) {
      f[l0] = 1.0 + last_lateral_step[0] * L0[l0] / L[l0];
      f[l1] = 1.0 + last_lateral_step[1] * L0[l1] / L[l1];
    }
    const Vec3 before{L[l0] / L0[l0], L[l1] / L0[l1], 0};
    scale_box(s, f);
    m = relax(s, opt, res);
    int iterations = 1;
    double residual = 0;
    auto lateral_residual = [&](const Measured& x) {
      return std::max(std::abs(x.stress[l0] - target[0]), std::abs(x.stress[l1] - target[1]));
    };
    residual = lateral_residual(m);
    while (opt.lateral_free && residual > opt.stress_tolerance && iterations < opt.max_lateral_iterations) {
      // Newton, Δε = −J⁻¹ r, halved while it does not lower the residual (a rearrangement near the step can make
      // the fixed J a poor model of the response).
      const double r0 = m.stress[l0] - target[0], r1 = m.stress[l1] - target[1];
      const double d0 = -(J[1][1] * r0 - J[0][1] * r1) / det, d1 = -(-J[1][0] * r0 + J[0][0] * r1) / det;
      const Configuration here = s.cfg;
      const Measured m_here = m;
      bool lowered = false;
      for (double scale = 1.0; scale > 1e-3 && iterations < opt.max_lateral_iterations; scale *= 0.5) {
        const Vec3 Lnow = s.cfg.box.lengths();
        Vec3 g{1, 1, 1};
        g[l0] = 1.0 + scale * d0 * L0[l0] / Lnow[l0];
        g[l1] = 1.0 + scale * d1 * L0[l1] / Lnow[l1];
        scale_box(s, g);
        m = relax(s, opt, res);
        ++iterations;
        if (lateral_residual(m) < residual) {
          lowered = true;
          break;
        }
        s.cfg = here;
        s.list.build(s.cfg.particles, s.cfg.box);
        m = m_here;
      }
      if (!lowered) {
        s.compute_forces();
        break;
      }
      residual = lateral_residual(m);
    }
    if (opt.lateral_free && residual > opt.stress_tolerance) res.converged = false;
    res.worst_lateral_residual = std::max(res.worst_lateral_residual, residual);
    const Vec3 Ln = s.cfg.box.lengths();
    last_lateral_step = {Ln[l0] / L0[l0] - before.x, Ln[l1] / L0[l1] - before.y};
    res.curve.push_back(point(iterations));
    if (monitor && !monitor(res.curve.back(), k)) break;
  }
  return res;
}

UniaxialModuli fit_uniaxial_moduli(const std::vector<UniaxialPoint>& c, std::size_t points) {
  const std::size_t n = std::min(points + 1, c.size());
  if (n < 2) return {};
  // Slopes through the start: Σ x y / Σ x², x the axial strain.
  double xx = 0, xs = 0, xl = 0;
  for (std::size_t k = 1; k < n; ++k) {
    const double x = c[k].strain;
    xx += x * x;
    xs += x * (c[k].stress - c[0].stress);
    xl += x * 0.5 * (c[k].lateral_strain[0] + c[k].lateral_strain[1]);
  }
  return {xs / xx, -xl / xx};
}

}  // namespace vitrum
