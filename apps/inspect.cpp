// `vitrum inspect FILE --potential NAME`: size, density, energy, virial pressure and closest pair of a configuration.
#include <cmath>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "vitrum/atomistic/system.hpp"

namespace vitrum::cli {

void add_inspect(CLI::App& app) {
  auto* cmd = app.add_subcommand("inspect", "Energy, virial pressure and closest pair of a configuration file");
  struct Options {
    std::string file, potential, potential_file, elements, format = "text";
    std::int64_t frame = kOnlyFrame;  // --frame
    std::string kim_model, kim_model_dir;
    double skin = -1;  // default: 0.3 (lj) or 1 Angstrom (metal)
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("file", opt->file, "configuration (.data, .dump, .xyz)")->required();
  add_frame_option(cmd, opt->frame);
  cmd->add_option("--potential,-p", opt->potential, "model name, EAM style (eam, eam/alloy, eam/fs) or kim (see `vitrum potentials [--kim]`)")
      ->required();
  cmd->add_option("--potential-file", opt->potential_file, "EAM potential file (funcfl: one per type, comma-separated)");
  cmd->add_option("--elements", opt->elements, "element of each atom type, e.g. Cu,Zr (EAM)");
  cmd->add_option("--kim-model", opt->kim_model, "OpenKIM portable model with --potential kim (`vitrum potentials --kim`)");
  cmd->add_option("--kim-model-dir", opt->kim_model_dir, "directory searched first for the KIM model (user-packaged models)");
  cmd->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--skin", opt->skin, "neighbour-list skin [length]");
  cmd->callback([opt] {
    const PotentialSpec spec = potential_from_cli(opt->potential, opt->potential_file, opt->elements, opt->kim_model, opt->kim_model_dir);
    const double skin = opt->skin >= 0 ? opt->skin : (spec.units().is_metal() ? 1.0 : kDefaultSkin);
    System s = make_system(read_configuration(opt->file, opt->frame), spec, opt->file, skin);
    const UnitSystem& u = s.units;
    const double n = static_cast<double>(s.size());
    const double volume = s.box().volume();
    // Virial part of the pressure tensor, W_ab / V: LAMMPS `compute pressure NULL virial` (bar in metal units).
    Sym6 virial;
    for (int a = 0; a < 6; ++a) virial[a] = u.pressure_out(s.last.virial[a] / volume);
    const double p_virial = (virial[0] + virial[1] + virial[2]) / 3.0;
    const ClosestPair c = s.potential->closest_pair(s.cfg.particles, s.cfg.box, s.list);
    if (opt->format == "json") {
      nlohmann::json j = {{"file", opt->file},
                          {"potential", spec.describe()},
                          {"units", {{"name", u.name}, {"energy", u.energy}, {"length", u.length},
                                     {"pressure", u.pressure}}},
                          {"n", s.size()},
                          {"volume", volume},
                          {"density", n / volume},
                          {"pe_per_particle", s.last.energy / n},
                          {"pressure_virial", p_virial},
                          {"virial", virial},
                          {"min_pair_distance", c.distance}};
      fmt::print("{}\n", j.dump(2));
    } else {
      fmt::print("file               {}\npotential          {}\nunits              {}\n", opt->file, spec.describe(), u.name);
      fmt::print("n                  {}\nvolume             {:.10g} {}^3\ndensity            {:.10g} {}^-3\n", s.size(), volume,
                 u.length, n / volume, u.length);
      fmt::print("pe_per_particle    {:.12g} {}\npressure_virial    {:.12g} {}\n", s.last.energy / n, u.energy, p_virial,
                 u.pressure);
      fmt::print("virial (xx yy zz xy xz yz)  {:.10g} {:.10g} {:.10g} {:.10g} {:.10g} {:.10g} {}\n", virial[0], virial[1],
                 virial[2], virial[3], virial[4], virial[5], u.pressure);
      if (std::isfinite(c.distance))
        fmt::print("min_pair_distance  {:.10g} {}  (atoms {} and {} are closest relative to sigma_ij: {:.4g})\n", c.distance,
                   u.length, c.id_i, c.id_j, c.reduced_distance);
      else
        fmt::print("min_pair_distance  none (no pair of atoms within the cut-off)\n");
    }
  });
}

}  // namespace vitrum::cli
