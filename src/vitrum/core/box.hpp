// Periodic simulation box: orthorhombic plus an xy tilt (the sheared cell used for Lees–Edwards).
#pragma once
#include "vitrum/core/vec3.hpp"

namespace vitrum {

// std::nearbyint for |x| < 2^51 in the default rounding mode, inline: adding and subtracting 1.5·2^52
// rounds x to an integer, ties to even, exactly as nearbyint does. Baseline x86-64 has no SSE4.1
// `roundsd`, so std::nearbyint is a libm call, and min_image sits in Monte Carlo's innermost loop.
inline double round_nearest(double x) {
  constexpr double kShift = 0x1.8p52;
  return (x + kShift) - kShift;
}

// Lattice vectors a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz), origin `lo` (LAMMPS convention:
// the tilt `xy` is a length, as in LAMMPS data files and voro++'s bxy). xz = yz = 0 always.
// `strain_xy` is the accumulated engineering shear strain, never wrapped; the tilt itself is
// kept in [-Lx/2, Lx/2] by flip_tilt(), an exact lattice-equivalent change.
class Box {
 public:
  Box() = default;
  Box(Vec3 lo, Vec3 lengths, double xy = 0.0);

  [[nodiscard]] const Vec3& lo() const { return lo_; }
  [[nodiscard]] const Vec3& lengths() const { return L_; }
  [[nodiscard]] double xy() const { return xy_; }
  [[nodiscard]] Vec3 hi() const { return lo_ + L_; }
  [[nodiscard]] double volume() const { return L_.x * L_.y * L_.z; }
  [[nodiscard]] bool is_tilted() const { return xy_ != 0.0; }
  [[nodiscard]] double strain_xy() const { return strain_xy_; }

  // Distance between opposite faces along each lattice direction; a cut-off r is safe for the
  // minimum-image convention when 2 r <= min(perpendicular_widths()).
  [[nodiscard]] Vec3 perpendicular_widths() const;

  // Fractional coordinates (in [0,1) for a particle inside the cell) and back.
  [[nodiscard]] Vec3 to_fractional(const Vec3& r) const;
  [[nodiscard]] Vec3 from_fractional(const Vec3& s) const;

  // Shortest periodic image of a separation vector (exact when |d| is below half the widths and
  // |xy| <= Lx/2). Order: z, then y (which carries the tilt into x), then x.
  [[nodiscard]] Vec3 min_image(Vec3 d) const {
    d.z -= L_.z * round_nearest(d.z * inv_L_.z);
    const double ny = round_nearest(d.y * inv_L_.y);
    d.y -= L_.y * ny;
    d.x -= xy_ * ny;
    d.x -= L_.x * round_nearest(d.x * inv_L_.x);
    return d;
  }

  // Map r into the primary cell, updating the image counters so that unwrapped positions persist.
  void wrap(Vec3& r, Int3& image) const;
  // Position in the infinite periodic lattice from a wrapped position and its image counters.
  [[nodiscard]] Vec3 unwrap(const Vec3& r, const Int3& image) const;

  // Add a shear strain increment: xy += dgamma * Ly (affine particle remap is the caller's job).
  void shear_xy(double dgamma);
  // If |xy| > Lx/2, shift it by a multiple of Lx (LAMMPS flip); returns that multiple (0 if none).
  int flip_tilt();

  void set_lengths(const Vec3& lengths);  // keeps lo and the tilt factor xy/Ly
  void set_xy(double xy) { xy_ = xy; }
  void set_strain_xy(double g) { strain_xy_ = g; }

 private:
  void assign_lengths(const Vec3& lengths);
  Vec3 lo_{};
  Vec3 L_{1, 1, 1};
  Vec3 inv_L_{1, 1, 1};
  double xy_ = 0.0;
  double strain_xy_ = 0.0;
};

}  // namespace vitrum
