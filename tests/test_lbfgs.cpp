// L-BFGS minimiser: the same inherent structure as CG (energy, positions) with no more force evaluations,
// LAMMPS's e_IS on the stored N = 4000 glass, continuous unwrapped positions across list rebuilds, and an
// AQS elastic branch identical to CG's before the first event; the recipe parsers accept it.
#include <gtest/gtest.h>

#include "vitrum/atomistic/protocol/aqs_stage.hpp"
#include "vitrum/atomistic/protocol/minimize_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_helpers.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum {
namespace {

using test::copy_of;

// An instantly quenched KA glass, N = 500, CG to 1e-10 (made once).
const System& ka_glass_cg() {
  static const System glass = [] {
    System s = make_system(test::random_configuration("kob-andersen", 500, 7, 0.0), "kob-andersen", "ka500");
    EXPECT_TRUE(minimize(s, {.method = "cg", .ftol = 1e-10}).converged);
    return s;
  }();
  return glass;
}

// The glass displaced by a deterministic pseudo-random field of amplitude `amp` per component.
System perturbed_glass(double amp) {
  System s = copy_of(ka_glass_cg());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double k = static_cast<double>(i);
    s.particles().position[i] += Vec3{std::sin(12.9898 * k), std::sin(78.233 * k + 1), std::sin(37.719 * k + 2)} * amp;
  }
  return s;
}

double max_unwrapped_distance(const System& a, const System& b) {
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Vec3 ra = a.cfg.box.unwrap(a.cfg.particles.position[i], a.cfg.particles.image[i]);
    const Vec3 rb = b.cfg.box.unwrap(b.cfg.particles.position[i], b.cfg.particles.image[i]);
    worst = std::max(worst, norm(ra - rb));
  }
  return worst;
}

// Displaced inside the basin of the glass's minimum (and, separately, sheared affinely by 1e-4 as in
// an AQS step): L-BFGS and CG stop in the same minimum, and L-BFGS needs fewer force evaluations.
TEST(Lbfgs, ReachesTheSameMinimumAsCgWithFewerForceEvaluations) {
  for (const int start : {0, 1}) {
    auto make = [&] {
      if (start == 0) return perturbed_glass(0.02);
      System s = copy_of(ka_glass_cg());
      affine_shear(s, 1e-4);
      return s;
    };
    System cg = make(), lb = make();
    const MinimizeResult rc = minimize(cg, {.method = "cg", .ftol = 1e-10});
    const MinimizeResult rl = minimize(lb, {.method = "lbfgs", .ftol = 1e-10});
    ASSERT_TRUE(rc.converged);
    ASSERT_TRUE(rl.converged) << "fmax " << rl.fmax;
    EXPECT_LT(rl.fmax, 1e-10);
    EXPECT_NEAR(rl.energy, rc.energy, 1e-10 * std::abs(rc.energy)) << "start " << start;
    EXPECT_LT(max_unwrapped_distance(cg, lb), 1e-8) << "start " << start;
    EXPECT_LT(rl.force_evaluations, rc.force_evaluations) << "start " << start;
    std::cout << "start " << start << ": force evaluations cg " << rc.force_evaluations << ", lbfgs "
              << rl.force_evaluations << "\n";
  }
}

// The stored N = 4000 KA glass (pre-relaxed to 1e-2): the e_IS of LAMMPS's CG to 1e-8 relative, in fewer
// force evaluations than LAMMPS's CG took (674, tests/data/md/minimize_reference.json).
TEST(Lbfgs, ReachesLammpsInherentStructure) {
  std::ifstream in(test::data_dir() / "md" / "minimize_reference.json");
  const auto ref = nlohmann::json::parse(in);
  System s = make_system(read_configuration(test::data_dir() / "md" / "ka4000_glass_prerelaxed.data"), "kob-andersen",
                         "glass");
  const MinimizeResult r = minimize(s, {.method = "lbfgs", .ftol = 1e-10});
  EXPECT_TRUE(r.converged);
  const double lammps = ref["cg"]["e_is_per_particle"].get<double>();
  EXPECT_NEAR(r.energy / static_cast<double>(s.size()), lammps, 1e-8 * std::abs(lammps));
  EXPECT_LT(r.force_evaluations, ref["cg"]["force_evaluations"].get<std::int64_t>());
  std::cout << "force evaluations: lbfgs " << r.force_evaluations << ", LAMMPS cg "
            << ref["cg"]["force_evaluations"].get<std::int64_t>() << "\n";
}

// From a random (hot) start the minimiser moves atoms far, through many list rebuilds: unwrapped
// positions must follow the atoms (no jump by a box vector), and it still converges.
TEST(Lbfgs, KeepsUnwrappedPositionsContinuousThroughListRebuilds) {
  System s = make_system(test::random_configuration("kob-andersen", 500, 9, 0.2), "kob-andersen", "lbfgs-unwrap");
  const System before = copy_of(s);
  const MinimizeResult r = minimize(s, {.method = "lbfgs", .ftol = 1e-8});
  EXPECT_TRUE(r.converged) << "fmax " << r.fmax;
  ASSERT_GT(s.list.builds(), 1u) << "the test needs list rebuilds during the minimisation";
  EXPECT_LT(max_unwrapped_distance(s, before), 0.25 * s.cfg.box.lengths().y) << "a particle moved by a box vector";
  for (const auto& v : s.particles().velocity) ASSERT_EQ(norm2(v), 0.0);
}

