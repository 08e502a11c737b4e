// KA2: the Kob–Andersen mixture with a third, intermediate species C that makes swap Monte Carlo efficient.
#include "vitrum/atomistic/potential/lennard_jones.hpp"
#include "vitrum/atomistic/potential/model.hpp"

namespace vitrum {

// Parmar, Ozawa & Berthier, PRL 125, 085505 (2020) (parameters as in the atooms model database's
// `kob_andersen_2` entry, which cites the PRL): A and B as Kob–Andersen; C has each parameter
// the mean of A's and B's: ε_AC=1.25, σ_AC=0.9; ε_BC=1.0, σ_BC=0.84; ε_CC=0.75, σ_CC=0.94;
// cut-off 2.5 σ_αβ, shifted. Composition and density are our documented choice (not confirmed
// from the paper text): A:B:C = 60:20:20 (C replaces a quarter of the A particles, so the
// swappable pairs A↔C and B↔C are both plentiful) at the Kob–Andersen density ρ = 1.2.
ModelSpec ka2_model(Truncation truncation) {
  const LennardJonesPair aa{1.0, 1.0, 2.5}, ab{1.5, 0.8, 2.0}, bb{0.5, 0.88, 2.2};
  const LennardJonesPair ac{1.25, 0.9, 2.25}, bc{1.0, 0.84, 2.1}, cc{0.75, 0.94, 2.35};
  return lennard_jones_model({"ka2",
                              "ternary swap-able Kob-Andersen (A=1, B=2, C=3; 60:20:20)",
                              "A. D. S. Parmar, M. Ozawa and L. Berthier, Phys. Rev. Lett. 125, 085505 (2020)",
                              {0.6, 0.2, 0.2},
                              {1.0, 1.0, 1.0},
                              1.2,
                              nullptr,
                              nullptr},
                             LennardJones(3, {aa, ab, ac, ab, bb, bc, ac, bc, cc}), truncation);
}

}  // namespace vitrum
