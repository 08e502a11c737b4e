// `vitrum analyze FILE --potential NAME --compute gr,sq,voronoi,q6,modes,elastic`: structure analysis with JSON summary, CSVs, plots.
#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "vitrum/analysis/analyze.hpp"
#include "vitrum/analysis/plot_script.hpp"

namespace vitrum::cli {

namespace {
using nlohmann::json;

struct Options {
  std::string file, potential, potential_file, elements, compute = "gr,sq,voronoi,q6", format = "text", out = "out/analysis";
  std::int64_t frame = kOnlyFrame;  // --frame
  bool plot = false;
  std::string kim_model, kim_model_dir;
  int threads = 0;
  analysis::AnalyzeOptions a;  // what the `analyze` recipe stage also reads
};

void run(Options opt) {
  if (opt.threads > 0) omp_set_num_threads(opt.threads);
  std::vector<std::string> names;
  std::stringstream ss(opt.compute);
  for (std::string item; std::getline(ss, item, ',');) names.push_back(item);
  opt.a.compute = analysis::parse_analyses(names, "--compute");
  const PotentialSpec spec = potential_from_cli(opt.potential, opt.potential_file, opt.elements, opt.kim_model, opt.kim_model_dir);
  System s = make_system(read_configuration(opt.file, opt.frame), spec, opt.file, spec.units().is_metal() ? 1.0 : kDefaultSkin);
  analysis::AnalyzeReport report = analysis::analyze(s, opt.a, opt.file);
  json& j = report.summary;
  j["file"] = opt.file;
  j["potential"] = spec.describe();
  // Files are written only once every analysis has succeeded: a failing one leaves no partial results behind.
  report.files.emplace_back("summary.json", j.dump(2) + "\n");
  std::filesystem::create_directories(opt.out);
  for (const auto& [name, text] : report.files) write_file_atomically(std::filesystem::path(opt.out) / name, text);
  if (opt.format == "json") {
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("file {}  N = {}  potential {}  max|F| = {:.3g}\n", opt.file, s.size(), spec.describe(),
               j["max_force"].get<double>());
    fmt::print("{}", analysis::analyze_text(j));
    fmt::print("wrote {}/summary.json, particles.csv and the curves\n", opt.out);
  }
  if (opt.plot) run_plot_script(analysis::plot_script(), {opt.out});
}
}  // namespace

void add_analyze(CLI::App& app) {
  auto* cmd = app.add_subcommand("analyze", "Structure analysis: g(r), S(q), Voronoi, Steinhardt, modes, elastic constants");
  auto opt = std::make_shared<Options>();
  cmd->add_option("file", opt->file, "configuration (.data, .dump, .xyz)")->required();
  add_frame_option(cmd, opt->frame);
  cmd->add_option("--potential,-p", opt->potential, "model name, EAM style (eam, eam/alloy, eam/fs) or kim (see `vitrum potentials [--kim]`)")
      ->required();
  cmd->add_option("--potential-file", opt->potential_file, "EAM potential file (funcfl: one per type, comma-separated)");
  cmd->add_option("--elements", opt->elements, "element of each atom type, e.g. Cu,Zr (EAM)");
  cmd->add_option("--compute", opt->compute, "comma-separated: gr,sq,voronoi,q6,modes,elastic,softness");
  cmd->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--threads", opt->threads, "OpenMP threads (default OMP_NUM_THREADS, else all cores)")->check(kPositive);
  cmd->add_option("--out,-o", opt->out, "output folder (summary.json, CSVs, plots)");
  cmd->add_flag("--plot", opt->plot, "write analysis.png with /usr/bin/python3 + matplotlib");
  cmd->add_flag("--minimize", opt->a.minimize, "minimise (CG, max|F| < 1e-10) before analysing");
  cmd->add_option("--ftol", opt->a.ftol, "largest max|F| accepted as an inherent structure for modes/elastic");
  cmd->add_option("--rmax", opt->a.r_max, "g(r) range [length] (default min(5, 0.49 x narrowest width))");
  cmd->add_option("--bins", opt->a.bins, "g(r) bins");
  cmd->add_option("--qmax", opt->a.q_max, "S(q) range [1/length]");
  cmd->add_option("--qbins", opt->a.q_bins, "S(q) bins");
  cmd->add_option("--sq-method", opt->a.sq_method, "direct or fft");
  cmd->add_option("--kim-model", opt->kim_model, "OpenKIM portable model with --potential kim (`vitrum potentials --kim`)");
  cmd->add_option("--kim-model-dir", opt->kim_model_dir, "directory searched first for the KIM model (user-packaged models)");
  cmd->add_option("--fft-grid", opt->a.fft_grid, "FFT grid points per side (sq-method fft)");
  cmd->add_option("--q-neighbors", opt->a.q_neighbors, "cutoff or voronoi");
  cmd->add_option("--q-cutoff", opt->a.q_cutoff, "Steinhardt neighbour cut-off (default: first minimum of g(r))");
  cmd->add_option("--face-threshold", opt->a.face_threshold, "Voronoi: drop faces below this fraction of the cell area");
  cmd->add_option("--modes", opt->a.modes, "number of lowest non-zero modes");
  cmd->add_option("--soft-modes", opt->a.soft_modes, "modes summed in the soft-spot field");
  cmd->add_option("--softness-model", opt->a.softness_model, "model file of `vitrum softness train` (--compute softness)");
  cmd->callback([opt] { run(*opt); });
}

}  // namespace vitrum::cli
