// Composition parser: formats, groups, normalisation, and every kind of bad input.
#include <gtest/gtest.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/periodic_table.hpp"

#include "gfa_test_data.hpp"

using namespace vitrum::gfa;

namespace {
using test::frac;
std::string parse_error(const char* s) {
  try {
    parse_composition(s);
  } catch (const vitrum::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(GfaComposition, Vit1PercentagesNormalised) {
  const auto c = parse_composition("Zr41.2Ti13.8Cu12.5Ni10Be22.5");
  ASSERT_EQ(c.size(), 5u);
  EXPECT_NEAR(frac(c, "Zr"), 0.412, 1e-12);
  EXPECT_NEAR(frac(c, "Be"), 0.225, 1e-12);
  EXPECT_EQ(c.system(), "Be-Ti-Ni-Cu-Zr");  // atomic-number order
}

TEST(GfaComposition, FractionsPercentagesAndBareSymbolsAgree) {
  const auto a = parse_composition("Cu50Zr50"), b = parse_composition("Cu0.5Zr0.5"), c = parse_composition("CuZr");
  EXPECT_DOUBLE_EQ(frac(a, "Cu"), 0.5);
  EXPECT_DOUBLE_EQ(frac(b, "Cu"), 0.5);
  EXPECT_DOUBLE_EQ(frac(c, "Zr"), 0.5);
}

TEST(GfaComposition, TotalsNotHundredAreNormalised) {
  const auto c = parse_composition("Cu46Zr46Al10");  // sums to 102
  EXPECT_NEAR(frac(c, "Al"), 10.0 / 102.0, 1e-14);
  double s = 0;
  for (double x : c.x) s += x;
  EXPECT_NEAR(s, 1.0, 1e-14);
}

TEST(GfaComposition, GroupsWithMultiplier) {
  const auto a = parse_composition("(Cu0.5Zr0.5)98Al2");
  EXPECT_NEAR(frac(a, "Cu"), 0.49, 1e-14);
  EXPECT_NEAR(frac(a, "Al"), 0.02, 1e-14);
  const auto b = parse_composition("(Cu50Zr50)98Al2");  // group normalised before the multiplier
  EXPECT_NEAR(frac(b, "Zr"), 0.49, 1e-14);
  const auto n = parse_composition("((Fe0.8B0.2)90Si10)95Nb5");
  EXPECT_NEAR(frac(n, "B"), 0.2 * 0.9 * 0.95, 1e-14);
  EXPECT_NEAR(frac(n, "Nb"), 0.05, 1e-14);
  const auto sq = parse_composition("[(Ni0.9Fe0.1)0.75B0.2Si0.05]96Nb4");  // Xiong 2020 writes these
  EXPECT_NEAR(frac(sq, "Fe"), 0.1 * 0.75 * 0.96, 1e-14);
}

TEST(GfaComposition, RepeatsMergeAndZerosDrop) {
  const auto c = parse_composition("Cu25Zr50Cu25Al0");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_DOUBLE_EQ(frac(c, "Cu"), 0.5);
  EXPECT_EQ(c.label(), "Cu50Zr50");
}

TEST(GfaComposition, BadInputsNameTheProblem) {
  EXPECT_NE(parse_error("Xx50Cu50").find("unknown element 'Xx'"), std::string::npos);
  EXPECT_NE(parse_error("Cu50Zr50)").find("unbalanced ')'"), std::string::npos);
  EXPECT_NE(parse_error("(Cu50Zr50").find("unbalanced '('"), std::string::npos);
  EXPECT_NE(parse_error("[Cu50Zr50)").find("unbalanced '['"), std::string::npos);
  EXPECT_NE(parse_error("50Cu").find("amount without an element"), std::string::npos);
  EXPECT_NE(parse_error("cu50zr50").find("unexpected character"), std::string::npos);
  EXPECT_NE(parse_error("Cu-50").find("unexpected character"), std::string::npos);
  EXPECT_NE(parse_error("Cu1.2.3").find("malformed number"), std::string::npos);
  EXPECT_NE(parse_error("").find("no element"), std::string::npos);
  EXPECT_NE(parse_error("Cu0Zr0").find("no element"), std::string::npos);
  EXPECT_NE(parse_error("()2Cu").find("empty or all-zero group"), std::string::npos);
  EXPECT_EQ(parse_error("Cu50Zr50"), "");
}
