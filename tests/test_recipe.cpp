// Recipes: the default parses; bad recipes (unknown key, missing file, negative dt, T <= 0 with a
// thermostat, ...) stop with a message naming the file, line and key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "test_helpers.hpp"
#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/protocol/md_stage.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/am/lpbf_recipe.hpp"
#include "vitrum/continuum/stz_recipe.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"
#include "vitrum/meso/epm_recipe.hpp"
#include "vitrum/meso/seep_recipe.hpp"

namespace vitrum {
namespace {

const char* kGood = R"([system]
read = "glass.data"
potential = "kob-andersen"
seed = 1
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 0.8
dt = 0.005
steps = 100000
equilibrate = 40000
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return s.replace(p, from.size(), to);
}

TEST(Recipe, IssueRecipeParsesExactlyAsWritten) {
  const Recipe r = parse_recipe(kGood, "good.toml", "/data");
  ASSERT_EQ(r.stages.size(), 1u);
  EXPECT_EQ(r.system.read, std::filesystem::path("/data/glass.data"));
  const MdStage& md = r.stages[0].as<MdStage>();
  EXPECT_EQ(md.steps, 100000);
  EXPECT_EQ(md.equilibrate, 40000);
  EXPECT_EQ(md.integrator.thermostat, "nose-hoover");
  EXPECT_DOUBLE_EQ(md.t_start, 0.8);
}

// `vitrum run --seed`: the override reaches everything that derives from [system] seed, and a checkpoint of
// one seed does not resume a run of another (the hash differs).
TEST(Recipe, SeedOverrideReachesStagesAndGenerator) {
  const Recipe plain = parse_recipe(kGood, "good.toml", "/data");
  const Recipe over = parse_recipe(kGood, "good.toml", "/data", 41u);
  EXPECT_EQ(plain.stages[0].as<MdStage>().integrator.seed, 1u);
  EXPECT_EQ(over.system.seed, 41u);
  EXPECT_EQ(over.stages[0].as<MdStage>().integrator.seed, 41u);
  EXPECT_NE(over.hash, plain.hash);
  const Recipe def = parse_recipe(default_recipe_text(), "<default>", ".", 7u);
  EXPECT_EQ(def.system.generate.seed, 7u);
  EXPECT_EQ(def.stages[2].as<MdStage>().integrator.seed, 9u);
}

TEST(Recipe, DefaultRecipeParses) {
  const Recipe r = parse_recipe(default_recipe_text(), "<default>", ".");
  EXPECT_EQ(r.system.generate.n, 1500u);
  EXPECT_EQ(r.stages.size(), 8u);
  EXPECT_EQ(r.stages[2].as<MdStage>().steps, 4000);  // (0.25 - 0.05) / (0.01 * 0.005)
  EXPECT_EQ(r.stages[4].kind, "aqs");
  EXPECT_EQ(r.stages[5].start, "liquid");
  EXPECT_EQ(r.stages[7].kind, "aqs");
}

TEST(Recipe, UnknownKeyNamesKeyTableAndLine) {
  const auto msg = test::recipe_error(replace(kGood, "temperature = 0.8", "temprature = 0.8"));
  EXPECT_NE(msg.find("bad.toml:8: unknown key 'temprature' in [stage[1]]"), std::string::npos) << msg;
}

TEST(Recipe, UnknownKeyInSystem) {
  const auto msg = test::recipe_error(replace(kGood, "seed = 1", "sead = 1"));
  EXPECT_NE(msg.find("unknown key 'sead' in [system]"), std::string::npos) << msg;
}

TEST(Recipe, ReplicateCounts) {
  EXPECT_EQ(parse_recipe(replace(kGood, "seed = 1", "seed = 1\nreplicate = [2, 1, 3]"), "ok.toml", ".").system.replicate,
            (Int3{2, 1, 3}));
  for (const char* r : {"replicate = [2, 2]", "replicate = [2, 0, 1]", "replicate = [1.5, 1, 1]"}) {
    const auto msg = test::recipe_error(replace(kGood, "seed = 1", std::string("seed = 1\n") + r));
    EXPECT_NE(msg.find("replicate"), std::string::npos) << msg;
  }
}

TEST(Recipe, NegativeTimeStep) {
  const auto msg = test::recipe_error(replace(kGood, "dt = 0.005", "dt = -0.005"));
  EXPECT_NE(msg.find("bad.toml:9: [stage[1]] dt: must be positive"), std::string::npos) << msg;
}

TEST(Recipe, NonPositiveTemperatureWithThermostat) {
  for (const char* t : {"temperature = 0", "temperature = -1.0", "temperature = [1.0, 0.0]"}) {
    const auto msg = test::recipe_error(replace(kGood, "temperature = 0.8", t));
    EXPECT_NE(msg.find("temperature: must be > 0"), std::string::npos) << msg;
  }
  const auto missing = test::recipe_error(replace(kGood, "temperature = 0.8\n", ""));
  EXPECT_NE(missing.find("temperature: required for ensemble 'nvt'"), std::string::npos) << missing;
}

TEST(Recipe, OtherMistakes) {
  EXPECT_NE(test::recipe_error(replace(kGood, "ensemble = \"nvt\"", "ensemble = \"nvx\"")).find("unknown ensemble 'nvx'"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(replace(kGood, "equilibrate = 40000", "equilibrate = 100000")).find("equilibrate"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(replace(kGood, "kind = \"md\"", "kind = \"mdd\"")).find("unknown stage kind 'mdd'"),
            std::string::npos);
  EXPECT_NE(test::recipe_error(replace(kGood, "steps = 100000", "steps = \"many\"")).find("steps: expected an integer"),
            std::string::npos);
  EXPECT_NE(test::recipe_error("[system\n").find("bad.toml:1"), std::string::npos);
  EXPECT_NE(test::recipe_error(replace(kGood, "[[stage]]", "[[stage]]\nstart = \"nowhere\"")).find("no earlier stage is named"),
            std::string::npos);
}

TEST(Recipe, MissingConfigurationFileIsReportedByRun) {
  const auto dir = std::filesystem::temp_directory_path() / ("vitrum_recipe_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "r.toml") << kGood;
  const auto r = test::run_command(std::string(VITRUM_BINARY) + " run " + (dir / "r.toml").string() + " --out " +
                                   (dir / "out").string());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("glass.data: cannot open file for reading"), std::string::npos) << r.output;
}

TEST(Recipe, MissingRecipeFile) {
  const auto r = test::run_command(std::string(VITRUM_BINARY) + " run /nonexistent/recipe.toml");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/recipe.toml: cannot open recipe for reading"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace vitrum

namespace vitrum {
namespace {

// Stratified diameters: every seed gives the same multiset, the model's quantiles (k + 1/2)/n, in a different
// order; independent draws give another multiset per seed. The recipe key reaches the generator, and a model
// without diameters refuses it with the recipe line.
TEST(Recipe, StratifiedDiametersAreTheModelsQuantiles) {
  const ModelSpec& model = find_model("polydisperse-ss");
  auto diameters = [&](std::uint32_t seed, GenerateOptions::Diameters how) {
    GenerateOptions g;
    g.n = 200;
    g.seed = seed;
    g.diameters = how;
    return generate_configuration(model, g).particles.diameter;
  };
  const auto a = diameters(1, GenerateOptions::Diameters::stratified);
  const auto b = diameters(2, GenerateOptions::Diameters::stratified);
  EXPECT_NE(a, b);  // a different order
  auto sa = a, sb = b;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  EXPECT_EQ(sa, sb);
  for (std::size_t k = 0; k < sa.size(); ++k) EXPECT_DOUBLE_EQ(sa[k], model.diameter_quantile((k + 0.5) / 200.0)) << k;
  auto ra = diameters(1, GenerateOptions::Diameters::random), rb = diameters(2, GenerateOptions::Diameters::random);
  std::sort(ra.begin(), ra.end());
  std::sort(rb.begin(), rb.end());
  EXPECT_NE(ra, rb);

  const std::string poly = "[system]\ngenerate = { model = \"polydisperse-ss\", n = 300, diameters = \"stratified\" }\n"
                           "potential = \"polydisperse-ss\"\n[[stage]]\nkind = \"minimize\"\n";
  EXPECT_EQ(parse_recipe(poly, "poly.toml", ".").system.generate.diameters, GenerateOptions::Diameters::stratified);
  const auto ka = test::recipe_error(
      "[system]\ngenerate = { model = \"kob-andersen\", n = 300, diameters = \"stratified\" }\npotential = "
      "\"kob-andersen\"\n[[stage]]\nkind = \"minimize\"\n");
  EXPECT_NE(ka.find("bad.toml:2:"), std::string::npos) << ka;
  EXPECT_NE(ka.find("'kob-andersen' has no per-particle diameters"), std::string::npos) << ka;
  const auto typo = test::recipe_error(
      "[system]\ngenerate = { model = \"polydisperse-ss\", n = 300, diameters = \"even\" }\npotential = "
      "\"polydisperse-ss\"\n[[stage]]\nkind = \"minimize\"\n");
  EXPECT_NE(typo.find("unknown 'even' (known: random, stratified)"), std::string::npos) << typo;
}

// potential = { style = "lj/cut", ... } with the Kob-Andersen coefficients is the built-in kob-andersen model:
// the same energy and virial on one configuration (cut-offs 2.5 sigma of each pair, shifted).
TEST(Recipe, LennardJonesMixtureEqualsTheBuiltInModel) {
  GenerateOptions g;
  g.n = 500;
  g.seed = 2;
  const Configuration cfg = generate_configuration(find_model("kob-andersen"), g);
  PotentialSpec lj("lj/cut");
  lj.epsilon = {1.0, 1.5, 0.5};
  lj.sigma = {1.0, 0.8, 0.88};
  System a = make_system(cfg, "kob-andersen", "ka");
  System b = make_system(cfg, lj, "lj/cut");
  EXPECT_NEAR(a.last.energy, b.last.energy, 1e-12 * std::abs(a.last.energy));
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(a.last.virial[k], b.last.virial[k], 1e-10 * std::abs(a.last.virial[0]));
  EXPECT_EQ(lj.units().name, "lj");
  lj.sigma = {1.0, 0.8};
  EXPECT_THROW((void)make_potential(lj), Error);
}

// Every recipe shipped in recipes/ parses with its command's reader (a stage kind, key or table renamed without
// updating them fails here); a new file must be added to this table, so none goes unchecked.
TEST(Recipe, EveryShippedRecipeParses) {
  using Reader = void (*)(const std::filesystem::path&);
  const std::map<std::string, Reader> readers = {
      {"run", [](const std::filesystem::path& f) { (void)read_recipe(f); }},
      {"epm", [](const std::filesystem::path& f) { (void)meso::read_epm_recipe(f); }},
      {"seep", [](const std::filesystem::path& f) { (void)meso::read_seep_recipe(f); }},
      {"stz", [](const std::filesystem::path& f) { (void)continuum::read_stz_recipe(f); }},
      {"ttt", [](const std::filesystem::path& f) { (void)gfa::read_ttt_recipe(f); }},
      {"lpbf", [](const std::filesystem::path& f) { (void)am::read_lpbf_recipe(f); }},
  };
  const std::map<std::string, std::string> command = {
      {"aqs-ka.toml", "run"},           {"cuzr-glass.toml", "run"},        {"ka-cooling-rates.toml", "run"},
      {"multiscale-band.toml", "run"},  {"swap-poly.toml", "run"},         {"swap-poly-ladder.toml", "run"},
      {"swap-poly-t070.toml", "run"},    {"indent-ka.toml", "run"},         {"indent-fcc.toml", "run"},
      {"lammps-ka-million.toml", "run"},
      {"epm-2d.toml", "epm"},           {"epm-2d-quasistatic.toml", "epm"}, {"epm-annealing.toml", "epm"},
      {"epm-flow-curve.toml", "epm"},   {"stz-vit1.toml", "stz"},          {"ttt_vit1.toml", "ttt"},
      {"ttt_amz4.toml", "ttt"},         {"ttt_pd40ni40p20.toml", "ttt"},   {"lpbf-amz4.toml", "lpbf"},
      {"lpbf-vit1.toml", "lpbf"},       {"fatigue-poly.toml", "run"},      {"liquid-ka.toml", "run"},
      {"softness-ka.toml", "run"},      {"soft-spots-ka.toml", "run"},     {"step-swap-glass.toml", "epm"},
      {"liquid-cuzr.toml", "run"},
      {"aging-ka.toml", "run"},
      {"seep-poly.toml", "seep"},
  };
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(VITRUM_SOURCE_DIR) / "recipes")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".toml") continue;
    const auto it = command.find(name);
    ASSERT_NE(it, command.end()) << "recipes/" << name << ": add it to this test's table (which command reads it)";
    EXPECT_NO_THROW(readers.at(it->second)(entry.path())) << "recipes/" << name;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(command.size())) << "a recipe in the table is missing from recipes/";
}

}  // namespace
}  // namespace vitrum
