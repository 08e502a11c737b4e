// Empirical criteria and features against hand-computed values from the Miracle radii and Takeuchi–Inoue Miedema table.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/criteria.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/features.hpp"

#include "gfa_test_data.hpp"

using namespace vitrum::gfa;

namespace {
using test::data;
}  // namespace

TEST(GfaCriteria, Cu50Zr50SizeMismatchAndMiedemaEnthalpy) {
  // Miracle radii Cu 126 pm, Zr 158 pm: r̄ = 142, δ = |1 - 126/142| = 0.11268. Miedema CuZr: -23 kJ/mol.
  const auto k = compute_criteria(parse_composition("Cu50Zr50"), data());
  EXPECT_NEAR(k.delta, 16.0 / 142.0, 1e-12);
  EXPECT_NEAR(k.dh_mix_kj, -23.0, 1e-12);
  EXPECT_NEAR(k.ds_mix_j, 8.314462618 * std::log(2.0), 1e-9);
  EXPECT_FALSE(k.inoue.three_or_more_elements);
  EXPECT_TRUE(k.inoue.size_mismatch_above_12pct);  // (158 - 126)/158 = 0.20
  EXPECT_TRUE(k.inoue.negative_mixing_enthalpy);
  EXPECT_FALSE(k.t_rg.has_value());
}

TEST(GfaCriteria, Vit1AgainstHandComputation) {
  // Hand computation (radii Zr 158, Ti 142, Cu 126, Ni 126, Be 112 pm; Miedema pairs ZrCu -23, ZrNi -49,
  // ZrBe -43, ZrTi 0, TiCu -9, TiNi -35, TiBe -30, CuNi +4, CuBe 0, NiBe -4 kJ/mol):
  // r̄ = 138.242 pm, δ = 0.13561, ΔH_mix = 4 × (-8.79915) = -35.1966 kJ/mol.
  // T_g = 625, T_x = 705, T_l = 993 K (REFERENCES.md): T_rg = 0.6294, γ = 705/1618 = 0.4357, ΔT_x = 80 K.
  const auto k = compute_criteria(parse_composition("Zr41.2Ti13.8Cu12.5Ni10Be22.5"), data(),
                                  CharacteristicTemperatures{625, 705, 993});
  EXPECT_NEAR(k.delta, 0.13561, 5e-5);
  EXPECT_NEAR(k.dh_mix_kj, -35.1966, 1e-9);
  EXPECT_TRUE(k.inoue.all());
  EXPECT_NEAR(*k.t_rg, 625.0 / 993.0, 1e-12);
  EXPECT_NEAR(*k.gamma, 705.0 / 1618.0, 1e-12);
  EXPECT_NEAR(*k.dtx_k, 80.0, 1e-12);
  // Vit1 meets the usual BMG windows: δ > 0.066 (Zhang et al. 2008 solid-solution bound), Ω < 1.1.
  EXPECT_GT(k.delta, 0.066);
  ASSERT_TRUE(k.omega.has_value());
  EXPECT_LT(*k.omega, 1.1);
}

TEST(GfaCriteria, PureElementHasNoMixingAndNoOmega) {
  const auto k = compute_criteria(parse_composition("Cu"), data());
  EXPECT_EQ(k.delta, 0.0);
  EXPECT_EQ(k.dh_mix_kj, 0.0);
  EXPECT_FALSE(k.omega.has_value());
}

TEST(GfaCriteria, BadTemperaturesAndMissingPairsAreErrors) {
  EXPECT_THROW(compute_criteria(parse_composition("Cu50Zr50"), data(), CharacteristicTemperatures{-1, 700, 900}), vitrum::Error);
  // S is outside the Miedema table (73 elements): the error names the table and the pair.
  try {
    compute_criteria(parse_composition("Cu50S50"), data());
    FAIL();
  } catch (const vitrum::Error& e) {
    EXPECT_NE(std::string(e.what()).find("MiedemaLiquidDeltaHf.tsv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("S-Cu"), std::string::npos) << e.what();
  }
}

TEST(GfaCriteria, MissingDataDirectoryNamesThePath) {
  try {
    resolve_data_dir("/nonexistent/gfa-data");
    FAIL();
  } catch (const vitrum::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/gfa-data"), std::string::npos);
  }
}

TEST(GfaFeatures, NamesAndMagpieStatistics) {
  const Featurizer all(data()), magpie(data(), FeatureSet::Magpie), physical(data(), FeatureSet::Physical);
  EXPECT_EQ(all.size(), magpie.size() + physical.size());
  EXPECT_EQ(physical.size(), 8u);
  const auto c = parse_composition("Cu75Zr25");
  const auto v = all.compute(c);
  auto at = [&](const std::string& name) {
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all.names()[i] == name) return v[i];
    ADD_FAILURE() << "no feature " << name;
    return 0.0;
  };
  EXPECT_DOUBLE_EQ(at("norm_0"), 2.0);
  EXPECT_NEAR(at("norm_2"), std::sqrt(0.75 * 0.75 + 0.25 * 0.25), 1e-12);
  EXPECT_NEAR(at("mean_Number"), 0.75 * 29 + 0.25 * 40, 1e-12);
  EXPECT_NEAR(at("avgdev_Number"), 0.75 * 2.75 + 0.25 * 8.25, 1e-12);
  EXPECT_DOUBLE_EQ(at("min_Number"), 29);
  EXPECT_DOUBLE_EQ(at("range_Number"), 11);
  EXPECT_DOUBLE_EQ(at("mode_Number"), 29);
  EXPECT_NEAR(at("dH_mix"), 4 * -23.0 * 0.75 * 0.25, 1e-12);
  // The physical subset is the tail of the full vector.
  const auto p = physical.compute(c);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(p[i], v[magpie.size() + i]);
  EXPECT_THROW(parse_feature_set("everything"), vitrum::Error);
}
