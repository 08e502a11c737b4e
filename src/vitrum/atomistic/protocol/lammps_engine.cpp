#include "vitrum/atomistic/protocol/lammps_engine.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "vitrum/atomistic/potential/lennard_jones.hpp"
#include "vitrum/atomistic/protocol/aqs_stage.hpp"
#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/md_stage.hpp"
#include "vitrum/atomistic/protocol/minimize_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/atomistic/protocol/statistics.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum {

namespace fs = std::filesystem;

const std::vector<std::string>& lammps_stage_kinds() {
  static const std::vector<std::string> kinds{"md", "minimize", "aqs"};
  return kinds;
}

void parse_engine_table(RecipeTable& t, EngineSpec& e) {
  t.only({"mpi_ranks", "lmp", "mpirun", "mpirun_args"});
  const std::int64_t ranks = t.get_int("mpi_ranks", 1);
  if (ranks < 1 || ranks > 1000000) t.fail("mpi_ranks", "must be a whole number >= 1");
  e.mpi_ranks = static_cast<int>(ranks);
  e.lmp = t.get_string("lmp", e.lmp);
  e.mpirun = t.get_string("mpirun", e.mpirun);
  if (e.lmp.empty()) t.fail("lmp", "give the LAMMPS executable (a name on PATH or a path)");
  if (e.mpirun.empty()) t.fail("mpirun", "give the MPI launcher (a name on PATH or a path)");
  if (t.has("mpirun_args")) e.mpirun_args = t.get_strings("mpirun_args");
  t.finish();
}

void check_lammps_can_run(RecipeTable& t, const StageSpec& st) {
  const auto& kinds = lammps_stage_kinds();
  if (std::find(kinds.begin(), kinds.end(), st.kind) == kinds.end())
    t.fail("kind", fmt::format("the lammps engine cannot run a '{}' stage (it runs {}); use engine = \"vitrum\"",
                               st.kind, fmt::join(kinds, ", ")));
  if (st.potential) t.fail("potential", "the lammps engine runs every stage with the [system] potential");
  if (st.kind == "md") {
    const auto& o = st.as<MdStage>().integrator;
    if (o.ensemble == "nvt" && o.thermostat != "nose-hoover")
      t.fail("thermostat", fmt::format("the lammps engine runs nvt with Nose-Hoover chains only (not {})", o.thermostat));
  }
  if (st.kind == "minimize" || st.kind == "aqs") {
    const std::string& method = st.kind == "minimize" ? st.as<MinimizeStage>().minimize.method
                                                      : st.as<AqsStage>().aqs.minimize.method;
    if (method != "cg" && method != "fire")
      t.fail("method", fmt::format("the lammps engine minimises with cg or fire (LAMMPS has no {})", method));
  }
  if (st.kind == "aqs" && st.as<AqsStage>().aqs.refine)
    t.fail("refine", "the lammps engine does not bisect events: set refine = false (events are then bracketed by one "
                     "strain step, as with refine = false on the vitrum engine)");
  if (st.kind == "aqs" && st.as<AqsStage>().event_configurations)
    t.fail("event_configurations", "the lammps engine does not write per-event configurations: use engine = \"vitrum\"");
}

std::string lammps_potential_commands(const PotentialSpec& spec, const Potential& u) {
  if (spec.is_eam()) {
    std::string out = fmt::format("pair_style {}\npair_coeff * *", spec.style);
    if (spec.style == "eam") {
      // funcfl: one file per type, pair_coeff I I file
      out = "pair_style eam\n";
      for (std::size_t t = 0; t < spec.files.size(); ++t)
        out += fmt::format("pair_coeff {} {} {}\n", t + 1, t + 1, fs::absolute(spec.files[t]).string());
      return out;
    }
    out += " " + fs::absolute(spec.files.at(0)).string();
    for (const auto& e : spec.elements) out += " " + e;
    return out + "\n";
  }
  if (const auto* lj = dynamic_cast<const PairPotential<LennardJones>*>(&u)) {
    const LennardJones& m = lj->evaluator();
    std::string out = fmt::format("pair_style lj/cut {:.17g}\n", m.cutoff());
    for (int a = 1; a <= m.type_count(); ++a)
      for (int b = a; b <= m.type_count(); ++b) {
        const LennardJonesPair& p = m.pair(a, b);
        out += fmt::format("pair_coeff {} {} {:.17g} {:.17g} {:.17g}\n", a, b, p.epsilon, p.sigma, p.cutoff);
      }
    return out + "pair_modify shift yes\n";
  }
  throw Error(fmt::format("the lammps engine has no LAMMPS pair style for potential '{}' (it runs Lennard-Jones "
                          "mixtures with shifted energies, e.g. kob-andersen, wahnstrom, ka2, lj/cut, and EAM files)",
                          spec.describe()));
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A program name resolved on PATH (or a path as given): empty if there is no executable by that name.
std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate.string();
  }
  return {};
}

