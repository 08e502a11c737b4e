#include "vitrum/atomistic/shear/indenter.hpp"

#include <cmath>

namespace vitrum {

Vec3 SphericalIndenter::separation(const Box& box, const Vec3& x) const {
  Vec3 d = x - center_;
  const double along = d[axis_];
  d[axis_] = 0;  // min_image along the axis would fold the vacuum gap: keep the plain difference there
  d = box.min_image(d);
  d[axis_] = along;
  return d;
}

void SphericalIndenter::apply(Particles& p, const Box& box, ForceResult& r, bool energy_and_virial) {
  const double R2 = radius_ * radius_;
  double load = 0, energy = 0;
  std::size_t contacts = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Vec3 d = separation(box, p.position[i]);
    const double r2 = norm2(d);
    if (r2 >= R2) continue;
    const double dist = std::sqrt(r2);
    const double gap = radius_ - dist;
    // An atom exactly at the centre has no outward direction; push it against the motion (as from just below).
    Vec3 unit{};
    if (dist > 0) unit = d * (1.0 / dist);
    else unit[axis_] = -1.0;
    const Vec3 f = unit * (stiffness_ * gap * gap);
    p.force[i] += f;
    load -= f[axis_];
    energy += stiffness_ * gap * gap * gap / 3.0;
    ++contacts;
  }
  load_ = load;
  energy_ = energy;
  contacts_ = contacts;
  if (energy_and_virial) r.energy += energy;
}

void FrozenParticles::apply(Particles& p, const Box&, ForceResult&, bool) {
  for (std::size_t i = 0; i < p.size() && i < frozen_.size(); ++i)
    if (frozen_[i]) p.force[i] = Vec3{};
}

std::size_t FrozenParticles::count() const {
  std::size_t n = 0;
  for (char f : frozen_) n += f ? 1 : 0;
  return n;
}

}  // namespace vitrum
