#include "vitrum/atomistic/shear/indent.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>

#include "vitrum/atomistic/shear/indenter.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

void open_vacuum(System& s, int axis, double vacuum) {
  if (!(vacuum >= 0) || !std::isfinite(vacuum)) throw Error(fmt::format("indent: vacuum must be >= 0, got {}", vacuum));
  if (vacuum == 0) return;
  Box& box = s.cfg.box;
  if (box.xy() != 0) throw Error("indent: the box is tilted (xy != 0): a slab needs an orthogonal box");
  // Into the old box first: positions drift a little out of it between list rebuilds, and one just below lo would
  // land at the top of the new box.
  Particles& p = s.cfg.particles;
  for (std::size_t i = 0; i < p.size(); ++i) box.wrap(p.position[i], p.image[i]);
  Vec3 L = box.lengths();
  L[axis] += vacuum;
  box = Box(box.lo(), L, 0.0);
  for (Int3& im : p.image) im[axis] = 0;
  s.list.build(s.cfg.particles, box);
  s.compute_forces();
}

namespace {

// Removes the stage's external fields however run_indent leaves (return or exception).
struct FieldsInstalled {
  System& s;
  std::vector<std::shared_ptr<ExternalField>> before;
  explicit FieldsInstalled(System& sys) : s(sys), before(sys.external) {}
  ~FieldsInstalled() {
    s.external = before;
    try {
      s.compute_forces();  // forces and energy of the state as the next stage sees it
    } catch (...) {
    }
  }
  FieldsInstalled(const FieldsInstalled&) = delete;
  FieldsInstalled& operator=(const FieldsInstalled&) = delete;
};

}  // namespace

