// Extended XYZ (ASE / OVITO): Lattice, Origin, pbc and a Properties schema in the comment line.
// Written as Properties=id:I:1:type:I:1:pos:R:3:image:I:3:masses:R:1[:diameter:R:1][:vel:R:3].
// A `species` column is written only when the types carry chemical elements (EAM alloys): model
// types (A, B, ...) are not elements, and ASE rejects unknown symbols; OVITO maps `type` to types.
// Read: `species` that are element symbols name the types (Configuration::type_elements). A file may hold
// several frames one after another (a trajectory); configuration.cpp picks one.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "vitrum/core/elements.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/frames.hpp"
#include "vitrum/io/text_reader.hpp"
#include "vitrum/io/validate_configuration.hpp"

namespace vitrum {

namespace {

// key=value pairs of the comment line; values may be double-quoted.
std::map<std::string, std::string> parse_info(const TextReader& in, std::string_view s) {
  std::map<std::string, std::string> kv;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) break;
    const std::size_t k0 = i;
    while (i < s.size() && s[i] != '=' && s[i] != ' ' && s[i] != '\t') ++i;
    std::string key(s.substr(k0, i - k0));
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      if (i < s.size() && s[i] == '"') {
        const std::size_t end = s.find('"', i + 1);
        if (end == std::string_view::npos) in.fail(fmt::format("unterminated quote in the value of '{}'", key));
        value = std::string(s.substr(i + 1, end - i - 1));
        i = end + 1;
      } else {
        const std::size_t v0 = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        value = std::string(s.substr(v0, i - v0));
      }
    }
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    kv[key] = value;
  }
  return kv;
}

}  // namespace

bool skip_extxyz_frame(TextReader& in) {
  std::string line;
  do {
    if (!in.next(line)) return false;
  } while (split_tokens(line, false).empty());
  const auto ntok = split_tokens(line);
  if (ntok.size() != 1) in.fail("the first line of a frame must hold the number of atoms");
  const auto n = in.number<std::int64_t>(ntok[0], "the number of atoms");
  if (n < 0) in.fail("negative number of atoms");
  for (std::int64_t k = 0; k < n + 1; ++k)
    if (!in.next(line)) in.fail_file(fmt::format("a frame ends after {} of its {} lines (truncated?)", k, n + 1));
  return true;
}

