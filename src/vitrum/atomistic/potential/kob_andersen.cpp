// Kob–Andersen 80:20 binary Lennard-Jones mixture.
#include "vitrum/atomistic/potential/lennard_jones.hpp"
#include "vitrum/atomistic/potential/model.hpp"

namespace vitrum {

// Kob & Andersen, PRE 51, 4626 (1995): ε_AA=1, ε_AB=1.5, ε_BB=0.5; σ_AA=1, σ_AB=0.8, σ_BB=0.88;
// cut-off 2.5 σ_αβ, shifted to zero there; m=1; ρ=1.2; 80 % A (type 1), 20 % B (type 2).
ModelSpec kob_andersen_model(Truncation truncation) {
  return lennard_jones_model({"kob-andersen",
                              "Kob-Andersen 80:20 binary Lennard-Jones mixture (A=1, B=2)",
                              "W. Kob and H. C. Andersen, Phys. Rev. E 51, 4626 (1995)",
                              {0.8, 0.2},
                              {1.0, 1.0},
                              1.2,
                              nullptr,
                              nullptr},
                             LennardJones(2, {{1.0, 1.0, 2.5}, {1.5, 0.8, 2.0}, {1.5, 0.8, 2.0}, {0.5, 0.88, 2.2}}),
                             truncation);
}

}  // namespace vitrum