void require_programs(const EngineSpec& e) {
  if (find_program(e.lmp).empty())
    throw Error(fmt::format("engine lammps: the LAMMPS executable '{}' was not found{} (install Debian's lammps "
                            "package, or set [engine] lmp = \"/path/to/lmp\")",
                            e.lmp, e.lmp.find('/') == std::string::npos ? " on PATH" : ""));
  if (e.mpi_ranks > 1 && find_program(e.mpirun).empty())
    throw Error(fmt::format("engine lammps: mpi_ranks = {} needs the MPI launcher '{}', which was not found (install "
                            "openmpi-bin, set [engine] mpirun, or use mpi_ranks = 1)",
                            e.mpi_ranks, e.mpirun));
}

// The environment prefix that lets Open MPI start as root (CI containers run as root; Open MPI refuses otherwise).
std::string mpi_environment() {
  return ::geteuid() == 0 ? "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " : "";
}

std::string launch_prefix(const EngineSpec& e) {
  std::string cmd = mpi_environment();
  if (e.mpi_ranks > 1) {
    cmd += quote(e.mpirun) + fmt::format(" -np {}", e.mpi_ranks);
    for (const auto& a : e.mpirun_args) cmd += " " + quote(a);
    cmd += " ";
  }
  return cmd + quote(e.lmp);
}

double children_cpu_seconds() {
  rusage r{};
  ::getrusage(RUSAGE_CHILDREN, &r);
  return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
}

struct LammpsRun {
  std::string log;
  double wall_seconds = 0, cpu_seconds = 0;
};

// Runs in.lammps in `dir`; on failure throws Error quoting LAMMPS's first ERROR line (or the launcher's output).
LammpsRun run_lammps(const EngineSpec& e, const fs::path& dir, const std::string& script, const std::string& label) {
  {
    std::ofstream in(dir / "in.lammps");
    in << script;
    if (!in) throw Error(fmt::format("{}: cannot write {}", label, (dir / "in.lammps").string()));
  }
  fs::remove(dir / "log.lammps");
  const std::string cmd = "cd " + quote(dir.string()) + " && " + launch_prefix(e) +
                          " -in in.lammps -log log.lammps -screen none -nocite > output.txt 2>&1";
  const double cpu0 = children_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  const int status = std::system(cmd.c_str());
  LammpsRun r;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.cpu_seconds = children_cpu_seconds() - cpu0;
  r.log = slurp(dir / "log.lammps");
  for (const std::string& text : {r.log, slurp(dir / "output.txt")}) {
    std::stringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
      if (line.rfind("ERROR", 0) == 0)
        throw Error(fmt::format("{}: LAMMPS failed: {} (input, log and output in {})", label, line, dir.string()));
  }
  if (status != 0) {
    std::string tail = slurp(dir / "output.txt");
    if (tail.size() > 400) tail = "..." + tail.substr(tail.size() - 400);
    std::replace(tail.begin(), tail.end(), '\n', ' ');
    throw Error(fmt::format("{}: LAMMPS ({}) exited with status {}: {} (files in {})", label, launch_prefix(e), status,
                            tail, dir.string()));
  }
  return r;
}

// The lines of `log` that start with `tag` (our printed results), without the tag.
std::vector<std::vector<double>> tagged_rows(const std::string& log, const std::string& tag) {
  std::vector<std::vector<double>> rows;
  std::stringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(tag + " ", 0) != 0) continue;
    std::stringstream fields(line.substr(tag.size() + 1));
    std::vector<double> row;
    std::string f;
    while (fields >> f) row.push_back(std::strtod(f.c_str(), nullptr));
    rows.push_back(std::move(row));
  }
  return rows;
}

