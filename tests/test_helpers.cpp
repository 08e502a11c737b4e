#include "test_helpers.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::test {

CommandResult run_command(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string recipe_error(const std::string& text) {
  try {
    parse_recipe(text, "bad.toml", ".");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

Configuration random_configuration(const std::string& model, std::size_t n, std::uint32_t seed, double tilt) {
  GenerateOptions opt;
  opt.n = n;
  opt.seed = seed;
  opt.tilt_xy = tilt;
  return generate_configuration(find_model(model), opt);
}

ForceResult brute_force(const Potential& u, const Configuration& cfg) {
  ForceResult out;
  const Particles& p = cfg.particles;
  const Box& b = cfg.box;
  const double rc = u.cutoff();
  const Vec3 L = b.lengths();
  const int reach = 1;  // enough: every cut-off is below half the narrowest width
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i; j < p.size(); ++j)
      for (int nz = -reach; nz <= reach; ++nz)
        for (int ny = -reach; ny <= reach; ++ny)
          for (int nx = -reach; nx <= reach; ++nx) {
            if (i == j && nx == 0 && ny == 0 && nz == 0) continue;
            const Vec3 shift{nx * L.x + ny * b.xy(), ny * L.y, nz * L.z};
            const Vec3 d = p.position[i] - (p.position[j] + shift);
            const double rsq = norm2(d);
            if (rsq >= rc * rc) continue;
            const auto term = u.pair_term(p, i, j, rsq);
            // A particle and its own image: each such pair appears twice (±shift), count half.
            const double w = (i == j) ? 0.5 : 1.0;
            out.energy += w * term.energy;
            const Vec3 f = d * (w * term.force_divr);
            out.virial[0] += d.x * f.x; out.virial[1] += d.y * f.y; out.virial[2] += d.z * f.z;
            out.virial[3] += d.x * f.y; out.virial[4] += d.x * f.z; out.virial[5] += d.y * f.z;
          }
  return out;
}

MetalReference read_metal_reference(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  MetalReference ref;
  std::string line, key;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    ls >> key;
    if (key == "pe") ls >> ref.pe;
    else if (key == "volume") ls >> ref.volume;
    else if (key == "virial") for (double& v : ref.virial_bar) ls >> v;
    else if (key == "atoms") break;
  }
  std::int64_t id;
  MetalReference::Atom a{};
  while (in >> id >> a.pe >> a.f.x >> a.f.y >> a.f.z) ref.atoms[id] = a;
  return ref;
}

}  // namespace vitrum::test
