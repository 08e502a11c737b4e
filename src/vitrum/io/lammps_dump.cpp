// LAMMPS dump files, custom style: written as `id type x y z ix iy iz [diameter] [vx vy vz]`; read
// from any custom dump that has id, type and x y z (or xu yu zu), one frame or many (configuration.cpp picks one).
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "vitrum/io/configuration.hpp"
#include "vitrum/io/frames.hpp"
#include "vitrum/io/text_reader.hpp"
#include "vitrum/io/validate_configuration.hpp"

namespace vitrum {

bool skip_lammps_dump_frame(TextReader& in) {
  std::string line;
  do {
    if (!in.next(line)) return false;
  } while (split_tokens(line, false).empty());
  if (line.rfind("ITEM: TIMESTEP", 0) != 0) in.fail("expected 'ITEM: TIMESTEP' (the start of a frame)");
  std::int64_t n = -1;
  while (true) {
    if (!in.next(line)) in.fail_file("a frame ends before 'ITEM: ATOMS' (truncated?)");
    if (line.rfind("ITEM: NUMBER OF ATOMS", 0) == 0) {
      if (!in.next(line)) in.fail_file("file ends after ITEM: NUMBER OF ATOMS");
      const auto tok = split_tokens(line);
      if (tok.size() != 1) in.fail("expected the number of atoms");
      n = in.number<std::int64_t>(tok[0], "the number of atoms");
      if (n < 0) in.fail("negative number of atoms");
    } else if (line.rfind("ITEM: ATOMS", 0) == 0) {
      break;
    }
  }
  if (n < 0) in.fail("'ITEM: ATOMS' before 'ITEM: NUMBER OF ATOMS'");
  for (std::int64_t k = 0; k < n; ++k)
    if (!in.next(line)) in.fail_file(fmt::format("a frame ends after {} of its {} atom lines (truncated?)", k, n));
  return true;
}

bool read_lammps_dump_frame(TextReader& in, Configuration& cfg) {
  std::string line;
  cfg = Configuration{};
  auto expect_item = [&](std::string_view item) {
    if (!in.next(line)) in.fail_file(fmt::format("file ends before 'ITEM: {}' (truncated?)", item));
    if (line.rfind(fmt::format("ITEM: {}", item), 0) != 0) in.fail(fmt::format("expected 'ITEM: {}'", item));
  };
  expect_item("TIMESTEP");
  if (!in.next(line)) in.fail_file("file ends after ITEM: TIMESTEP");
  {
    const auto tok = split_tokens(line);
    if (tok.size() != 1) in.fail("expected the timestep");
    cfg.step = in.number<std::int64_t>(tok[0], "the timestep");
  }
  expect_item("NUMBER OF ATOMS");
  if (!in.next(line)) in.fail_file("file ends after ITEM: NUMBER OF ATOMS");
  const auto ntok = split_tokens(line);
  if (ntok.size() != 1) in.fail("expected the number of atoms");
  const auto n = in.number<std::int64_t>(ntok[0], "the number of atoms");
  if (n < 0) in.fail("negative number of atoms");
  check_declared_atoms(in, n);
  expect_item("BOX BOUNDS");
  const bool triclinic = line.find("xy") != std::string::npos;
  if (line.find("pp pp pp") == std::string::npos) in.fail("only fully periodic boxes (pp pp pp) are supported");
  double bound[3][3] = {};
  for (int d = 0; d < 3; ++d) {
    if (!in.next(line)) in.fail_file("file ends inside BOX BOUNDS");
    const auto tok = split_tokens(line);
    if (tok.size() != (triclinic ? 3u : 2u)) in.fail("malformed BOX BOUNDS line");
    for (std::size_t k = 0; k < tok.size(); ++k) bound[d][k] = in.number<double>(tok[k], "a box bound");
  }
  double xlo = bound[0][0], xhi = bound[0][1];
  const double xy = triclinic ? bound[0][2] : 0.0;
  if (triclinic) {
    if (bound[1][2] != 0.0 || bound[2][2] != 0.0) in.fail_file("only an xy tilt is supported (xz and yz must be 0)");
    // Dump bounds enclose the tilted cell (LAMMPS Howto_triclinic): undo that.
    xlo -= std::min(0.0, xy);
    xhi -= std::max(0.0, xy);
  }
  cfg.box = checked_box(in, {xlo, bound[1][0], bound[2][0]}, {xhi - xlo, bound[1][1] - bound[1][0], bound[2][1] - bound[2][0]}, xy);

  expect_item("ATOMS");
  const auto cols = split_tokens(std::string_view(line).substr(11), false);
  std::map<std::string_view, std::size_t> col;
  for (std::size_t k = 0; k < cols.size(); ++k) col[cols[k]] = k;
  auto need = [&](std::string_view a, std::string_view b = {}) -> long {
    if (col.count(a)) return static_cast<long>(col[a]);
    if (!b.empty() && col.count(b)) return static_cast<long>(col[b]);
    return -1;
  };
  const long cid = need("id"), ctype = need("type"), cx = need("x", "xu"), cy = need("y", "yu"), cz = need("z", "zu");
  if (cid < 0 || ctype < 0 || cx < 0 || cy < 0 || cz < 0) in.fail("dump must have the columns id type x y z");
  const long cix = need("ix"), ciy = need("iy"), ciz = need("iz"), cd = need("diameter");
  const long cvx = need("vx"), cvy = need("vy"), cvz = need("vz");
  cfg.has_velocities = cvx >= 0 && cvy >= 0 && cvz >= 0;
  cfg.has_diameters = cd >= 0;

  Particles& p = cfg.particles;
  p.resize(static_cast<std::size_t>(n));
  std::map<std::int64_t, bool> seen;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!in.next(line))
      in.fail_file(fmt::format("file ends after {} of {} atom lines (truncated?)", i, n));
    const auto tok = split_tokens(line);
    if (tok.size() != cols.size()) in.fail(fmt::format("expected {} columns, found {}", cols.size(), tok.size()));
    p.id[i] = in.number<std::int64_t>(tok[cid], "an atom id");
    if (!seen.emplace(p.id[i], true).second) in.fail(fmt::format("duplicate atom id {}", p.id[i]));
    p.type[i] = in.number<int>(tok[ctype], "an atom type");
    if (p.type[i] < 1) in.fail(fmt::format("invalid atom type {}", p.type[i]));
    p.position[i] = {in.number<double>(tok[cx], "x"), in.number<double>(tok[cy], "y"), in.number<double>(tok[cz], "z")};
    const Vec3& r = p.position[i];
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
      in.fail(fmt::format("atom {} has a non-finite coordinate (NaN or inf)", p.id[i]));
    if (cix >= 0 && ciy >= 0 && ciz >= 0)
      p.image[i] = {in.number<int>(tok[cix], "ix"), in.number<int>(tok[ciy], "iy"), in.number<int>(tok[ciz], "iz")};
    if (cd >= 0) p.diameter[i] = in.number<double>(tok[cd], "a diameter");
    if (cfg.has_velocities)
      p.velocity[i] = {in.number<double>(tok[cvx], "vx"), in.number<double>(tok[cvy], "vy"), in.number<double>(tok[cvz], "vz")};
    cfg.type_count = std::max(cfg.type_count, p.type[i]);
  }
  const int first_atom_line = in.line_number() - static_cast<int>(n) + 1;
  const bool more = check_frame_ends(in, n, [](const std::string& l, const auto&) { return l.rfind("ITEM: TIMESTEP", 0) == 0; });
  validate_configuration(cfg, in, first_atom_line);
  return more;
}