// "Iterations, force evaluations = I F" of each minimisation, in order; and whether each stopped on the force.
struct MinimizeLog {
  std::vector<std::int64_t> iterations, force_evaluations;
  std::vector<bool> force_criterion;
};
MinimizeLog minimize_log(const std::string& log) {
  MinimizeLog m;
  std::stringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("Stopping criterion =") != std::string::npos)
      m.force_criterion.push_back(line.find("force tolerance") != std::string::npos);
    const auto at = line.find("Iterations, force evaluations =");
    if (at == std::string::npos) continue;
    std::stringstream v(line.substr(at + 31));
    std::int64_t it = 0, fe = 0;
    v >> it >> fe;
    m.iterations.push_back(it);
    m.force_evaluations.push_back(fe);
  }
  return m;
}

// The state LAMMPS wrote, brought back into s by atom id: box, positions, images, velocities.
void take_state(System& s, const fs::path& file) {
  Configuration c = read_configuration(file);
  Particles& p = s.cfg.particles;
  if (c.particles.size() != p.size())
    throw Error(fmt::format("{}: LAMMPS wrote {} atoms, the system has {}", file.string(), c.particles.size(), p.size()));
  std::vector<std::size_t> at(c.particles.size());
  std::map<std::int64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < p.size(); ++i) by_id[p.id[i]] = i;
  for (std::size_t k = 0; k < c.particles.size(); ++k) {
    const auto it = by_id.find(c.particles.id[k]);
    if (it == by_id.end()) throw Error(fmt::format("{}: atom id {} is not in the system", file.string(), c.particles.id[k]));
    const std::size_t i = it->second;
    p.position[i] = c.particles.position[k];
    if (p.image.size() == p.size() && c.particles.image.size() == c.particles.size()) p.image[i] = c.particles.image[k];
    if (p.velocity.size() == p.size())
      p.velocity[i] = c.has_velocities ? c.particles.velocity[k] : Vec3{0, 0, 0};
  }
  s.cfg.box = c.box;
  s.list.build(s.particles(), s.cfg.box);
  s.compute_forces();
}

// The input's common head: units, the state, the potential, the neighbour list, energies not normalised.
std::string script_head(const StageContext& ctx, const PotentialSpec& potential, const std::string& data) {
  const System& s = ctx.sys;
  return fmt::format(
      "# {} of {}: written by vitrum for engine = \"lammps\"\n"
      "units {}\natom_style atomic\nboundary p p p\natom_modify map array\nread_data {}\n{}"
      "neighbor {:.17g} bin\nneigh_modify every 1 delay 0 check yes\nthermo_modify norm no\n",
      ctx.label, ctx.source, s.units.name, data, lammps_potential_commands(potential, *s.potential), s.list.skin());
}

std::string minimize_command(const MinimizeOptions& m, bool first) {
  std::string out;
  if (first) {
    out += fmt::format("min_style {}\nmin_modify norm max\n", m.method);
    if (m.method == "fire") out += fmt::format("timestep {:.17g}\nmin_modify dmax {:.17g}\n", m.dt, m.max_step);
  }
  return out + fmt::format("minimize 0.0 {:.17g} {} {}\n", m.ftol, m.max_iterations, 10 * m.max_iterations);
}

fs::path work_dir(const StageContext& ctx) {
  const fs::path dir = ctx.out_dir / fmt::format("stage{}-lammps", ctx.number);
  fs::create_directories(dir);
  return dir;
}

StageResult run_minimize(const MinimizeStage& st, StageContext& ctx, const EngineSpec& e, const PotentialSpec& pot) {
  ctx.begin();
  const fs::path dir = work_dir(ctx);
  write_lammps_data(dir / "in.data", ctx.sys.configuration_for_output(), "vitrum state for LAMMPS");
  const std::string script = script_head(ctx, pot, "in.data") + minimize_command(st.minimize, true) +
                             "velocity all set 0.0 0.0 0.0\nwrite_data out.data nocoeff\n";
  const LammpsRun run = run_lammps(e, dir, script, ctx.label);
  take_state(ctx.sys, dir / "out.data");
  const MinimizeLog m = minimize_log(run.log);
  MinimizeResult r;
  r.method = st.minimize.method;
  r.energy = ctx.sys.last.energy;
  r.fmax = 0;
  for (const Vec3& f : ctx.sys.cfg.particles.force) r.fmax = std::max(r.fmax, norm(f));
  r.iterations = m.iterations.empty() ? 0 : m.iterations.back();
  r.force_evaluations = m.force_evaluations.empty() ? 0 : m.force_evaluations.back();
  r.converged = !m.force_criterion.empty() && m.force_criterion.back();
  StageResult out = st.report(ctx, r, run.wall_seconds);
  out["engine"] = "lammps";
  return out;
}

