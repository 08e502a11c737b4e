// `vitrum generate`: a random fluid configuration of a model, written as LAMMPS data, dump or extended XYZ.
#include <fmt/format.h>

#include "commands.hpp"
#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/potential/potential_spec.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum::cli {

void add_generate(CLI::App& app) {
  auto* cmd = app.add_subcommand("generate", "Random fluid configuration of a model (no overlaps)");
  struct Options {
    std::string model, potential, potential_file, elements, out;
    GenerateOptions gen;
    double density = 0;
    double min_distance = 0;  // 0: the generator's default (0.8, or 0.7 in 2D)
    std::string diameters = "random";
    std::vector<double> composition;
  };
  auto opt = std::make_shared<Options>();
  auto* model = cmd->add_option("--model,-m", opt->model, "model name (see `vitrum potentials`)");
  auto* potential = cmd->add_option("--potential,-p", opt->potential, "or an EAM style (eam, eam/alloy, eam/fs) with "
                                                                     "--potential-file and --elements: a random alloy");
  model->excludes(potential);
  cmd->add_option("--potential-file", opt->potential_file, "EAM potential file (funcfl: one per type, comma-separated)");
  cmd->add_option("--elements", opt->elements, "element of each atom type, e.g. Cu,Zr (EAM)");
  cmd->add_option("-n,--atoms", opt->gen.n, "number of atoms")->check(kPositive);
  cmd->add_option("--density", opt->density, "number density (default: the model's; EAM: ideal mixing of the elements' lattices)")->check(kPositive);
  cmd->add_option("--composition", opt->composition, "fraction of each type, e.g. 0.8 0.2 (default: the model's)");
  cmd->add_option("--seed", opt->gen.seed, "random seed");
  cmd->add_option("--min-distance", opt->min_distance, "closest allowed pair, in units of sigma_ij (default 0.8; 0.7 in 2D)")
      ->check(CLI::Range(0.0, 1.5));
  cmd->add_option("--dimension", opt->gen.dimension, "3, or 2 for a planar system at z = 0 (density per area)")
      ->check(CLI::IsMember({2, 3}));
  cmd->add_option("--tilt", opt->gen.tilt_xy, "xy tilt as a fraction of Lx")->check(CLI::Range(-0.5, 0.5));
  cmd->add_option("--diameters", opt->diameters,
                  "polydisperse models: random (independent draws, default) or stratified (the n quantiles, shuffled)")
      ->check(CLI::IsMember({"random", "stratified"}));
  cmd->add_option("--out,-o", opt->out, "output file: .data, .dump or .xyz")->required();
  cmd->callback([opt] {
    if (opt->density > 0) opt->gen.density = opt->density;
    if (opt->min_distance > 0) opt->gen.min_distance = opt->min_distance;
    if (opt->diameters == "stratified") opt->gen.diameters = GenerateOptions::Diameters::stratified;
    if (!opt->composition.empty()) opt->gen.fractions = opt->composition;
    if (opt->model.empty() == opt->potential.empty()) throw Error("generate: give --model NAME or --potential STYLE");
    ModelSpec alloy;
    std::vector<std::string> elements;
    if (!opt->potential.empty()) {
      const PotentialSpec spec = potential_from_cli(opt->potential, opt->potential_file, opt->elements);
      if (opt->composition.empty()) throw Error("generate --potential: give --composition, one fraction per element");
      alloy = alloy_model(spec, opt->composition);
      elements = make_potential(spec)->type_elements();
    }
    const ModelSpec& model = opt->potential.empty() ? find_model(opt->model) : alloy;
    Configuration cfg = generate_configuration(model, opt->gen);
    cfg.type_elements = elements;  // written as `# Cu` Masses comments / extxyz species
    write_configuration(opt->out, cfg, fmt::format("generate model={} seed={}", model.name, opt->gen.seed));
    fmt::print("wrote {} ({} atoms of {}, box {:.6g} x {:.6g} x {:.6g})\n", opt->out, cfg.particles.size(), model.name,
               cfg.box.lengths().x, cfg.box.lengths().y, cfg.box.lengths().z);
  });
}

}  // namespace vitrum::cli