bool read_extxyz_frame(TextReader& in, Configuration& cfg) {
  std::string line;
  cfg = Configuration{};
  if (!in.next(line)) in.fail_file("empty file, expected an extended XYZ file");
  const auto ntok = split_tokens(line);
  if (ntok.size() != 1) in.fail("the first line must hold the number of atoms");
  const auto n = in.number<std::int64_t>(ntok[0], "the number of atoms");
  if (n < 0) in.fail("negative number of atoms");
  check_declared_atoms(in, n);
  if (!in.next(line)) in.fail_file("file ends before the comment line (truncated?)");
  const auto info = parse_info(in, line);
  if (!info.count("lattice")) in.fail("no Lattice=\"...\" in the comment line: vitrum needs a periodic cell");
  const auto lat = split_tokens(info.at("lattice"), false);
  if (lat.size() != 9) in.fail("Lattice must have 9 numbers");
  double h[9];
  for (int k = 0; k < 9; ++k) h[k] = in.number<double>(lat[k], "a Lattice entry");
  // Rows a, b, c. vitrum's cell: a along x, b in the xy plane, c along z.
  if (h[1] != 0 || h[2] != 0 || h[5] != 0 || h[6] != 0 || h[7] != 0)
    in.fail("Lattice must be a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz): only an xy tilt is supported");
  Vec3 origin{};
  if (info.count("origin")) {
    const auto o = split_tokens(info.at("origin"), false);
    if (o.size() != 3) in.fail("Origin must have 3 numbers");
    origin = {in.number<double>(o[0], "Origin"), in.number<double>(o[1], "Origin"), in.number<double>(o[2], "Origin")};
  }
  if (info.count("pbc") && info.at("pbc") != "T T T") in.fail("only fully periodic cells (pbc=\"T T T\") are supported");
  cfg.box = checked_box(in, origin, {h[0], h[4], h[8]}, h[3]);
  if (info.count("timestep")) cfg.step = in.number<std::int64_t>(info.at("timestep"), "timestep");

  // Properties=name:type:ncols:...
  const std::string props = info.count("properties") ? info.at("properties") : "species:S:1:pos:R:3";
  std::vector<std::string_view> parts;
  {
    std::string_view ps(props);
    std::size_t a = 0;
    while (a <= ps.size()) {
      const std::size_t b = ps.find(':', a);
      parts.push_back(ps.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
      if (b == std::string_view::npos) break;
      a = b + 1;
    }
  }
  if (parts.size() % 3 != 0) in.fail("malformed Properties (expected name:type:ncols triples)");
  std::map<std::string, std::size_t> col;  // name → first column
  std::size_t ncols = 0;
  for (std::size_t k = 0; k < parts.size(); k += 3) {
    col[std::string(parts[k])] = ncols;
    ncols += in.number<std::size_t>(parts[k + 2], "a Properties column count");
  }
  if (!col.count("pos")) in.fail("Properties has no pos:R:3 column");
  const bool has_type = col.count("type") != 0;
  cfg.has_velocities = col.count("vel") || col.count("velo");
  const std::size_t cvel = col.count("vel") ? col["vel"] : (col.count("velo") ? col["velo"] : 0);
  cfg.has_diameters = col.count("diameter") != 0;

  Particles& p = cfg.particles;
  p.resize(static_cast<std::size_t>(n));
  std::map<std::string, int> species_type;  // fallback: species names numbered in order of appearance
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!in.next(line)) in.fail_file(fmt::format("file ends after {} of {} atom lines (truncated?)", i, n));
    const auto tok = split_tokens(line, false);
    if (tok.size() != ncols) in.fail(fmt::format("expected {} columns, found {}", ncols, tok.size()));
    p.id[i] = col.count("id") ? in.number<std::int64_t>(tok[col["id"]], "id") : static_cast<std::int64_t>(i + 1);
    if (has_type) {
      p.type[i] = in.number<int>(tok[col["type"]], "type");
    } else if (col.count("species")) {
      const auto [it, added] = species_type.emplace(std::string(tok[col["species"]]), static_cast<int>(species_type.size()) + 1);
      p.type[i] = it->second;
    }
    if (p.type[i] < 1) in.fail(fmt::format("invalid atom type {}", p.type[i]));
    if (col.count("species") && is_element_symbol(tok[col["species"]])) {
      // The element of this atom's type; one type, one element.
      const std::string element(tok[col["species"]]);
      const auto t = static_cast<std::size_t>(p.type[i]);
      if (t > 100000) in.fail(fmt::format("atom type {} is implausibly large", t));
      if (cfg.type_elements.size() < t) cfg.type_elements.resize(t);
      if (cfg.type_elements[t - 1].empty()) cfg.type_elements[t - 1] = element;
      else if (cfg.type_elements[t - 1] != element)
        in.fail(fmt::format("type {} is {} here but {} on an earlier line", t, element, cfg.type_elements[t - 1]));
    }
    const std::size_t c = col["pos"];
    p.position[i] = {in.number<double>(tok[c], "x"), in.number<double>(tok[c + 1], "y"), in.number<double>(tok[c + 2], "z")};
    const Vec3& r = p.position[i];
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
      in.fail(fmt::format("atom {} has a non-finite coordinate (NaN or inf)", p.id[i]));
    if (col.count("image")) {
      const std::size_t ci = col["image"];
      p.image[i] = {in.number<int>(tok[ci], "image"), in.number<int>(tok[ci + 1], "image"), in.number<int>(tok[ci + 2], "image")};
    }
    if (col.count("masses")) p.mass[i] = in.number<double>(tok[col["masses"]], "mass");
    if (cfg.has_diameters) p.diameter[i] = in.number<double>(tok[col["diameter"]], "diameter");
    if (cfg.has_velocities)
      p.velocity[i] = {in.number<double>(tok[cvel], "vx"), in.number<double>(tok[cvel + 1], "vy"),
                       in.number<double>(tok[cvel + 2], "vz")};
    cfg.type_count = std::max(cfg.type_count, p.type[i]);
  }
  const int first_atom_line = in.line_number() - static_cast<int>(n) + 1;
  const bool more = check_frame_ends(in, n, [](const std::string&, const auto& tok) { return tok.size() == 1; });
  validate_configuration(cfg, in, first_atom_line);
  if (!cfg.type_elements.empty()) cfg.type_elements.resize(static_cast<std::size_t>(cfg.type_count));
  // Per-type masses, when every atom of a type has the same mass.
  cfg.type_masses.assign(static_cast<std::size_t>(cfg.type_count), 0.0);
  for (std::size_t i = 0; i < p.size(); ++i) cfg.type_masses[p.type[i] - 1] = p.mass[i];
  return more;
}