StageResult run_aqs_stage(const AqsStage& st, StageContext& ctx, const EngineSpec& e, const PotentialSpec& pot) {
  ctx.begin();
  const AqsOptions& o = st.aqs;
  const fs::path dir = work_dir(ctx);
  System& s = ctx.sys;
  write_lammps_data(dir / "in.data", s.configuration_for_output(), "vitrum state for LAMMPS");
  const auto steps = static_cast<std::int64_t>(std::llround(o.gamma_max / o.dgamma));
  const double dxy = o.dgamma * s.cfg.box.lengths().y;
  const std::string print = "print \"VITRUM_AQS $(pe:%.17g) $(pxy:%.17g) $(xy:%.17g) $(fmax:%.17g)\"\n";
  // The thermo columns make LAMMPS evaluate pe, pxy and fmax at each minimisation's last step, so the prints after it
  // read current values.
  std::string script = script_head(ctx, pot, "in.data") + "velocity all set 0.0 0.0 0.0\n" +
                       "change_box all triclinic\nthermo_style custom step pe press pxy xy fmax\nthermo_modify norm no\n" +
                       minimize_command(o.minimize, true) + print + "write_data start.data nocoeff\n";
  script += fmt::format("variable k loop {}\nlabel aqs_step\nchange_box all xy delta {:.17g} remap units box\n{}{}"
                        "next k\njump SELF aqs_step\nwrite_data out.data nocoeff\n",
                        steps, dxy, minimize_command(o.minimize, false), print);
  const LammpsRun run = run_lammps(e, dir, script, ctx.label);
  const auto rows = tagged_rows(run.log, "VITRUM_AQS");
  const MinimizeLog m = minimize_log(run.log);
  if (rows.size() != static_cast<std::size_t>(steps + 1) || m.iterations.size() != rows.size())
    throw Error(fmt::format("{}: LAMMPS reported {} of the {} AQS states (log in {})", ctx.label, rows.size(), steps + 1,
                            dir.string()));
  AqsResult r;
  {
    System start = s.copy();
    take_state(start, dir / "start.data");
    r.start = start.cfg;
  }
  take_state(s, dir / "out.data");
  const double n = static_cast<double>(s.size()), ly = s.cfg.box.lengths().y, xy0 = rows[0][2];
  for (std::size_t k = 0; k < rows.size(); ++k) {
    AqsPoint p;
    p.gamma = (rows[k][2] - xy0) / ly;
    p.stress_xy = s.units.pressure_in(-rows[k][1]);
    p.pe_per_particle = rows[k][0] / n;
    p.iterations = m.iterations[k];
    p.force_evaluations = m.force_evaluations[k];
    r.converged = r.converged && (k >= m.force_criterion.size() || m.force_criterion[k]);
    r.worst_fmax = std::max(r.worst_fmax, rows[k][3]);
    if (k > 0 && r.curve.back().stress_xy - p.stress_xy > o.drop_threshold) {
      p.event = true;
      r.events.push_back({r.curve.back().gamma, p.gamma, r.curve.back().stress_xy - p.stress_xy,
                          r.curve.back().pe_per_particle - p.pe_per_particle});
    }
    r.curve.push_back(p);
  }
  r.loop_wall_seconds = run.wall_seconds;
  r.loop_cpu_seconds = run.cpu_seconds;
  StageResult out = st.report(ctx, std::move(r), run.wall_seconds);
  out["engine"] = "lammps";
  out["refined"] = false;
  return out;
}

