#include "vitrum/atomistic/protocol/local_yield_stage.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/progress.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

std::filesystem::path local_yield_file_name(int stage_number) { return fmt::format("stage{}-local_yield.csv", stage_number); }

std::unique_ptr<Stage> parse_local_yield_stage(RecipeTable& t, const StageParseContext& c) {
  auto s = std::make_unique<LocalYieldStage>();
  LocalYieldOptions& o = s->options;
  // Lengths and stresses in the recipe's units; the length default is 3 σ, or 7.5 Å (three nearest-neighbour
  // distances of a metallic glass) in metal units.
  const double ell = c.units.is_metal() ? 2.5 : 1.0;
  o.inner_radius = t.get_double("inner_radius", 3.0 * ell);
  if (!(o.inner_radius > 0) || !std::isfinite(o.inner_radius)) t.fail("inner_radius", "must be positive (a length)");
  o.dgamma = t.get_double("dgamma", o.dgamma);
  if (!(o.dgamma > 0) || !(o.dgamma <= 0.01)) t.fail("dgamma", fmt::format("must be in (0, 0.01] (a strain step), got {}", o.dgamma));
  o.gamma_max = t.get_double("gamma_max", o.gamma_max);
  if (!(o.gamma_max >= o.dgamma) || !(o.gamma_max <= 1))
    t.fail("gamma_max", fmt::format("must be in [dgamma, 1], got {}", o.gamma_max));
  o.drop_threshold = c.units.pressure_in(t.get_double("drop_threshold", c.units.pressure_out(o.drop_threshold)));
  if (!(o.drop_threshold > 0) || !std::isfinite(o.drop_threshold))
    t.fail("drop_threshold", "must be positive (a fall of the local stress that ends the loading)");
  const std::string dir = t.get_string("direction", "+xy");
  if (dir != "+xy" && dir != "-xy") t.fail("direction", fmt::format("must be \"+xy\" or \"-xy\", got \"{}\"", dir));
  o.direction = dir == "+xy" ? 1 : -1;
  const auto g = t.get_doubles("grid", {4, 4, 4});
  if (g.size() != 3) t.fail("grid", "must be three site counts [nx, ny, nz]");
  for (int a = 0; a < 3; ++a) {
    if (!(g[a] >= 1 && g[a] <= 64) || g[a] != std::floor(g[a])) t.fail("grid", "site counts must be whole numbers in 1..64");
    s->grid[a] = static_cast<int>(g[a]);
  }
  parse_minimizer_keys(t, o.minimize, "cg");
  return s;
}