void append_extxyz_frame(std::string& s, const Configuration& cfg, const FrameOptions& o) {
  const Particles& p = cfg.particles;
  const std::vector<std::size_t> order = id_order(p);
  const Box& b = cfg.box;
  auto out = std::back_inserter(s);
  fmt::format_to(out, "{}\n", p.size());
  fmt::format_to(out, "Lattice=\"{} 0 0 {} {} 0 0 0 {}\" Origin=\"{} {} {}\" pbc=\"T T T\" ", b.lengths().x, b.xy(),
                 b.lengths().y, b.lengths().z, b.lo().x, b.lo().y, b.lo().z);
  const bool species = !cfg.type_elements.empty() &&
                       std::none_of(cfg.type_elements.begin(), cfg.type_elements.end(), [](const auto& e) { return e.empty(); });
  const bool velocities = o.velocities && cfg.has_velocities;
  fmt::format_to(out, "Properties=id:I:1:type:I:1:{}pos:R:3:image:I:3:masses:R:1{}{}{} timestep={}",
                 species ? "species:S:1:" : "", cfg.has_diameters ? ":diameter:R:1" : "", velocities ? ":vel:R:3" : "",
                 o.energies ? ":energies:R:1" : "", cfg.step);
  if (!o.info.empty()) fmt::format_to(out, " {}", o.info);
  if (!o.comment.empty()) fmt::format_to(out, " comment=\"{}\"", o.comment);
  s += '\n';
  for (const std::size_t i : order) {
    fmt::format_to(out, "{} {} ", p.id[i], p.type[i]);
    if (species) fmt::format_to(out, "{} ", cfg.type_elements[static_cast<std::size_t>(p.type[i] - 1)]);
    fmt::format_to(out, "{} {} {} {} {} {} {}", p.position[i].x, p.position[i].y, p.position[i].z, p.image[i][0],
                   p.image[i][1], p.image[i][2], p.mass[i]);
    if (cfg.has_diameters) fmt::format_to(out, " {}", p.diameter[i]);
    if (velocities) fmt::format_to(out, " {} {} {}", p.velocity[i].x, p.velocity[i].y, p.velocity[i].z);
    if (o.energies) fmt::format_to(out, " {}", (*o.energies)[i]);
    s += '\n';
  }
}

void write_extxyz(const std::filesystem::path& path, const Configuration& cfg, const std::string& comment) {
  FrameOptions o;
  o.comment = comment;
  std::string s;
  append_extxyz_frame(s, cfg, o);
  write_file_atomically(path, s);
}

}  // namespace vitrum
