#include "vitrum/atomistic/protocol/recipe.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>

#include "vitrum/atomistic/protocol/lammps_engine.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum {

namespace {

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// potential = { style = "kim", model = "NAME", model_dir = "DIR", elements = ["Cu", "Zr"] }: an OpenKIM model
// (model_dir relative to the recipe, searched first; elements optional: the model's species in code order).
bool is_kim_table(const RecipeTable& t) {
  const toml::node* pt = t.raw().get("potential");
  return pt && pt->is_table() && pt->as_table()->get("style") && (*pt->as_table())["style"].value<std::string>() == "kim";
}

PotentialSpec parse_kim_potential(RecipeTable pt, const std::filesystem::path& base_dir) {
  pt.only({"style", "model", "model_dir", "elements"});
  PotentialSpec p;
  p.style = pt.get_string("style");
  if (pt.has("model")) p.model = pt.get_string("model");
  if (pt.has("model_dir")) {
    const std::filesystem::path dir(pt.get_string("model_dir"));
    p.model_dir = dir.is_relative() ? base_dir / dir : dir;
    if (!std::filesystem::is_directory(p.model_dir))
      pt.fail("model_dir", fmt::format("no such directory {}", p.model_dir.string()));
  }
  if (p.model.empty() && p.model_dir.empty())
    pt.fail("model", "name the KIM portable model, e.g. model = \"EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_005\" "
                     "(`vitrum potentials --kim` lists the installed ones)");
  if (pt.has("elements")) p.elements = pt.get_strings("elements");
  pt.finish();
  return p;
}

// potential = { style = "lj/cut", elements = ["Cu", "Zr"], epsilon = [...], sigma = [...], cutoff = [...],
// masses = [...] }: a Lennard-Jones mixture (one value per type pair, 11, 12, 22; see PotentialSpec).
PotentialSpec parse_lj_potential(RecipeTable pt) {
  pt.only({"style", "elements", "epsilon", "sigma", "cutoff", "masses"});
  PotentialSpec p;
  p.style = pt.get_string("style");
  if (pt.has("elements")) p.elements = pt.get_strings("elements");
  p.epsilon = pt.get_doubles("epsilon");
  p.sigma = pt.get_doubles("sigma");
  if (pt.has("cutoff")) p.cutoff = pt.get_doubles("cutoff");
  if (pt.has("masses")) p.masses = pt.get_doubles("masses");
  try {
    (void)make_potential(p);  // every coefficient checked here, with the line of the table
  } catch (const Error& e) {
    pt.fail("epsilon", e.what());
  }
  pt.finish();
  return p;
}

// A potential as a recipe names it, in [system] or in a stage: a built-in model's name, or a table with
// a style (eam files, a KIM model, an lj/cut mixture).
PotentialSpec parse_potential(RecipeTable& t, const std::filesystem::path& base_dir) {
  if (is_kim_table(t)) return parse_kim_potential(t.get_table("potential"), base_dir);
  if (!t.raw().get("potential")->is_table()) return PotentialSpec(t.get_string("potential"));
  RecipeTable pt = t.get_table("potential");
  if (pt.has("style") && pt.get_string("style") == "lj/cut") return parse_lj_potential(pt);
  pt.only({"style", "file", "elements"});
  PotentialSpec p;
  p.style = pt.get_string("style");
  if (!p.is_eam())
    pt.fail("style", fmt::format("unknown potential style '{}' (styles with files: eam, eam/alloy, eam/fs; an OpenKIM "
                                 "model: style = \"kim\", model = \"...\"; a Lennard-Jones mixture: style = \"lj/cut\"; a "
                                 "built-in model is named directly: potential = \"kob-andersen\")", p.style));
  for (auto f : pt.get_strings("file")) {
    std::filesystem::path path(f);
    p.files.push_back(path.is_relative() ? base_dir / path : path);
  }
  if (pt.has("elements")) p.elements = pt.get_strings("elements");
  else if (p.style != "eam") pt.fail("elements", "name the element of each atom type, e.g. elements = [\"Cu\", \"Zr\"]");
  for (const auto& f : p.files)
    if (!std::filesystem::is_regular_file(f)) pt.fail("file", fmt::format("cannot read potential file {}", f.string()));
  pt.finish();
  return p;
}

SystemSpec parse_system(RecipeTable t, const std::filesystem::path& base_dir, std::optional<std::uint32_t> seed_override) {
  SystemSpec s;
  t.only({"read", "frame", "generate", "potential", "seed", "skin", "units", "replicate", "dimension", "engine"});
  s.engine.kind = t.get_string("engine", "vitrum");
  if (s.engine.kind != "vitrum" && s.engine.kind != "lammps")
    t.fail("engine", fmt::format("unknown engine '{}' (known: vitrum, lammps)", s.engine.kind));
  s.potential = parse_potential(t, base_dir);
  s.units = s.potential.units();
  s.seed = t.get_seed("seed", 1);
  if (seed_override) s.seed = *seed_override;
  // LAMMPS's lj default skin is 0.3 sigma; 1 Angstrom suits metals (LAMMPS metal uses 2 Angstrom).
  s.skin = t.get_double("skin", s.units.is_metal() ? 1.0 : 0.3);
  if (!(s.skin >= 0)) t.fail("skin", "must be >= 0");
  const std::string units = t.get_string("units", s.units.name);
  if (units != "lj" && units != "metal") t.fail("units", fmt::format("unknown units '{}' (known: lj, metal)", units));
  if (units != s.units.name)
    t.fail("units", fmt::format("potential '{}' is in {} units, but the recipe says units = \"{}\"",
                                s.potential.describe(), s.units.name, units));

  const std::int64_t dimension = t.get_int("dimension", 3);
  if (dimension != 2 && dimension != 3) t.fail("dimension", "must be 2 (planar) or 3");
  s.dimension = static_cast<int>(dimension);
  s.generate.dimension = s.dimension;
  if (t.has("replicate")) {
    const std::vector<double> r = t.get_doubles("replicate");
    if (r.size() != 3) t.fail("replicate", "give three copy counts [nx, ny, nz]");
    for (int k = 0; k < 3; ++k) {
      if (!(r[k] >= 1 && r[k] <= 1000 && r[k] == std::floor(r[k]))) t.fail("replicate", "counts must be integers in 1 .. 1000");
      s.replicate[k] = static_cast<int>(r[k]);
    }
    if (s.dimension == 2 && s.replicate[2] != 1) t.fail("replicate", "a 2D system cannot be copied along z: give nz = 1");
  }
  const bool has_read = t.has("read"), has_gen = t.has("generate");
  if (has_read == has_gen) t.fail(has_read ? "read" : "generate", "give exactly one of `read` and `generate`");
  if (has_read) {
    s.read = t.get_string("read");
    if (s.read.is_relative()) s.read = base_dir / s.read;
    if (t.has("frame")) s.frame = t.get_int("frame");
  } else {
    if (t.has("frame")) t.fail("frame", "picks a frame of the `read` file: give `read` too");
    RecipeTable g = t.get_table("generate");
    g.only({"model", "n", "density", "composition", "seed", "min_distance", "diameters"});
    if (s.potential.is_kim())
      g.fail("model", "a KIM model carries no lattice data to guess a density from: read a configuration (read = "
                      "\"FILE\"), e.g. one generated with an EAM potential of the same alloy");
    // Model glasses name their model; an EAM system is generated from its potential (composition required).
    if (s.potential.is_eam()) {
      if (g.has("model")) g.fail("model", "an EAM system is generated from its [system] potential: leave out `model`");
      if (!g.has("composition")) g.fail("composition", "give the fraction of each element, e.g. composition = [0.64, 0.36]");
    } else {
      s.generate_model = g.get_string("model");
    }
    const std::int64_t n = g.get_int("n");
    if (n < 2) g.fail("n", "need at least 2 atoms");
    s.generate.n = static_cast<std::size_t>(n);
    if (g.has("density")) {
      s.generate.density = g.get_double("density");
      if (!(*s.generate.density > 0)) g.fail("density", "must be positive");
    }
    if (g.has("composition")) s.generate.fractions = g.get_doubles("composition");
    s.generate.seed = static_cast<std::uint32_t>(g.get_int("seed", s.seed));
    if (g.has("min_distance")) s.generate.min_distance = g.get_double("min_distance");
    if (g.has("diameters")) {
      const std::string d = g.get_string("diameters");
      if (d != "random" && d != "stratified") g.fail("diameters", fmt::format("unknown '{}' (known: random, stratified)", d));
      const auto& known = models();
      const auto m = std::find_if(known.begin(), known.end(), [&](const ModelSpec& k) { return k.name == s.generate_model; });
      if (d == "stratified" && (m == known.end() || !m->diameter_quantile))
        g.fail("diameters", fmt::format("stratified diameters need a polydisperse model; '{}' has no per-particle diameters",
                                        s.potential.is_eam() ? "the EAM alloy" : s.generate_model.value_or("")));
      s.generate.diameters = d == "random" ? GenerateOptions::Diameters::random : GenerateOptions::Diameters::stratified;
    }
    g.finish();
  }
  if (s.engine.lammps()) {
    if (s.dimension != 3) t.fail("engine", "the lammps engine runs 3D systems only (dimension = 2 needs engine = \"vitrum\")");
    try {
      (void)lammps_potential_commands(s.potential, *make_potential(s.potential));
    } catch (const Error& e) {
      t.fail("engine", e.what());
    }
  }
  t.finish();
  return s;
}

OutputSpec parse_output(RecipeTable t) {
  OutputSpec o;
  o.thermo_every = t.get_int("thermo_every", o.thermo_every);
  o.sample_every = t.get_int("sample_every", o.sample_every);
  o.checkpoint_every = t.get_int("checkpoint_every", o.checkpoint_every);
  o.blocks = static_cast<int>(t.get_int("blocks", o.blocks));
  if (o.thermo_every < 1) t.fail("thermo_every", "must be >= 1");
  if (o.sample_every < 1) t.fail("sample_every", "must be >= 1");
  if (o.checkpoint_every < 0) t.fail("checkpoint_every", "must be >= 0");
  if (o.blocks < 2) t.fail("blocks", "must be >= 2");
  o.dump_every = t.get_int("dump_every", o.dump_every);
  if (o.dump_every < 0) t.fail("dump_every", "must be >= 0 (0 = no trajectory)");
  const std::string format = t.get_string("dump_format", "extxyz");
  if (format != "extxyz" && format != "lammps")
    t.fail("dump_format", fmt::format("unknown trajectory format '{}' (known: extxyz, lammps)", format));
  o.dump_format = parse_trajectory_format(format);
  o.dump_velocities = t.get_bool("dump_velocities", o.dump_velocities);
  o.dump_energies = t.get_bool("dump_energies", o.dump_energies);
  if (o.dump_every == 0)
    for (const char* key : {"dump_format", "dump_velocities", "dump_energies"})
      if (t.has(key)) t.fail(key, "applies to trajectories: set dump_every = N (steps between frames) too");
  t.finish();
  return o;
}

StageSpec parse_stage(RecipeTable t, std::uint32_t seed, const UnitSystem& units, const std::filesystem::path& base_dir,
                      const std::vector<StageSpec>& earlier) {
  StageSpec s;
  s.kind = t.get_string("kind");
  if (t.has("potential")) {
    // Any stage may run with a potential of its own.
    s.potential = parse_potential(t, base_dir);
    if (s.potential->units().name != units.name)
      t.fail("potential", fmt::format("'{}' is in {} units, the [system] potential in {}: a stage's potential must use the "
                                      "same units (an lj/cut mixture is in metal units with elements, reduced without)",
                                      s.potential->describe(), s.potential->units().name, units.name));
  }
  const StageKind* kind = find_stage_kind(s.kind);
  if (!kind) t.fail("kind", fmt::format("unknown stage kind '{}' (known: {})", s.kind, stage_kind_names()));
  std::vector<std::string> keys = kCommonStageKeys;
  keys.insert(keys.end(), kind->keys.begin(), kind->keys.end());
  t.only(keys);
  s.name = t.get_string("name", "");
  s.start = t.get_string("start", "");
  s.stage = kind->parse(t, StageParseContext{seed, units, base_dir, &earlier});
  t.finish();
  return s;
}

}  // namespace

