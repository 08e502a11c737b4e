// A spherical indenter as a repulsive external field (LAMMPS `fix indent K sphere`), and the frozen atoms that hold a
// slab's base: the two external fields of the indent stage.
#pragma once
#include <cstddef>
#include <vector>

#include "vitrum/atomistic/potential/external_field.hpp"

namespace vitrum {

// Every particle at distance r < R from the centre c is pushed out with F = K (R − r)² (r̂ from c), energy
// K (R − r)³ / 3 (both continuous at r = R, so minimisers see a smooth field). The separation is the periodic
// minimum image in the two lateral directions and the plain difference along `axis` (the slab is periodic laterally
// only; the stage checks that it does not cross the box boundary along the axis). The load is the force the
// particles exert on the indenter along its motion, −axis: P = Σ F_i · (−ê_axis) > 0 when it pushes down.
class SphericalIndenter final : public ExternalField {
 public:
  SphericalIndenter(int axis, double radius, double stiffness) : axis_(axis), radius_(radius), stiffness_(stiffness) {}

  void set_center(const Vec3& c) { center_ = c; }
  [[nodiscard]] const Vec3& center() const { return center_; }
  [[nodiscard]] int axis() const { return axis_; }
  [[nodiscard]] double radius() const { return radius_; }

  void apply(Particles& p, const Box& box, ForceResult& r, bool energy_and_virial) override;

  // Of the last apply(): the load P [force], the indenter's energy [energy] and the particles inside the sphere.
  [[nodiscard]] double load() const { return load_; }
  [[nodiscard]] double energy() const { return energy_; }
  [[nodiscard]] std::size_t contacts() const { return contacts_; }

  // The separation from the centre to position x as apply() measures it.
  [[nodiscard]] Vec3 separation(const Box& box, const Vec3& x) const;

 private:
  int axis_;
  double radius_, stiffness_;
  Vec3 center_{};
  double load_ = 0, energy_ = 0;
  std::size_t contacts_ = 0;
};

// Zeroes the forces on the flagged particles (applied last): minimisers then never move them, as LAMMPS's
// `fix setforce 0 0 0` holds a slab's base.
class FrozenParticles final : public ExternalField {
 public:
  explicit FrozenParticles(std::vector<char> frozen) : frozen_(std::move(frozen)) {}
  void apply(Particles& p, const Box& box, ForceResult& r, bool energy_and_virial) override;
  [[nodiscard]] std::size_t count() const;

 private:
  std::vector<char> frozen_;  // per particle index, 1 = frozen
};

}  // namespace vitrum
