#include "vitrum/io/validate_configuration.hpp"

#include <algorithm>
#include <cmath>

#include "vitrum/core/resources.hpp"

namespace vitrum {

namespace {
bool finite(const Vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }
}  // namespace

Box checked_box(const TextReader& in, const Vec3& lo, const Vec3& lengths, double xy) {
  if (!finite(lo) || !finite(lengths) || !std::isfinite(xy))
    in.fail_file(fmt::format("box bounds and tilt must be finite numbers, found lo ({}, {}, {}), lengths ({}, {}, {}), "
                             "xy {}", lo.x, lo.y, lo.z, lengths.x, lengths.y, lengths.z, xy));
  if (!(lengths.x > 0 && lengths.y > 0 && lengths.z > 0))
    in.fail_file(fmt::format("box lengths must be positive (hi > lo), found {} {} {}", lengths.x, lengths.y, lengths.z));
  const double l[3] = {lengths.x, lengths.y, lengths.z}, o[3] = {lo.x, lo.y, lo.z};
  for (int d = 0; d < 3; ++d)
    if (std::abs(o[d]) > kMaxBoxLengthsAway * l[d])
      in.fail_file(fmt::format("box origin {}lo = {} lies more than {} box lengths ({}) from 0: coordinates there cannot "
                               "resolve the box", char('x' + d), o[d], kMaxBoxLengthsAway, l[d]));
  // LAMMPS refuses a triclinic box whose tilt exceeds half the parallel length; a round-off margin for files
  // whose bounds were recomputed (dump files give xlo, xhi of the enclosing box).
  if (std::abs(xy) > 0.5 * lengths.x * (1 + 1e-12))
    in.fail_file(fmt::format("tilt xy = {} exceeds half the box length Lx/2 = {} (LAMMPS's limit; flip the box by a "
                             "multiple of Lx)", xy, 0.5 * lengths.x));
  return Box(lo, lengths, xy);
}

void check_declared_atoms(const TextReader& in, std::int64_t atoms) {
  if (atoms < 0) in.fail(fmt::format("the atom count {} is negative", atoms));
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(in.path(), ec);
  if (!ec && static_cast<double>(atoms) > static_cast<double>(bytes) / 8.0 + 1.0)
    in.fail(fmt::format("declares {} atoms, more than a file of {} bytes can hold (truncated file?)", atoms, bytes));
  check_allocation(fmt::format("{}:{}", in.path().string(), in.line_number()), static_cast<double>(atoms),
                   kBytesPerParticle, "atoms");
}

void check_declared_types(const TextReader& in, std::int64_t types) {
  if (types < 1 || types > kMaxAtomTypes)
    in.fail(fmt::format("the atom type count must be in 1..{}, found {}", kMaxAtomTypes, types));
}

void validate_configuration(const Configuration& cfg, const TextReader& in, int first_atom_line) {
  const Particles& p = cfg.particles;
  auto fail = [&](std::size_t i, const std::string& what) {
    if (first_atom_line > 0)
      throw Error(fmt::format("{}:{}: atom {}: {}", in.path().string(), first_atom_line + static_cast<int>(i), p.id[i], what));
    throw Error(fmt::format("{}: atom {}: {}", in.path().string(), p.id[i], what));
  };
  const Box& box = cfg.box;
  if (cfg.type_count < 1 || cfg.type_count > kMaxAtomTypes)
    in.fail_file(fmt::format("the atom type count must be in 1..{}, found {}", kMaxAtomTypes, cfg.type_count));
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.id[i] < 1) fail(i, fmt::format("id {} must be positive", p.id[i]));
    if (p.type[i] < 1 || p.type[i] > cfg.type_count)
      fail(i, fmt::format("type {} is outside 1..{}", p.type[i], cfg.type_count));
    if (!(p.mass[i] > 0) || !std::isfinite(p.mass[i])) fail(i, fmt::format("mass {} must be positive and finite", p.mass[i]));
    if (cfg.has_diameters && (!(p.diameter[i] > 0) || !std::isfinite(p.diameter[i])))
      fail(i, fmt::format("diameter {} must be positive and finite", p.diameter[i]));
    const Vec3& r = p.position[i];
    if (!finite(r)) fail(i, fmt::format("coordinates ({}, {}, {}) are not finite", r.x, r.y, r.z));
    const Vec3 s = box.to_fractional(r);
    const double f[3] = {s.x, s.y, s.z};
    for (int d = 0; d < 3; ++d)
      if (!(std::abs(f[d]) + std::abs(static_cast<double>(p.image[i][d])) <= kMaxBoxLengthsAway))
        fail(i, fmt::format("position ({}, {}, {}) with image flags ({}, {}, {}) lies more than {} box lengths from "
                            "the cell", r.x, r.y, r.z, p.image[i][0], p.image[i][1], p.image[i][2], kMaxBoxLengthsAway));
    if (cfg.has_velocities) {
      const Vec3& v = p.velocity[i];
      if (!finite(v) || std::abs(v.x) > kMaxVelocity || std::abs(v.y) > kMaxVelocity || std::abs(v.z) > kMaxVelocity)
        fail(i, fmt::format("velocity ({}, {}, {}) is not finite or beyond {:g} (not a physical velocity)", v.x, v.y,
                            v.z, kMaxVelocity));
    }
  }
  // Unique ids: sort a copy (the readers that check as they go do so too; this covers every reader).
  std::vector<std::size_t> order = id_order(p);
  for (std::size_t k = 1; k < order.size(); ++k)
    if (p.id[order[k]] == p.id[order[k - 1]]) fail(std::max(order[k], order[k - 1]), fmt::format("duplicate atom id {}", p.id[order[k]]));
}

}  // namespace vitrum