StageResult run_md(const MdStage& st, StageContext& ctx, const EngineSpec& e, const PotentialSpec& pot) {
  ctx.begin();
  System& s = ctx.sys;
  const IntegratorOptions& o = st.integrator;
  const UnitSystem& u = s.units;
  const fs::path dir = work_dir(ctx);
  write_lammps_data(dir / "in.data", s.configuration_for_output(), "vitrum state for LAMMPS");
  const double t0 = u.temperature_out(st.t_start), t1 = u.temperature_out(st.t_end);
  std::string script = script_head(ctx, pot, "in.data");
  const bool create = st.velocities == "create" || (st.velocities == "auto" && !s.cfg.has_velocities);
  if (st.velocities == "keep" && !s.cfg.has_velocities)
    throw Error(fmt::format("{}: velocities = \"keep\" but the state has none", ctx.label));
  if (create)
    script += fmt::format("velocity all create {:.17g} {} dist gaussian mom yes rot no\n", t0 > 0 ? t0 : u.temperature_out(1.0),
                          o.seed % 900000000 + 1);
  script += fmt::format("timestep {:.17g}\n", o.dt);
  if (o.ensemble == "nve") script += "fix integrate all nve\n";
  if (o.ensemble == "nvt")
    script += fmt::format("fix integrate all nvt temp {:.17g} {:.17g} {:.17g} tchain {}\n", t0, t1, o.tdamp, o.chain);
  if (o.ensemble == "langevin")
    script += fmt::format("fix integrate all nve\nfix bath all langevin {:.17g} {:.17g} {:.17g} {}\n", t0, t1, o.tdamp,
                          o.seed % 900000000 + 1);
  if (o.ensemble == "npt")
    script += fmt::format("fix integrate all npt temp {:.17g} {:.17g} {:.17g} tchain {} iso {:.17g} {:.17g} {:.17g}\n", t0,
                          t1, o.tdamp, o.chain, u.pressure_out(o.pressure), u.pressure_out(o.pressure), o.pdamp);
  const std::int64_t every = std::gcd(ctx.output.sample_every, ctx.output.thermo_every);
  script += fmt::format(
      "variable econs equal etotal+ecouple\n"
      "thermo_style custom step temp pe ke press pxx pyy pzz pxy pxz pyz vol v_econs\n"
      "thermo_modify norm no format float %.17g\nthermo {}\nrun {}\nwrite_data out.data nocoeff\n",
      every, st.steps);
  const LammpsRun run = run_lammps(e, dir, script, ctx.label);
  // The thermo table: the rows after the "Step Temp ..." header, until "Loop time".
  std::vector<std::vector<double>> rows;
  {
    std::stringstream lines(run.log);
    std::string line;
    bool inside = false;
    while (std::getline(lines, line)) {
      if (line.rfind("   Step", 0) == 0 || line.rfind("Step ", 0) == 0) {
        inside = true;
        continue;
      }
      if (line.rfind("Loop time", 0) == 0) inside = false;
      if (!inside) continue;
      std::stringstream f(line);
      std::vector<double> row;
      double v;
      while (f >> v) row.push_back(v);
      if (row.size() == 13) rows.push_back(row);
    }
  }
  if (rows.empty() || static_cast<std::int64_t>(rows.back()[0]) != st.steps)
    throw Error(fmt::format("{}: LAMMPS's thermo output did not reach step {} (log in {})", ctx.label, st.steps, dir.string()));
  const double n = static_cast<double>(s.size());
  std::vector<double> t_samples, pe_samples, p_samples;
  for (const auto& r : rows) {
    const auto k = static_cast<std::int64_t>(r[0]);
    if (k > st.equilibrate && k % ctx.output.sample_every == 0) {
      t_samples.push_back(r[1]);
      pe_samples.push_back(r[2] / n);
      p_samples.push_back(r[4]);
    }
    if (k > 0 && (ctx.global_step + k) % ctx.output.thermo_every == 0)
      std::fprintf(ctx.thermo, "%lld,%lld,%.10g,%.10g,%.12g,%.12g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.12g\n",
                   static_cast<long long>(ctx.number), static_cast<long long>(ctx.global_step + k),
                   static_cast<double>(k) * o.dt, r[1], r[2] / n, r[3] / n, r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                   r[11], r[12] / n);
  }
  ctx.global_step += st.steps;
  ctx.step = st.steps;
  take_state(s, dir / "out.data");
  s.cfg.has_velocities = true;
  StageResult result = st.report(ctx, t_samples, pe_samples, p_samples, final_state_json(s),
                                 run.wall_seconds > 0 ? static_cast<double>(st.steps) / run.wall_seconds : 0.0,
                                 run.wall_seconds);
  result["engine"] = "lammps";
  result["mpi_ranks"] = e.mpi_ranks;
  return result;
}

}  // namespace

