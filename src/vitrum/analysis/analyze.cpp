#include "vitrum/analysis/analyze.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "vitrum/analysis/elastic_constants.hpp"
#include "vitrum/analysis/hessian_modes.hpp"
#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/analysis/softness.hpp"
#include "vitrum/analysis/rdf.hpp"
#include "vitrum/analysis/steinhardt.hpp"
#include "vitrum/analysis/structure_factor.hpp"
#include "vitrum/analysis/voronoi.hpp"
#include "vitrum/analysis/voronoi_radii.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"

namespace vitrum::analysis {

namespace {
using nlohmann::json;

std::string num(double x) { return std::isfinite(x) ? fmt::format("{:.10g}", x) : "nan"; }

std::string curves_csv(const std::vector<std::string>& names, const std::vector<std::vector<double>>& columns) {
  std::string text = fmt::format("{}\n", fmt::join(names, ","));
  for (std::size_t k = 0; k < columns[0].size(); ++k) {
    std::vector<std::string> row;
    for (const auto& c : columns) row.push_back(num(c[k]));
    text += fmt::format("{}\n", fmt::join(row, ","));
  }
  return text;
}

// Where a Hessian analysis spent its time (wall seconds), and the size of its Cholesky factor.
json timing_json(const HessianSolveTiming& t) {
  return {{"hessian", t.assembly}, {"factorization", t.factorization}, {"solves", t.solves}, {"solve_calls", t.solve_calls},
          {"other", t.other}, {"factor_entries", t.factor_entries}};
}
}  // namespace

std::set<std::string> parse_analyses(const std::vector<std::string>& names, const std::string& what) {
  std::set<std::string> out;
  for (const std::string& item : names) {
    if (item.empty()) continue;
    if (std::find(kAnalyses.begin(), kAnalyses.end(), item) == kAnalyses.end())
      throw Error(fmt::format("{}: unknown analysis '{}' (known: {})", what, item, fmt::join(kAnalyses, ", ")));
    out.insert(item);
  }
  if (out.empty()) throw Error(fmt::format("{}: empty list (known: {})", what, fmt::join(kAnalyses, ", ")));
  return out;
}

AnalyzeReport analyze(System& s, const AnalyzeOptions& opt, const std::string& label) {
  const auto& what = opt.compute;
  const bool needs_is = what.count("modes") || what.count("elastic");
  if (opt.minimize) {
    MinimizeOptions m;
    m.method = "cg";
    m.ftol = 1e-10;
    const auto r = minimize(s, m);
    if (!r.converged) throw Error(fmt::format("{}: --minimize did not converge (max |F| = {:.3g})", label, r.fmax));
  }
  s.compute_forces();
  const double fmax = max_force(s.particles());
  if (needs_is && fmax > opt.ftol)
    throw Error(fmt::format("{}: modes and elastic constants need an inherent structure, but max |F| = {:.3g} > {:.3g} "
                            "(add --minimize, or raise --ftol)", label, fmax, opt.ftol));
  const Particles& p = s.particles();
  const Box& box = s.box();
  const int ntypes = s.potential->type_count();
  AnalyzeReport report;
  auto& files = report.files;
  json& j = report.summary;
  j = {{"units", s.units.name}, {"n", p.size()}, {"volume", box.volume()}, {"max_force", fmax},
       {"pe_per_particle", s.last.energy / static_cast<double>(p.size())}};
  std::vector<std::string> pnames{"id", "type", "x", "y", "z"};
  std::vector<std::vector<double>> pcols(5);
  for (std::size_t i = 0; i < p.size(); ++i) {
    pcols[0].push_back(static_cast<double>(p.id[i]));
    pcols[1].push_back(p.type[i]);
    for (int a = 0; a < 3; ++a) pcols[2 + a].push_back(p.position[i][a]);
  }
  const Vec3 w = box.perpendicular_widths();
  const double r_max = opt.r_max > 0 ? opt.r_max : std::min(5.0, 0.49 * std::min({w.x, w.y, w.z}));

  std::optional<Rdf> rdf;
  if (what.count("gr") || (what.count("q6") && opt.q_neighbors == "cutoff" && opt.q_cutoff <= 0)) {
    check_allocation(fmt::format("--bins {}", opt.bins), static_cast<double>(opt.bins), 8.0 * (3.0 * ntypes * ntypes + 4.0),
                     "g(r) bins");
    rdf.emplace(opt.bins, r_max);
    rdf->compute(box, p.position, p.type, ntypes);
    // No pair inside r_max: g(r) would be all zeros with a "first peak" at the first bin — refuse instead.
    const auto g = rdf->g();
    if (std::none_of(g.begin(), g.end(), [](double v) { return v > 0; }))
      throw Error(fmt::format("{}: g(r): no pair of atoms closer than r_max = {:.4g} ({} atoms in {:.4g} {}^3): too dilute "
                              "for a pair distribution; raise --rmax", label, r_max, p.size(), box.volume(),
                              s.units.length));
  }
  if (what.count("gr")) {
    std::vector<std::string> names{"r", "g"};
    std::vector<std::vector<double>> cols{rdf->bin_centers(), rdf->g()};
    json coordination;
    const auto kmin = static_cast<std::size_t>(rdf->first_minimum() / (r_max / static_cast<double>(opt.bins)));
    for (int a = 1; a <= ntypes; ++a)
      for (int b = 1; b <= ntypes; ++b) {
        if (b >= a) names.push_back(fmt::format("g_{}{}", a, b)), cols.push_back(rdf->g(a, b));
        coordination[fmt::format("{}-{}", a, b)] = rdf->coordination(a, b)[std::min(kmin, opt.bins - 1)];
      }
    files.emplace_back("gr.csv", curves_csv(names, cols));
    j["gr"] = {{"r_max", r_max}, {"bins", opt.bins}, {"first_peak", rdf->first_peak()},
               {"first_minimum", rdf->first_minimum()}, {"coordination_at_first_minimum", coordination}, {"csv", "gr.csv"}};
  }
  if (what.count("sq")) {
    if (opt.sq_method != "direct" && opt.sq_method != "fft")
      throw Error(fmt::format("--sq-method: '{}' is not direct or fft", opt.sq_method));
    check_allocation(fmt::format("--qbins {}", opt.q_bins), static_cast<double>(opt.q_bins),
                     8.0 * (ntypes * ntypes + 6.0), "S(q) bins");
    StructureFactor sq(opt.q_bins, opt.q_max,
                       opt.sq_method == "fft" ? StructureFactor::Method::Fft : StructureFactor::Method::Direct,
                       opt.fft_grid);
    try {
      sq.compute(box, p.position, p.type, ntypes);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", label, e.what()));
    }
    std::vector<std::string> names{"q", "vectors", "S"};
    std::vector<std::vector<double>> cols{sq.bin_centers(), sq.vector_counts(), sq.s()};
    for (int a = 1; a <= ntypes; ++a)
      for (int b = a; b <= ntypes; ++b) names.push_back(fmt::format("S_{}{}", a, b)), cols.push_back(sq.s(a, b));
    if (ntypes == 2)
      for (const char* c : {"NN", "CC", "NC"}) names.push_back(fmt::format("S_{}", c)), cols.push_back(sq.bhatia_thornton(c));
    // Bins below the smallest wave vector of the box (2 pi / L) hold no vectors, hence no S(q): left out of the CSV.
    const std::vector<double> counts = sq.vector_counts();
    for (auto& c : cols) {
      std::vector<double> kept;
      for (std::size_t k = 0; k < c.size(); ++k)
        if (counts[k] > 0) kept.push_back(c[k]);
      c = std::move(kept);
    }
    files.emplace_back("sq.csv", curves_csv(names, cols));
    j["sq"] = {{"method", opt.sq_method}, {"q_max", opt.q_max}, {"first_peak", sq.first_peak()}, {"csv", "sq.csv"}};
  }
  std::optional<Voronoi> vor;
  std::string radii_label = "sigma_ii/2 (radical)";
  if (what.count("voronoi") || (what.count("q6") && opt.q_neighbors == "voronoi")) {
    const auto radii = voronoi_radii(*s.potential, p);
    radii_label = radii.label;
    vor.emplace(opt.face_threshold);
    try {
      vor->compute(box, p.position, radii.radii);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", label, e.what()));
    }
  }
  if (what.count("voronoi")) {
    json ico, top = json::array();
    for (int t = 1; t <= ntypes; ++t) ico[std::to_string(t)] = icosahedral_fraction(vor->indices(), p.type, t);
    for (const auto& [index, f] : top_indices(vor->indices(), 10)) top.push_back({index, f});
    j["voronoi"] = {{"volume_sum", vor->volume_sum()}, {"box_volume", box.volume()}, {"radii", radii_label},
                    {"face_area_threshold", opt.face_threshold}, {"icosahedral_fraction", ico}, {"top_indices", top}};
    pnames.insert(pnames.end(), {"voronoi_volume", "n3", "n4", "n5", "n6"});
    pcols.emplace_back(vor->volumes());
    for (int e = 0; e < 4; ++e) {
      pcols.emplace_back();
      for (const auto& idx : vor->indices()) pcols.back().push_back(idx.n[e]);
    }
  }
  if (what.count("q6")) {
    Steinhardt st({4, 6}, opt.q_neighbors == "voronoi");
    json neighbours;
    if (opt.q_neighbors == "voronoi") {
      st.compute(vor->neighbors());
      neighbours = "voronoi faces, area-weighted";
    } else if (opt.q_neighbors == "cutoff") {
      const double rc = opt.q_cutoff > 0 ? opt.q_cutoff : rdf->first_minimum();
      st.compute(neighbors_within(box, p.position, rc));
      neighbours = fmt::format("cutoff {:.6g}", rc);
    } else {
      throw Error(fmt::format("--q-neighbors: '{}' is not cutoff or voronoi", opt.q_neighbors));
    }
    double w6 = 0;
    for (double x : st.wl(6)) w6 += x;
    j["q6"] = {{"mean", st.mean_ql(6)}, {"q4_mean", st.mean_ql(4)}, {"w6_mean", w6 / static_cast<double>(p.size())},
               {"neighbors", neighbours}};
    pnames.insert(pnames.end(), {"q4", "q6", "w4", "w6"});
    for (int l : {4, 6}) pcols.push_back(st.ql(l));
    for (int l : {4, 6}) pcols.push_back(st.wl(l));
  }
  if (what.count("modes")) {
    HessianModes modes(opt.modes, opt.soft_modes);
    modes.compute(*s.potential, p, box);
    std::vector<double> index;
    for (int m = 0; m < opt.modes; ++m) index.push_back(m + 1);
    files.emplace_back("modes.csv", curves_csv({"mode", "omega2", "participation_ratio"},
                                               {index, modes.eigenvalues(), modes.participation_ratios()}));
    j["modes"] = {{"eigenvalues", modes.eigenvalues()}, {"zero_modes", modes.zero_modes()},
                  {"participation_ratios", modes.participation_ratios()}, {"soft_spot_modes", opt.soft_modes},
                  {"mass_weighted", true}, {"csv", "modes.csv"}, {"seconds", timing_json(modes.timing())}};
    pnames.push_back("soft_spot");
    pcols.push_back(modes.soft_spot_field());
  }
  if (what.count("elastic")) {
    ElasticConstants ec;
    ec.compute(*s.potential, p, box);
    j["elastic"] = {{"voigt_order", "xx yy zz xy xz yz"}, {"C", ec.constants()}, {"born", ec.born()},
                    {"stress", ec.stress()}, {"shear_modulus_xy", ec.shear_modulus_xy()},
                    {"affine_shear_modulus_xy", ec.affine_shear_modulus_xy()}, {"bulk_modulus", ec.bulk_modulus()},
                    {"shear_modulus_voigt_average", ec.shear_modulus()}, {"seconds", timing_json(ec.timing())}};
  }
  if (what.count("softness")) {
    if (opt.softness_model.empty())
      throw Error(fmt::format("{}: the softness analysis needs a model file (--softness-model, or softness_model in a recipe)", label));
    const SoftnessModel m = read_softness_model(opt.softness_model);
    check_model_fits(m, opt.softness_model, s.cfg, s.units.name, label);
    const std::vector<double> soft = predict_softness(m, s.cfg);
    json types = json::array();
    for (int t = 1; t <= m.type_count; ++t) {
      double sum = 0;
      std::size_t n = 0, positive = 0;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (p.type[i] == t && !std::isnan(soft[i])) sum += soft[i], ++n, positive += soft[i] > 0;
      types.push_back({{"type", t}, {"particles", n},
                       {"mean", n ? json(sum / static_cast<double>(n)) : json(nullptr)},
                       {"fraction_soft", n ? json(static_cast<double>(positive) / static_cast<double>(n)) : json(nullptr)}});
    }
    j["softness"] = {{"model", opt.softness_model}, {"types", types}, {"column", "softness (particles.csv; nan: no hyperplane)"}};
    pnames.push_back("softness");
    pcols.push_back(soft);
  }
  files.emplace_back("particles.csv", curves_csv(pnames, pcols));
  return report;
}

std::string analyze_text(const nlohmann::json& j) {
  std::string out;
  if (j.contains("gr"))
    out += fmt::format("g(r)     first peak {:.4f}, first minimum {:.4f}\n", j["gr"]["first_peak"].get<double>(),
                       j["gr"]["first_minimum"].get<double>());
  if (j.contains("sq")) out += fmt::format("S(q)     first peak {:.4f}\n", j["sq"]["first_peak"].get<double>());
  if (j.contains("voronoi"))
    out += fmt::format("voronoi  volume sum / box = {:.12f}; icosahedral fraction {}; top {}\n",
                       j["voronoi"]["volume_sum"].get<double>() / j["voronoi"]["box_volume"].get<double>(),
                       j["voronoi"]["icosahedral_fraction"].dump(), j["voronoi"]["top_indices"][0].dump());
  if (j.contains("q6"))
    out += fmt::format("q6       mean {:.4f} ({})\n", j["q6"]["mean"].get<double>(), j["q6"]["neighbors"].get<std::string>());
  if (j.contains("modes"))
    out += fmt::format("modes    lowest omega^2 {:.5g}, its participation ratio {:.3f}\n",
                       j["modes"]["eigenvalues"][0].get<double>(), j["modes"]["participation_ratios"][0].get<double>());
  if (j.contains("elastic"))
    out += fmt::format("elastic  G_xy = {:.5f} (affine {:.5f}), K = {:.5f}\n", j["elastic"]["shear_modulus_xy"].get<double>(),
                       j["elastic"]["affine_shear_modulus_xy"].get<double>(), j["elastic"]["bulk_modulus"].get<double>());
  if (j.contains("softness"))
    for (const auto& t : j["softness"]["types"])
      if (t["particles"].get<std::size_t>() > 0)
        out += fmt::format("softness type {}: mean S {:.4f}, S > 0 for {:.1f} %\n", t["type"].get<int>(),
                           t["mean"].get<double>(), 100 * t["fraction_soft"].get<double>());
  return out;
}

}  // namespace vitrum::analysis
