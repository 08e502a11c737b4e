// The `vitrum lpbf` recipe: the shipped AMZ4 recipe parses; bad input names the file and the key.
#include <gtest/gtest.h>

#include <string>

#include "vitrum/am/lpbf_recipe.hpp"
#include "vitrum/core/error.hpp"

using namespace vitrum::am;

namespace {
const std::string kRecipes = VITRUM_RECIPES;

std::string base() {
  return "units = \"SI\"\n[material]\nname = \"AMZ4\"\nkinetics = \"" + kRecipes + "/ttt_amz4.toml\"\n"
         "conductivity_W_per_m_K = 5.0\ndensity_kg_per_m3 = 6620\nspecific_heat_J_per_kg_K = 326\nambient_K = 300\n"
         "[laser]\npower_W = 90\nspeed_m_per_s = 2.0\nabsorptivity = 0.5\nspot_radius_um = 40\n"
         "[scan]\nhatch_um = 80\nlayer_thickness_um = 20\npad_side_mm = 2.0\ninterlayer_time_s = 10\n"
         "[build]\nlayers = 5\n";
}

std::string error_of(const std::string& text) {
  try {
    parse_lpbf_recipe(text, "bad.toml");
  } catch (const vitrum::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(AmLpbfRecipe, ShippedAmz4RecipeParses) {
  const auto r = read_lpbf_recipe(kRecipes + "/lpbf-amz4.toml");
  EXPECT_EQ(r.name, "AMZ4");
  EXPECT_DOUBLE_EQ(r.material.melting_k, r.kinetics.kinetics.liquidus_k);
  EXPECT_NEAR(r.scan.hatch_m, 80e-6, 1e-15);
  EXPECT_EQ(r.build.layers, 50);
  ASSERT_TRUE(r.has_map);
  EXPECT_EQ(r.map.powers_w.size(), 20u);
  EXPECT_DOUBLE_EQ(r.map.speeds_m_per_s.back(), 3.0);
  EXPECT_EQ(r.map.build.layers, 10);
  const auto j = r.to_json();
  EXPECT_EQ(j["laser"]["spot_radius_um"].get<double>(), 40.0);
}

TEST(AmLpbfRecipe, ShippedVit1RecipeTakesItsLiquidusFromItsKinetics) {
  const auto r = read_lpbf_recipe(kRecipes + "/lpbf-vit1.toml");
  EXPECT_EQ(r.name, "Vit1");
  EXPECT_DOUBLE_EQ(r.material.melting_k, 993.0);
  EXPECT_DOUBLE_EQ(r.kinetics.kinetics.glass_transition_k, 625.0);
}

TEST(AmLpbfRecipe, ErrorsNameTheFileAndTheKey) {
  EXPECT_NO_THROW(parse_lpbf_recipe(base(), "ok.toml"));
  auto has = [](const std::string& msg, const std::string& what) { return msg.find(what) != std::string::npos; };
  std::string e = error_of(base() + "[map]\npower_W = [40, 150]\nspeed_m_per_s = [0.8]\n");
  EXPECT_TRUE(has(e, "bad.toml") && has(e, "speed_m_per_s") && has(e, "[low, high]")) << e;
  std::string t = base();
  t.replace(t.find("absorptivity = 0.5"), 18, "absorptivity = 1.5");
  e = error_of(t);
  EXPECT_TRUE(has(e, "bad.toml") && has(e, "absorptivity")) << e;
  t = base();
  t.replace(t.find("hatch_um"), 8, "hatch_mu");
  e = error_of(t);
  EXPECT_TRUE(has(e, "bad.toml") && has(e, "hatch_mu")) << e;
  t = base();
  t.replace(t.find(kRecipes + "/ttt_amz4.toml"), kRecipes.size() + 14, "nowhere.toml");
  e = error_of(t);
  EXPECT_TRUE(has(e, "bad.toml") && has(e, "kinetics") && has(e, "nowhere.toml")) << e;
  e = error_of("units = \"metal\"\n");
  EXPECT_TRUE(has(e, "units")) << e;
}
