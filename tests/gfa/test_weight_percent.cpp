// Weight-percent compositions ("... wt%"): conversion with the tabulated atomic weights, groups by weight, bad inputs.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/periodic_table.hpp"

#include "gfa_test_data.hpp"

using namespace vitrum::gfa;

namespace {
using test::data;
using test::frac;
std::string weight_parse_error(const std::string& s, bool with_data = true) {
  try {
    if (with_data) (void)parse_composition(s, data());
    else (void)parse_composition(s);
  } catch (const vitrum::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(GfaWeightPercent, TheTableHoldsTheStandardAtomicWeights) {
  // magpie/AtomicWeight.table (Mathematica ElementData via Magpie): IUPAC standard atomic weights
  // (e.g. Cu 63.546(3), Zr 91.224(2), Fe 55.845(2), Be 9.0121831(5) or 9.012182 in older tables).
  EXPECT_DOUBLE_EQ(data().atomic_weight(29), 63.546);
  EXPECT_DOUBLE_EQ(data().atomic_weight(40), 91.224);
  EXPECT_DOUBLE_EQ(data().atomic_weight(26), 55.845);
  EXPECT_NEAR(data().atomic_weight(4), 9.0122, 1e-4);
}

TEST(GfaWeightPercent, EqualWeightsOfCopperAndZirconiumByHand) {
  // 50 g Cu + 50 g Zr: n_Cu / n_Zr = M_Zr / M_Cu, so x_Cu = M_Zr / (M_Cu + M_Zr) = 91.224 / 154.77 = 0.58942.
  const auto c = parse_composition("Cu50Zr50 wt%", data());
  EXPECT_NEAR(frac(c, "Cu"), 91.224 / (63.546 + 91.224), 1e-14);
  EXPECT_NEAR(frac(c, "Zr"), 63.546 / (63.546 + 91.224), 1e-14);
  EXPECT_NEAR(frac(c, "Cu"), 0.58942, 1e-5);
  // The unit may follow without a space, and weight fractions work as well as percentages.
  const auto d = parse_composition("Cu0.5Zr0.5wt%", data());
  EXPECT_EQ(c.x, d.x);
  // "at%" is the default, spelled out or not.
  EXPECT_EQ(parse_composition("Cu50Zr50 at%", data()).x, parse_composition("Cu50Zr50").x);
}

TEST(GfaWeightPercent, Vit1RoundTripThroughWeightPercent) {
  // Vit1 in at.% -> wt.% by hand (w_i = x_i M_i / Σ x_j M_j), written out, parsed back as wt% -> the same at.%.
  const char* syms[] = {"Zr", "Ti", "Cu", "Ni", "Be"};
  const double at[] = {41.2, 13.8, 12.5, 10.0, 22.5};
  double mass = 0;
  for (int i = 0; i < 5; ++i) mass += at[i] * data().atomic_weight(atomic_number(syms[i]));
  std::string text;
  for (int i = 0; i < 5; ++i) text += fmt::format("{}{:.17g}", syms[i], 100 * at[i] * data().atomic_weight(atomic_number(syms[i])) / mass);
  const auto c = parse_composition(text + " wt%", data());
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(frac(c, syms[i]), at[i] / 100, 1e-13) << syms[i];
  // By hand (M: Zr 91.224, Ti 47.867, Cu 63.546, Ni 58.6934, Be 9.012182; Σ x M = 60.030 g/mol):
  // Zr 41.2 at.% is 62.609 wt%, Be 22.5 at.% only 3.378 wt%.
  const auto w = parse_composition(text);  // the same numbers read as at.% are the weight fractions
  EXPECT_NEAR(frac(w, "Zr"), 0.62609, 1e-5);
  EXPECT_NEAR(frac(w, "Be"), 0.03378, 1e-5);
}

TEST(GfaWeightPercent, GroupsAndMultipliersAreByWeight) {
  // (Cu50Zr50)98Al2 wt%: weight fractions Cu 0.49, Zr 0.49, Al 0.02, then converted.
  const auto c = parse_composition("(Cu50Zr50)98Al2 wt%", data());
  const double n_cu = 0.49 / 63.546, n_zr = 0.49 / 91.224, n_al = 0.02 / data().atomic_weight(13);
  EXPECT_NEAR(frac(c, "Al"), n_al / (n_cu + n_zr + n_al), 1e-14);
  EXPECT_NEAR(frac(c, "Cu"), n_cu / (n_cu + n_zr + n_al), 1e-14);
  EXPECT_EQ(c.x, weight_to_atomic(parse_composition("(Cu50Zr50)98Al2"), data()).x);
}

TEST(GfaWeightPercent, BadInputsNameTheStringAndPosition) {
  EXPECT_EQ(weight_parse_error("Cu50wt%Zr50"), "composition 'Cu50wt%Zr50': the unit 'wt%' may only end the composition at position 5");
  EXPECT_EQ(weight_parse_error("Cu50Zr50 at% wt%"), "composition 'Cu50Zr50 at% wt%': the unit 'at%' may only end the composition at position 10");
  // Without atomic weights (the plain parser) wt% is refused with its position.
  EXPECT_EQ(weight_parse_error("Cu50Zr50 wt%", false),
            "composition 'Cu50Zr50 wt%': weight percent ('wt%' at position 10) needs the atomic weights; "
            "use the parse_composition overload that takes ElementData");
  // Errors inside a wt% string quote the whole string.
  EXPECT_EQ(weight_parse_error("Cu50Xx50 wt%"), "composition 'Cu50Xx50 wt%': unknown element 'Xx' at position 5");
  EXPECT_EQ(weight_parse_error("Cu50Zr50 wt"), "composition 'Cu50Zr50 wt': unexpected character at position 10");
  EXPECT_EQ(weight_parse_error("Cu50Zr50 WT%"), "composition 'Cu50Zr50 WT%': unknown element 'T' at position 11");  // W is tungsten
  EXPECT_EQ(weight_parse_error(" wt%"), "composition ' wt%': no element with a positive amount");
  EXPECT_EQ(weight_parse_error("Cu0Zr0 wt%"), "composition 'Cu0Zr0 wt%': no element with a positive amount");
  // An element with no tabulated weight (the table stops at Z = 112) is named with the table.
  const auto e = weight_parse_error("Cu50Og50 wt%");
  EXPECT_NE(e.find("AtomicWeight.table"), std::string::npos) << e;
  EXPECT_NE(e.find("Og"), std::string::npos) << e;
}
