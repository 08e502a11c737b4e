// Classical nucleation, TTT and critical cooling rate: Vit1 against the published R_c, monotonic in σ, recipe errors.
#include <gtest/gtest.h>

#include <cmath>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/ttt.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"

using namespace vitrum::gfa;

namespace {
TttRecipe vit1() { return read_ttt_recipe(std::string(VITRUM_RECIPES) + "/ttt_vit1.toml"); }
}  // namespace

TEST(GfaTtt, Vit1CriticalCoolingRateMatchesPublished) {
  // Kim, Busch, Johnson, Rulison & Rhim, APL 65, 2136 (1994): R_c = 0.9-1.2 K/s. Only σ was calibrated.
  const auto r = vit1();
  const double rc = critical_cooling_rate(r.kinetics, r.fraction);
  EXPECT_GT(rc, 1.0 / 3.0);
  EXPECT_LT(rc, 3.0);
  EXPECT_GT(r.kinetics.interfacial_energy_j_per_m2, 0.05);  // REFERENCES.md: σ ≈ 0.1 J/m²
  EXPECT_LT(r.kinetics.interfacial_energy_j_per_m2, 0.15);
  // At R_c the non-isothermal fraction is the target fraction.
  EXPECT_NEAR(std::log(crystallised_fraction(r.kinetics, rc)), std::log(r.fraction), 0.05);
}

TEST(GfaTtt, NoseLiesBetweenTgAndTl) {
  const auto r = vit1();
  const auto c = ttt_curve(r.kinetics, r.fraction);
  EXPECT_GT(c.nose_temperature_k, r.kinetics.glass_transition_k + 10);
  EXPECT_LT(c.nose_temperature_k, r.kinetics.liquidus_k - 10);
  // Cooling at R_c passes near the nose: T_l - R_c t_nose is of the order of the nose undercooling.
  for (const auto& p : c.points) EXPECT_GE(p.time_s, c.nose_time_s);
}

TEST(GfaTtt, CriticalRateFallsMonotonicallyWithInterfacialEnergy) {
  auto k = vit1().kinetics;
  double previous = 1e300;
  for (double s : {0.080, 0.090, 0.100, 0.110}) {
    k.interfacial_energy_j_per_m2 = s;
    const double rc = critical_cooling_rate(k, 1e-6);
    EXPECT_LT(rc, previous) << "sigma " << s;
    previous = rc;
  }
}

TEST(GfaTtt, CalibrationRecoversTheRecipeSigma) {
  const auto r = vit1();
  const double s = calibrate_interfacial_energy(r.kinetics, r.fraction, 1.0);
  EXPECT_NEAR(s, r.kinetics.interfacial_energy_j_per_m2, 2e-4);
}

TEST(GfaTtt, TurnbullDrivingForceExceedsThompsonSpaepen) {
  auto k = vit1().kinetics;
  const double ts = k.driving_force_per_mol(800);
  k.driving_force = DrivingForce::Turnbull;
  EXPECT_GT(k.driving_force_per_mol(800), ts);
  EXPECT_EQ(k.driving_force_per_mol(993), 0.0);
  EXPECT_NEAR(k.driving_force_per_mol(800), 8200.0 * 193.0 / 993.0, 1e-9);
}

TEST(GfaTtt, RecipeErrorsNameTheKey) {
  const std::string base = R"(units = "SI"
[alloy]
name = "x"
liquidus_K = 993
glass_transition_K = 625
fusion_enthalpy_J_per_mol = 8200
molar_volume_m3_per_mol = 9.84e-6
[viscosity]
eta0_Pa_s = 4e-5
D_star = 18.5
)";
  auto error = [](const std::string& text) {
    try {
      parse_ttt_recipe(text, "test.toml");
    } catch (const vitrum::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error(base + "[nucleation]\nturnbull_alpha = 0.45\n"), "");
  EXPECT_NE(error(base + "[nucleation]\nturnbull_alpha = 0.45\ninterfacial_energy_J_per_m2 = 0.1\n").find("exactly one"),
            std::string::npos);
  EXPECT_NE(error(base + "[nucleation]\nturnbull_alpha = 0.45\nsigmaa = 1\n").find("sigmaa"), std::string::npos);
  EXPECT_NE(error(base + "[nucleation]\nturnbull_alpha = 0.45\ndriving_force = \"magic\"\n").find("driving_force"),
            std::string::npos);
  std::string bad_tg = base;
  bad_tg.replace(bad_tg.find("625"), 3, "1200");
  EXPECT_NE(error(bad_tg + "[nucleation]\nturnbull_alpha = 0.45\n").find("glass_transition_K"), std::string::npos);
  // T0 from η(T_g) = 1e12 Pa s when absent: close to Vit1's fitted 412.5 K.
  const auto r = parse_ttt_recipe(base + "[nucleation]\nturnbull_alpha = 0.45\n", "t.toml");
  EXPECT_TRUE(r.t0_from_tg);
  EXPECT_NEAR(r.kinetics.viscosity(625), 1e12, 1e3);
  EXPECT_NEAR(r.kinetics.t0_k, 412.5, 10);
}