LammpsInstall probe_lammps(const EngineSpec& e) {
  require_programs(e);
  const fs::path out = fs::temp_directory_path() / fmt::format("vitrum-lmp-h-{}.txt", ::getpid());
  const std::string cmd = quote(e.lmp) + " -h > " + quote(out.string()) + " 2>&1";
  const int status = std::system(cmd.c_str());
  const std::string text = slurp(out);
  fs::remove(out);
  if (status != 0 || text.find("Large-scale Atomic/Molecular Massively Parallel Simulator") == std::string::npos)
    throw Error(fmt::format("engine lammps: '{} -h' did not run as LAMMPS (status {})", e.lmp, status));
  LammpsInstall install;
  std::stringstream lines(text);
  std::string line, category;
  while (std::getline(lines, line)) {
    if (line.find("Large-scale Atomic/Molecular Massively Parallel Simulator - ") != std::string::npos)
      install.version = line.substr(line.find(" - ") + 3);
    if (line.rfind("* ", 0) == 0) {
      // "* Pair styles:" → "pair"; "* Minimize styles:" → "minimize"; "* Fix styles" (no colon) → "fix".
      const auto styles = line.find(" styles");
      category.clear();
      if (styles != std::string::npos) {
        category = line.substr(2, styles - 2);
        std::transform(category.begin(), category.end(), category.begin(), [](unsigned char c) { return std::tolower(c); });
      }
      continue;
    }
    if (category.empty()) continue;
    std::stringstream words(line);
    std::string w;
    while (words >> w) install.styles[category].insert(w);
  }
  return install;
}

namespace {
// The styles a potential and the engine's stage kinds need, by category.
std::vector<std::pair<std::string, std::string>> needed_styles(const PotentialSpec& potential) {
  return {{"pair", potential.is_eam() ? potential.style : std::string("lj/cut")},
          {"fix", "nve"},
          {"fix", "nvt"},
          {"fix", "npt"},
          {"fix", "langevin"},
          {"minimize", "cg"},
          {"minimize", "fire"}};
}
}  // namespace

void check_lammps_install(const EngineSpec& e, const PotentialSpec& potential) {
  const LammpsInstall in = probe_lammps(e);
  for (const auto& [category, style] : needed_styles(potential)) {
    if (!in.has(category, style))
      throw Error(fmt::format("engine lammps: the installed LAMMPS ({}, version {}) has no {} style '{}', which this "
                              "recipe needs (`{} -h` lists what it has)",
                              e.lmp, in.version, category, style, e.lmp));
  }
}

std::string describe_engines(const EngineSpec& e) {
  std::string out = "vitrum: every stage kind (`vitrum run --help`), every potential; one machine, OpenMP threads\n";
  LammpsInstall in;
  try {
    in = probe_lammps(e);
  } catch (const Error& err) {
    return out + fmt::format("lammps: not available: {}\n", err.what());
  }
  auto has = [&](const std::string& category, const std::string& style) { return in.has(category, style); };
  out += fmt::format("lammps: {} (version {}), MPI launcher {}\n", find_program(e.lmp), in.version,
                     find_program(e.mpirun).empty() ? e.mpirun + " not found (mpi_ranks = 1 only)" : find_program(e.mpirun));
  out += "  stages:\n";
  out += fmt::format("    md        nve, nvt (Nose-Hoover chain), langevin, npt (iso): {}\n",
                     has("fix", "nvt") && has("fix", "npt") && has("fix", "langevin") ? "yes" : "missing fixes");
  out += fmt::format("    minimize  cg, fire (min_modify norm max = vitrum's max |F_i|): {}\n",
                     has("minimize", "cg") && has("minimize", "fire") ? "yes" : "missing min styles");
  out += fmt::format("    aqs       change_box xy + minimize per step, events from the stress drops: {}\n",
                     has("minimize", "cg") ? "yes" : "missing min styles");
  out += "    (other kinds: refused with engine = \"lammps\")\n  potentials:\n";
  out += fmt::format("    Lennard-Jones mixtures (kob-andersen, wahnstrom, ka2, lj/cut), pair_style lj/cut: {}\n",
                     has("pair", "lj/cut") ? "yes" : "no");
  for (const char* eam : {"eam", "eam/alloy", "eam/fs"})
    out += fmt::format("    EAM files, pair_style {}: {}\n", eam, has("pair", eam) ? "yes" : "no");
  out += "    polydisperse-ss, force-shifted LJ, KIM models: no (no matching LAMMPS style in this engine)\n";
  return out;
}

StageResult run_stage_on_lammps(const StageSpec& stage, StageContext& ctx, const EngineSpec& e,
                                const PotentialSpec& potential) {
  if (stage.kind == "minimize") return run_minimize(stage.as<MinimizeStage>(), ctx, e, potential);
  if (stage.kind == "aqs") return run_aqs_stage(stage.as<AqsStage>(), ctx, e, potential);
  if (stage.kind == "md") return run_md(stage.as<MdStage>(), ctx, e, potential);
  throw Error(fmt::format("{}: the lammps engine cannot run a '{}' stage", ctx.label, stage.kind));
}

}  // namespace vitrum
