// A three-component double vector with the arithmetic the particle code needs.
#pragma once
#include <array>
#include <cmath>

namespace vitrum {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  constexpr Vec3& operator+=(const Vec3& o) { x += o.x; y += o.y; z += o.z; return *this; }
  constexpr Vec3& operator-=(const Vec3& o) { x -= o.x; y -= o.y; z -= o.z; return *this; }
  constexpr Vec3& operator*=(double s) { x *= s; y *= s; z *= s; return *this; }
  friend constexpr Vec3 operator+(Vec3 a, const Vec3& b) { return a += b; }
  friend constexpr Vec3 operator-(Vec3 a, const Vec3& b) { return a -= b; }
  friend constexpr Vec3 operator*(Vec3 a, double s) { return a *= s; }
  friend constexpr Vec3 operator*(double s, Vec3 a) { return a *= s; }
  friend constexpr bool operator==(const Vec3&, const Vec3&) = default;
  constexpr double& operator[](int k) { return k == 0 ? x : (k == 1 ? y : z); }
  constexpr double operator[](int k) const { return k == 0 ? x : (k == 1 ? y : z); }
};

constexpr double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
constexpr double norm2(const Vec3& a) { return dot(a, a); }
inline double norm(const Vec3& a) { return std::sqrt(norm2(a)); }

using Int3 = std::array<int, 3>;

// Symmetric tensor in Voigt-like order xx yy zz xy xz yz (the LAMMPS pressure-vector order).
using Sym6 = std::array<double, 6>;

}  // namespace vitrum