StageResult LocalYieldStage::run(StageContext& ctx) const {
  std::vector<LocalYieldSite> out;
  std::int64_t done = 0;  // sites finished, in grid order
  const StageFields fields = [&](Archive& ar) {
    ar(done);
    ar(out);
  };
  if (ctx.fresh()) {
    ctx.begin();
  } else {
    ctx.restore(fields);
    fmt::print(stderr, "{}: resuming after site {} of {}\n", ctx.label, done, out.size());
  }
  // The stage never changes ctx.sys, so a resumed run sees the state the stage started from.
  System base = ctx.sys.copy();
  std::array<int, 3> n = grid;
  if (base.dimension() == 2) n[2] = 1;
  std::vector<Vec3> sites = site_grid(base.box(), n);
  if (base.dimension() == 2)
    for (Vec3& c : sites) c.z = base.cfg.particles.position.front().z;
  if (out.empty()) out.resize(sites.size());
  if (out.size() != sites.size()) throw Error(fmt::format("{}: the checkpoint holds {} sites, the grid {}", ctx.label, out.size(), sites.size()));
  // Sites in parallel, each on its own copy with one thread inside, one site per thread between signal checks and
  // checkpoints (a resumed run loses at most the chunk in flight). A site's result does not depend on the thread.
  const int nthreads = std::max(1, omp_get_max_threads());
  Progress progress(ctx.label, static_cast<std::int64_t>(sites.size()), done);
  while (done < static_cast<std::int64_t>(sites.size())) {
    ctx.step = done;
    ctx.poll(fields, ctx.output.checkpoint_every > 0 && done > 0);
    const std::size_t k0 = static_cast<std::size_t>(done);
    const std::size_t k1 = std::min(sites.size(), k0 + static_cast<std::size_t>(nthreads));
    std::string failure;
#pragma omp parallel for num_threads(nthreads) schedule(dynamic, 1)
    for (std::size_t k = k0; k < k1; ++k) {
      try {
        out[k] = local_yield(base, sites[k], options);
      } catch (const std::exception& e) {
#pragma omp critical
        if (failure.empty()) failure = e.what();
      }
    }
    if (!failure.empty()) throw Error(fmt::format("{}: {}", ctx.label, failure));
    done = static_cast<std::int64_t>(k1);
    progress.update(done);
  }
  ctx.step = done;
  progress.finish();

  const UnitSystem& u = ctx.sys.units;
  const auto file = local_yield_file_name(ctx.number);
  {
    std::ofstream f(ctx.out_dir / file);
    if (!f) throw Error(fmt::format("cannot write {}", (ctx.out_dir / file).string()));
    f << "site,x,y,z,inner,tau0,tau_c,delta_tau,gamma_c,stress_drop,yielded,converged,force_evaluations\n";
    for (std::size_t k = 0; k < out.size(); ++k) {
      const LocalYieldSite& s = out[k];
      f << fmt::format("{},{:.10g},{:.10g},{:.10g},{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{},{},{}\n", k, s.center.x,
                       s.center.y, s.center.z, s.inner, u.pressure_out(s.tau0), u.pressure_out(s.tau_c),
                       u.pressure_out(s.delta_tau), s.gamma_c, u.pressure_out(s.stress_drop), s.yielded ? 1 : 0,
                       s.converged ? 1 : 0, s.force_evaluations);
    }
  }
  std::vector<double> dt;
  std::size_t yielded = 0, unconverged = 0, inner = 0;
  std::int64_t evaluations = 0;
  for (const LocalYieldSite& s : out) {
    if (s.yielded) {
      ++yielded;
      dt.push_back(u.pressure_out(s.delta_tau));
    }
    if (!s.converged) ++unconverged;
    inner += s.inner;
    evaluations += s.force_evaluations;
  }
  std::sort(dt.begin(), dt.end());
  double mean = 0, sd = 0;
  for (double v : dt) mean += v / static_cast<double>(dt.size());
  for (double v : dt) sd += (v - mean) * (v - mean) / std::max<double>(1.0, static_cast<double>(dt.size()) - 1.0);
  sd = std::sqrt(sd);
  const double wall = ctx.elapsed();
  const double mean_inner = static_cast<double>(inner) / static_cast<double>(out.size());
  if (dt.empty())
    fmt::print(stderr, "{}: local yield stress at {} sites (R_in = {:.4g}, {:.0f} particles a region): none yielded up to "
               "gamma_max = {:.4g} -> {} ({:.1f} s)\n", ctx.label, out.size(), options.inner_radius, mean_inner,
               options.gamma_max, file.string(), wall);
  else
    fmt::print(stderr, "{}: local yield stress at {} sites ({} yielded, R_in = {:.4g}, {:.0f} particles a region): "
               "mean {:.5g}, sd {:.5g}, min {:.5g} -> {} ({:.1f} s)\n", ctx.label, out.size(), yielded,
               options.inner_radius, mean_inner, mean, sd, dt.front(), file.string(), wall);
  if (unconverged > 0)
    fmt::print(stderr, "{}: warning: {} sites had a minimisation that did not reach ftol (column `converged`)\n",
               ctx.label, unconverged);
  nlohmann::json r = {{"kind", "local_yield"},
                      {"file", file.string()},
                      {"sites", out.size()},
                      {"grid", n},
                      {"inner_radius", options.inner_radius},
                      {"mean_inner_particles", mean_inner},
                      {"direction", options.direction > 0 ? "+xy" : "-xy"},
                      {"dgamma", options.dgamma},
                      {"gamma_max", options.gamma_max},
                      {"drop_threshold", u.pressure_out(options.drop_threshold)},
                      {"ftol", options.minimize.ftol},
                      {"method", options.minimize.method},
                      {"yielded", yielded},
                      {"unconverged_sites", unconverged},
                      {"force_evaluations", evaluations},
                      {"final", final_state_json(ctx.sys)},
                      {"wall_seconds", wall}};
  if (!dt.empty()) {
    r["delta_tau_mean"] = mean;
    r["delta_tau_sd"] = sd;
    r["delta_tau_min"] = dt.front();
    r["delta_tau_median"] = dt[dt.size() / 2];
    r["delta_tau_max"] = dt.back();
  }
  return r;
}

}  // namespace vitrum