IndentResult run_indent(System& s, const IndentOptions& opt, const IndentMonitor& monitor) {
  const int a = opt.axis;
  if (a < 0 || a > 2) throw Error("indent: axis must be x, y or z");
  if (!(opt.radius > 0) || !(opt.stiffness > 0) || !(opt.depth_step > 0) || !(opt.max_depth >= opt.depth_step))
    throw Error("indent: radius, stiffness and depth_step must be positive and max_depth >= depth_step");
  if (s.dimension() != 3) throw Error("indent: a planar (2D) system is not supported");
  const Box& box = s.cfg.box;
  if (box.xy() != 0) throw Error(fmt::format("indent: the box is tilted (xy = {:.6g}): a slab needs an orthogonal box", box.xy()));
  const int l0 = a == 0 ? 1 : 0, l1 = a == 2 ? 1 : 2;  // the lateral axes, in increasing order
  Particles& p = s.cfg.particles;
  const std::size_t n = p.size();
  const Vec3 lo = box.lo(), L = box.lengths();

  IndentResult res;
  res.bottom = INFINITY;
  res.surface = -INFINITY;
  for (const Vec3& r : p.position) {
    res.bottom = std::min(res.bottom, r[a]);
    res.surface = std::max(res.surface, r[a]);
  }
  const char axis_name = static_cast<char>('x' + a);
  // Periodic along the axis, the slab's two faces see each other across the gap unless it exceeds the list's reach.
  const double gap = L[a] - (res.surface - res.bottom), reach = s.list.cutoff() + s.list.skin();
  if (!(gap > reach))
    throw Error(fmt::format("indent: no free surface along {0}: the atoms span {1:.6g} of the box's {2:.6g} (a gap of "
                            "{3:.6g}, not more than the interaction reach {4:.6g}); give `vacuum` (a length) to open one, "
                            "or a slab that does not cross the box boundary along {0}",
                            axis_name, res.surface - res.bottom, L[a], gap, reach));
  const double thickness = res.surface - res.bottom;
  if (!(opt.fixed_thickness < thickness - opt.max_depth))
    throw Error(fmt::format("indent: fixed_thickness {:.6g} + max_depth {:.6g} must be less than the slab's thickness {:.6g}",
                            opt.fixed_thickness, opt.max_depth, thickness));
  // The sphere's footprint at max_depth must fit the lateral period, or it would meet its own images.
  const double h = std::min(opt.max_depth, opt.radius);
  const double footprint = 2 * std::sqrt(2 * opt.radius * h - h * h);
  if (!(footprint < std::min(L[l0], L[l1])))
    throw Error(fmt::format("indent: the contact footprint at max_depth (diameter {:.6g}) does not fit the box's lateral "
                            "size {:.6g} x {:.6g}: a smaller radius or depth, or a wider slab",
                            footprint, L[l0], L[l1]));

  FieldsInstalled guard(s);
  std::vector<char> frozen(n, 0);
  for (std::size_t i = 0; i < n; ++i) frozen[i] = p.position[i][a] < res.bottom + opt.fixed_thickness ? 1 : 0;
  auto base = std::make_shared<FrozenParticles>(std::move(frozen));
  res.frozen = base->count();
  if (res.frozen == 0) throw Error("indent: fixed_thickness freezes no atom: the slab would float away");
  s.external.push_back(base);

  MinimizeOptions mopt = opt.minimize;
  auto relax = [&]() {
    s.need_energy_virial = false;
    const MinimizeResult m = minimize(s, mopt);
    if (!m.converged) res.converged = false;
    res.worst_fmax = std::max(res.worst_fmax, m.fmax);
    s.need_energy_virial = true;
    s.compute_forces();
    return m.iterations;
  };
  // The free surfaces relax first (no indenter yet).
  const std::int64_t start_iterations = relax();
  res.bottom = INFINITY;
  res.surface = -INFINITY;
  for (const Vec3& r : p.position) {
    res.bottom = std::min(res.bottom, r[a]);
    res.surface = std::max(res.surface, r[a]);
  }

  // First contact: the lowest centre height at which no particle is inside the sphere yet.
  auto indenter = std::make_shared<SphericalIndenter>(a, opt.radius, opt.stiffness);
  Vec3 c{};
  c[l0] = opt.center ? (*opt.center)[0] : lo[l0] + 0.5 * L[l0];
  c[l1] = opt.center ? (*opt.center)[1] : lo[l1] + 0.5 * L[l1];
  c[a] = res.surface + 2 * opt.radius;
  indenter->set_center(c);
  double top = -INFINITY;
  for (const Vec3& r : p.position) {
    Vec3 d = indenter->separation(box, r);
    const double rho2 = d[l0] * d[l0] + d[l1] * d[l1];
    if (rho2 < opt.radius * opt.radius) top = std::max(top, r[a] + std::sqrt(opt.radius * opt.radius - rho2));
  }
  if (!std::isfinite(top)) throw Error("indent: no atom lies under the indenter");
  c[a] = top;
  indenter->set_center(c);
  res.first_contact_center = c;
  // The frozen base last: it zeroes the indenter's force on a frozen atom too.
  s.external.insert(s.external.end() - 1, indenter);
  s.compute_forces();

  auto record = [&](double depth, bool unloading, std::int64_t iterations) {
    res.curve.push_back({depth, indenter->load(), s.last.energy, indenter->energy(), indenter->contacts(), unloading, iterations});
  };
  record(0.0, false, start_iterations);
  if (monitor && !monitor(res.curve.back(), 0)) return res;
  const auto loading = static_cast<std::int64_t>(std::llround(opt.max_depth / opt.depth_step));
  const std::int64_t unloading = std::min(opt.unload_steps, loading);
  for (std::int64_t k = 1; k <= loading + unloading; ++k) {
    const bool up = k > loading;
    const double depth = static_cast<double>(up ? 2 * loading - k : k) * opt.depth_step;
    Vec3 ck = res.first_contact_center;
    ck[a] -= depth;
    indenter->set_center(ck);
    const std::int64_t it = relax();
    record(depth, up, it);
    if (monitor && !monitor(res.curve.back(), k)) break;
  }
  return res;
}

}  // namespace vitrum