void append_lammps_dump_frame(std::string& s, const Configuration& cfg, const FrameOptions& o) {
  const Particles& p = cfg.particles;
  const std::vector<std::size_t> order = id_order(p);
  const Box& b = cfg.box;
  auto out = std::back_inserter(s);
  fmt::format_to(out, "ITEM: TIMESTEP\n{}\nITEM: NUMBER OF ATOMS\n{}\n", cfg.step, p.size());
  if (b.is_tilted()) {
    fmt::format_to(out, "ITEM: BOX BOUNDS xy xz yz pp pp pp\n{} {} {}\n{} {} 0\n{} {} 0\n",
                   b.lo().x + std::min(0.0, b.xy()), b.hi().x + std::max(0.0, b.xy()), b.xy(), b.lo().y, b.hi().y,
                   b.lo().z, b.hi().z);
  } else {
    fmt::format_to(out, "ITEM: BOX BOUNDS pp pp pp\n{} {}\n{} {}\n{} {}\n", b.lo().x, b.hi().x, b.lo().y, b.hi().y,
                   b.lo().z, b.hi().z);
  }
  const bool velocities = o.velocities && cfg.has_velocities;
  fmt::format_to(out, "ITEM: ATOMS id type x y z ix iy iz{}{}{}\n", cfg.has_diameters ? " diameter" : "",
                 velocities ? " vx vy vz" : "", o.energies ? " c_pe" : "");
  for (const std::size_t i : order) {
    fmt::format_to(out, "{} {} {} {} {} {} {} {}", p.id[i], p.type[i], p.position[i].x, p.position[i].y,
                   p.position[i].z, p.image[i][0], p.image[i][1], p.image[i][2]);
    if (cfg.has_diameters) fmt::format_to(out, " {}", p.diameter[i]);
    if (velocities) fmt::format_to(out, " {} {} {}", p.velocity[i].x, p.velocity[i].y, p.velocity[i].z);
    if (o.energies) fmt::format_to(out, " {}", (*o.energies)[i]);
    s += '\n';
  }
}

void write_lammps_dump(const std::filesystem::path& path, const Configuration& cfg) {
  std::string s;
  append_lammps_dump_frame(s, cfg, FrameOptions{});
  write_file_atomically(path, s);
}

}  // namespace vitrum