void parse_thermostat_keys(RecipeTable& t, IntegratorOptions& o) {
  if (o.ensemble == "nvt") {
    o.thermostat = t.get_string("thermostat", "nose-hoover");
    if (o.thermostat != "nose-hoover" && o.thermostat != "bussi")
      t.fail("thermostat", fmt::format("unknown thermostat '{}' (known: nose-hoover, bussi)", o.thermostat));
  }
  o.tdamp = t.get_double("tdamp", 100.0 * o.dt);
  if (!(o.tdamp > 0)) t.fail("tdamp", "must be positive");
  const std::int64_t chain = t.get_int("chain", 3);
  if (chain < 1 || chain > 100) t.fail("chain", fmt::format("must be in 1..100 (LAMMPS's default is 3), got {}", chain));
  o.chain = static_cast<int>(chain);
}

std::string parse_velocities_key(RecipeTable& t) {
  std::string v = t.get_string("velocities", "auto");
  if (v != "auto" && v != "create" && v != "keep") t.fail("velocities", "must be auto, create or keep");
  return v;
}

Recipe parse_recipe(const std::string& text, const std::string& source, const std::filesystem::path& base_dir,
                    std::optional<std::uint32_t> seed_override) {
  const toml::table root = parse_toml_string(text, source);
  RecipeTable top(root, source, "");
  Recipe r;
  r.text = text;
  r.source = source;
  // A checkpoint resumes only the run it came from: an overriding seed is part of the recipe's identity.
  r.hash = seed_override ? fnv1a(fmt::format("{}\nseed override {}", text, *seed_override)) : fnv1a(text);
  r.system = parse_system(top.get_table("system"), base_dir, seed_override);
  r.output = top.has("output") ? parse_output(top.get_table("output")) : OutputSpec{};
  if (top.has("engine")) {
    RecipeTable e = top.get_table("engine");
    if (!r.system.engine.lammps()) e.fail("mpi_ranks", "the [engine] table configures engine = \"lammps\": set it in [system]");
    parse_engine_table(e, r.system.engine);
  }
  if (!top.has("stage")) top.fail("stage", "a recipe needs at least one [[stage]]");
  std::set<std::string> names;
  std::uint32_t k = 0;
  for (RecipeTable& st : top.get_tables("stage")) {
    StageSpec s = parse_stage(st, r.system.seed + k++, r.system.units, base_dir, r.stages);
    if (!s.start.empty() && !names.count(s.start))
      st.fail("start", fmt::format("no earlier stage is named '{}'", s.start));
    if (!s.name.empty() && !names.insert(s.name).second) st.fail("name", fmt::format("two stages are named '{}'", s.name));
    if (r.system.engine.lammps()) check_lammps_can_run(st, s);
    r.stages.push_back(std::move(s));
  }
  top.finish();
  return r;
}

Recipe read_recipe(const std::filesystem::path& file, std::optional<std::uint32_t> seed_override) {
  std::ifstream in(file);
  if (!in) throw Error(fmt::format("{}: cannot open recipe for reading", file.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_recipe(ss.str(), file.string(), file.parent_path(), seed_override);
}

}  // namespace vitrum
