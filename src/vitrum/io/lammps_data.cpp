// LAMMPS data files: atomic style (id type x y z [ix iy iz]) and, for per-atom diameters, sphere
// style (id type diameter density x y z [ix iy iz]); orthogonal or with an xy tilt; Velocities.
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numbers>

#include "vitrum/io/configuration.hpp"
#include "vitrum/core/elements.hpp"
#include "vitrum/io/text_reader.hpp"
#include "vitrum/io/validate_configuration.hpp"

namespace vitrum {

namespace {

enum class AtomStyle { Unknown, Atomic, Sphere };

struct Header {
  std::int64_t atoms = -1;
  int types = -1;
  double lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
  bool has_bounds[3] = {false, false, false};
  double xy = 0, xz = 0, yz = 0;
};

bool is_section(std::string_view t) {
  static const char* names[] = {"Atoms", "Velocities", "Masses", "Pair Coeffs", "PairIJ Coeffs", "Bonds",
                                "Angles", "Dihedrals", "Impropers", "Bond Coeffs", "Angle Coeffs", "Ellipsoids",
                                "Lines", "Triangles", "Bodies"};
  for (const char* n : names)
    if (t == n) return true;
  return false;
}

}  // namespace

Configuration read_lammps_data(const std::filesystem::path& path) {
  TextReader in(path);
  std::string line;
  if (!in.next(line)) in.fail_file("empty file, expected a LAMMPS data file");
  Header h;
  Configuration cfg;
  std::string section;
  std::string section_style;
  // Header: until the first section keyword.
  while (in.next(line)) {
    const std::string_view t = trim(std::string_view(line).substr(0, line.find('#')));
    if (t.empty()) continue;
    if (is_section(t)) {
      section = std::string(t);
      const auto hash = line.find('#');
      if (hash != std::string::npos) section_style = std::string(trim(std::string_view(line).substr(hash + 1)));
      break;
    }
    const auto tok = split_tokens(line);
    if (tok.size() == 2 && tok[1] == "atoms") {
      h.atoms = in.number<std::int64_t>(tok[0], "the atom count");
      check_declared_atoms(in, h.atoms);
    } else if (tok.size() == 3 && tok[1] == "atom" && tok[2] == "types") {
      h.types = in.number<int>(tok[0], "the atom type count");
      check_declared_types(in, h.types);
    } else if (tok.size() == 4 && (tok[3] == "xhi" || tok[3] == "yhi" || tok[3] == "zhi")) {
      const int d = tok[3][0] - 'x';
      if (tok[2] != fmt::format("{}lo", tok[3][0]))
        in.fail(fmt::format("malformed box line, expected '<lo> <hi> {0}lo {0}hi'", tok[3][0]));
      h.lo[d] = in.number<double>(tok[0], "a box bound");
      h.hi[d] = in.number<double>(tok[1], "a box bound");
      h.has_bounds[d] = true;
    } else if (tok.size() == 6 && tok[3] == "xy" && tok[4] == "xz" && tok[5] == "yz") {
      h.xy = in.number<double>(tok[0], "xy");
      h.xz = in.number<double>(tok[1], "xz");
      h.yz = in.number<double>(tok[2], "yz");
    } else if (tok.size() >= 3 && (tok.back() == "bonds" || tok.back() == "angles" || tok.back() == "dihedrals" ||
                                   tok.back() == "impropers" || tok.back() == "types")) {
      // molecular counts: accepted only when zero
      if (in.number<std::int64_t>(tok[0], "a count") != 0)
        in.fail("molecular topology (bonds, angles, ...) is not supported: vitrum reads atomic systems");
    } else {
      in.fail(fmt::format("unrecognised header line '{}'", trim(line)));
    }
  }
  if (h.atoms < 0) in.fail_file("missing 'N atoms' header line");
  if (h.types < 1) in.fail_file("missing or invalid 'N atom types' header line");
  for (int d = 0; d < 3; ++d)
    if (!h.has_bounds[d]) in.fail_file(fmt::format("missing '{0}lo {0}hi' box line", char('x' + d)));
  if (h.xz != 0.0 || h.yz != 0.0)
    in.fail_file("only an xy tilt is supported (xz and yz must be 0)");
  const Vec3 lengths{h.hi[0] - h.lo[0], h.hi[1] - h.lo[1], h.hi[2] - h.lo[2]};
  if (!(lengths.x > 0 && lengths.y > 0 && lengths.z > 0)) in.fail_file("box bounds must have hi > lo in x, y and z");
  cfg.box = checked_box(in, {h.lo[0], h.lo[1], h.lo[2]}, lengths, h.xy);
  cfg.type_count = h.types;

  const std::size_t n = static_cast<std::size_t>(h.atoms);
  std::map<std::int64_t, std::size_t> index_of_id;
  bool have_atoms = false;
  std::vector<char> have_mass;
  while (!section.empty()) {
    const std::string current = section;
    section.clear();
    // Number of data lines this section must hold.
    std::size_t expected = 0;
    if (current == "Atoms" || current == "Velocities") expected = n;
    else if (current == "Masses" || current == "Pair Coeffs") expected = static_cast<std::size_t>(h.types);
    else if (current == "PairIJ Coeffs") expected = static_cast<std::size_t>(h.types) * (h.types + 1) / 2;
    else in.fail(fmt::format("section '{}' is not supported (vitrum reads atomic systems)", current));

    if (current == "Atoms") {
      AtomStyle style = AtomStyle::Unknown;
      if (section_style == "atomic") style = AtomStyle::Atomic;
      else if (section_style == "sphere") style = AtomStyle::Sphere;
      else if (!section_style.empty()) in.fail(fmt::format("atom style '{}' is not supported (use atomic or sphere)", section_style));
      cfg.particles.resize(n);
      cfg.has_diameters = style == AtomStyle::Sphere;
      have_atoms = true;
    }
    if (current == "Masses") {
      cfg.type_masses.assign(static_cast<std::size_t>(h.types), 0.0);
      have_mass.assign(static_cast<std::size_t>(h.types), 0);
    }
    if (current == "Velocities" && !have_atoms) in.fail("Velocities section before Atoms section");

    std::size_t got = 0;
    while (got < expected) {
      if (!in.next(line))
        in.fail_file(fmt::format("file ends inside the {} section: expected {} lines, found {} (truncated file?)",
                                 current, expected, got));
      const auto tok = split_tokens(line);
      if (tok.empty()) continue;
      if (is_section(trim(std::string_view(line).substr(0, line.find('#')))))
        in.fail(fmt::format("section {} ended after {} of {} lines (truncated?)", current, got, expected));
      if (current == "Masses") {
        if (tok.size() != 2) in.fail("expected 'type mass' in the Masses section");
        const int t = in.number<int>(tok[0], "a type");
        if (t < 1 || t > h.types) in.fail(fmt::format("unknown atom type {} (the header declares {} types)", t, h.types));
        const double m = in.number<double>(tok[1], "a mass");
        if (!(m > 0) || !std::isfinite(m)) in.fail(fmt::format("mass of type {} must be positive and finite", t));
        cfg.type_masses[t - 1] = m;
        have_mass[t - 1] = 1;
        // `1 63.546 # Cu`: the comment names the type's element (LAMMPS write_data, atomsk, OVITO).
        const auto hash = line.find('#');
        if (hash != std::string::npos) {
          const auto note = split_tokens(std::string_view(line).substr(hash + 1), false);
          if (note.size() == 1 && is_element_symbol(note[0])) {
            cfg.type_elements.resize(static_cast<std::size_t>(h.types));
            cfg.type_elements[t - 1] = std::string(note[0]);
          }
        }
      } else if (current == "Atoms") {
        // Without a '# style' comment the first line's column count decides (7 or 10: sphere).
        if (got == 0 && section_style.empty()) cfg.has_diameters = tok.size() == 7 || tok.size() == 10;
        const std::size_t base = cfg.has_diameters ? 7 : 5;
        if (tok.size() != base && tok.size() != base + 3)
          in.fail(fmt::format("expected {} or {} columns in an Atoms ({}) line, found {}", base, base + 3,
                              cfg.has_diameters ? "sphere" : "atomic", tok.size()));
        Particles& p = cfg.particles;
        const std::int64_t id = in.number<std::int64_t>(tok[0], "an atom id");
        if (id < 1) in.fail(fmt::format("atom id {} must be positive", id));
        if (!index_of_id.emplace(id, got).second) in.fail(fmt::format("duplicate atom id {}", id));
        const int t = in.number<int>(tok[1], "an atom type");
        if (t < 1 || t > h.types) in.fail(fmt::format("unknown atom type {} (the header declares {} types)", t, h.types));
        p.id[got] = id;
        p.type[got] = t;
        std::size_t c = 2;
        if (cfg.has_diameters) {
          const double d = in.number<double>(tok[2], "a diameter");
          const double rho = in.number<double>(tok[3], "a density");
          if (!(d > 0) || !std::isfinite(d) || !(rho > 0) || !std::isfinite(rho))
            in.fail(fmt::format("atom {}: diameter and density must be positive and finite", id));
          p.diameter[got] = d;
          p.mass[got] = rho * std::numbers::pi / 6.0 * d * d * d;
          c = 4;
        }
        Vec3 r{in.number<double>(tok[c], "x"), in.number<double>(tok[c + 1], "y"), in.number<double>(tok[c + 2], "z")};
        if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
          in.fail(fmt::format("atom {} has a non-finite coordinate (NaN or inf)", id));
        p.position[got] = r;
        if (tok.size() == base + 3)
          p.image[got] = {in.number<int>(tok[c + 3], "ix"), in.number<int>(tok[c + 4], "iy"), in.number<int>(tok[c + 5], "iz")};
      } else if (current == "Velocities") {
        if (tok.size() != 4) in.fail("expected 'id vx vy vz' in the Velocities section");
        const std::int64_t id = in.number<std::int64_t>(tok[0], "an atom id");
        const auto it = index_of_id.find(id);
        if (it == index_of_id.end()) in.fail(fmt::format("velocity given for unknown atom id {}", id));
        Vec3 v{in.number<double>(tok[1], "vx"), in.number<double>(tok[2], "vy"), in.number<double>(tok[3], "vz")};
        if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
          in.fail(fmt::format("atom {} has a non-finite velocity", id));
        cfg.particles.velocity[it->second] = v;
        cfg.has_velocities = true;
      }
      ++got;
    }
    // Find the next section header (or the end of the file).
    while (in.next(line)) {
      const std::string_view t = trim(std::string_view(line).substr(0, line.find('#')));
      if (t.empty()) continue;
      if (!is_section(t)) in.fail(fmt::format("unexpected line after the {} section: '{}'", current, trim(line)));
      section = std::string(t);
      const auto hash = line.find('#');
      section_style = hash == std::string::npos ? "" : std::string(trim(std::string_view(line).substr(hash + 1)));
      break;
    }
  }
  if (!have_atoms) in.fail_file("no Atoms section");
  if (!cfg.has_diameters) {
    if (cfg.type_masses.empty()) in.fail_file("no Masses section (required for atomic style)");
    for (int t = 0; t < h.types; ++t)
      if (!have_mass[t]) in.fail_file(fmt::format("Masses section lacks type {}", t + 1));
    for (std::size_t i = 0; i < n; ++i) cfg.particles.mass[i] = cfg.type_masses[cfg.particles.type[i] - 1];
  }
  validate_configuration(cfg, in);
  return cfg;
}

void write_lammps_data(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment) {
  const Particles& p = cfg.particles;
  const std::vector<std::size_t> order = id_order(p);
  const Box& b = cfg.box;
  std::string s;
  auto out = std::back_inserter(s);
  // fmt's "{}" prints the shortest string that reads back to the same double: lossless round trips.
  fmt::format_to(out, "LAMMPS data file written by vitrum{}{}\n\n", comment.empty() ? "" : ": ", comment);
  fmt::format_to(out, "{} atoms\n{} atom types\n\n", p.size(), cfg.type_count);
  fmt::format_to(out, "{} {} xlo xhi\n{} {} ylo yhi\n{} {} zlo zhi\n", b.lo().x, b.hi().x, b.lo().y, b.hi().y,
                 b.lo().z, b.hi().z);
  if (b.is_tilted()) fmt::format_to(out, "{} 0 0 xy xz yz\n", b.xy());
  if (!cfg.has_diameters) {
    fmt::format_to(out, "\nMasses\n\n");
    for (int t = 1; t <= cfg.type_count; ++t)
      fmt::format_to(out, "{} {}{}\n", t, t - 1 < static_cast<int>(cfg.type_masses.size()) ? cfg.type_masses[t - 1] : 1.0,
                     t - 1 < static_cast<int>(cfg.type_elements.size()) && !cfg.type_elements[t - 1].empty()
                         ? " # " + cfg.type_elements[t - 1]
                         : "");
    fmt::format_to(out, "\nAtoms # atomic\n\n");
    for (const std::size_t i : order)
      fmt::format_to(out, "{} {} {} {} {} {} {} {}\n", p.id[i], p.type[i], p.position[i].x, p.position[i].y,
                     p.position[i].z, p.image[i][0], p.image[i][1], p.image[i][2]);
  } else {
    fmt::format_to(out, "\nAtoms # sphere\n\n");
    for (const std::size_t i : order) {
      const double d = p.diameter[i];
      const double rho = p.mass[i] / (std::numbers::pi / 6.0 * d * d * d);
      fmt::format_to(out, "{} {} {} {} {} {} {} {} {} {}\n", p.id[i], p.type[i], d, rho, p.position[i].x,
                     p.position[i].y, p.position[i].z, p.image[i][0], p.image[i][1], p.image[i][2]);
    }
  }
  if (cfg.has_velocities) {
    fmt::format_to(out, "\nVelocities\n\n");
    for (const std::size_t i : order)
      fmt::format_to(out, "{} {} {} {}\n", p.id[i], p.velocity[i].x, p.velocity[i].y, p.velocity[i].z);
  }
  write_file_atomically(path, s);
}

}  // namespace vitrum