// The AQS elastic branch before the first event: σ_xy and E/N with L-BFGS equal CG's. The window is short
// (γ ≤ 1e-3): this instantly quenched glass has soft two-level spots far below the drop threshold where
// any two minimisers may stop in adjacent minima (with Δγ = 2e-4 to 4e-3, steps 7, 11, 12 and 20 differed by
// up to 1.4e-3 in σ_xy, both on the force tolerance), as LAMMPS and vitrum's CG do (validation/aqs/README.md).
TEST(Lbfgs, AqsCurveEqualsCgBeforeTheFirstEvent) {
  auto curve = [](const std::string& method) {
    System s = copy_of(ka_glass_cg());
    AqsOptions o;
    o.dgamma = 1e-4;
    o.gamma_max = 1e-3;
    o.minimize.method = method;
    o.minimize.ftol = 1e-10;
    o.drop_threshold = 1e-3;
    o.refine = false;
    const AqsResult r = run_aqs(s, o);
    EXPECT_TRUE(r.converged) << method << ": worst fmax " << r.worst_fmax;
    return r;
  };
  const AqsResult cg = curve("cg"), lb = curve("lbfgs");
  ASSERT_EQ(cg.curve.size(), lb.curve.size());
  ASSERT_TRUE(cg.events.empty()) << "the window must end before the first event";
  double ds = 0, de = 0;
  for (std::size_t k = 0; k < cg.curve.size(); ++k) {
    ds = std::max(ds, std::abs(lb.curve[k].stress_xy - cg.curve[k].stress_xy));
    de = std::max(de, std::abs(lb.curve[k].pe_per_particle - cg.curve[k].pe_per_particle));
    EXPECT_NEAR(lb.curve[k].stress_xy, cg.curve[k].stress_xy, 1e-9) << "step " << k;
    EXPECT_NEAR(lb.curve[k].pe_per_particle, cg.curve[k].pe_per_particle, 1e-12 * std::abs(cg.curve[k].pe_per_particle))
        << "step " << k;
  }
  EXPECT_GT(cg.curve.back().stress_xy, cg.curve.front().stress_xy + 1e-3) << "the window must load the glass";
  std::int64_t f_cg = 0, f_lb = 0;
  for (std::size_t k = 1; k < cg.curve.size(); ++k) {
    f_cg += cg.curve[k].force_evaluations;
    f_lb += lb.curve[k].force_evaluations;
  }
  EXPECT_LT(f_lb, f_cg);
  std::cout << "max |Δσ_xy| " << ds << ", max |ΔE/N| " << de << "; force evaluations over the strain steps: cg " << f_cg
            << ", lbfgs " << f_lb << "\n";
}

TEST(Lbfgs, RecipesAcceptTheMethodAndNameItInErrors) {
  const std::string head = "[system]\ngenerate = { model = \"kob-andersen\", n = 100 }\npotential = \"kob-andersen\"\n";
  for (const char* kind : {"minimize", "aqs"}) {
    const std::string extra = std::string(kind) == "aqs" ? "dgamma = 1e-3\ngamma_max = 0.01\n" : "";
    EXPECT_EQ(test::recipe_error(head + "[[stage]]\nkind = \"" + kind + "\"\n" + extra + "method = \"lbfgs\"\n"), "")
        << kind;
    const std::string msg = test::recipe_error(head + "[[stage]]\nkind = \"" + kind + "\"\n" + extra + "method = \"bfgs\"\n");
    EXPECT_NE(msg.find("known: fire, cg, lbfgs"), std::string::npos) << msg;
  }
  EXPECT_NE(test::recipe_error(head + "[[stage]]\nkind = \"cyclic_aqs\"\namplitude = 0.01\ncycles = 1\nmethod = \"x\"\n")
                .find("lbfgs"),
            std::string::npos);
}

// `memory` sets the L-BFGS history; it is an error with another method or out of range.
TEST(Lbfgs, MemoryKeyIsReadAndChecked) {
  const std::string head = "[system]\ngenerate = { model = \"kob-andersen\", n = 100 }\npotential = \"kob-andersen\"\n";
  const Recipe r = parse_recipe(head + "[[stage]]\nkind = \"minimize\"\nmethod = \"lbfgs\"\nmemory = 5\n[[stage]]\nkind = \"aqs\"\n"
                                "gamma_max = 0.01\nmethod = \"lbfgs\"\nmemory = 12\n", "m.toml", ".");
  EXPECT_EQ(r.stages[0].as<MinimizeStage>().minimize.memory, 5);
  EXPECT_EQ(r.stages[1].as<AqsStage>().aqs.minimize.memory, 12);
  for (const std::string bad : {"method = \"cg\"\nmemory = 5\n", "method = \"lbfgs\"\nmemory = 0\n"}) {
    const std::string msg = test::recipe_error(head + "[[stage]]\nkind = \"aqs\"\ngamma_max = 0.01\n" + bad);
    EXPECT_NE(msg.find("memory"), std::string::npos) << msg;
    EXPECT_NE(msg.find("bad.toml"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace vitrum
