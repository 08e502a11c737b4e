// Wahnström 50:50 binary Lennard-Jones mixture.
#include "vitrum/atomistic/potential/lennard_jones.hpp"
#include "vitrum/atomistic/potential/model.hpp"

namespace vitrum {

// Wahnström, PRA 44, 3752 (1991): 50:50, all ε = 1, σ_AA = 1, σ_AB = 1.1, σ_BB = 1.2, the large
// particle twice as heavy (m_B = 2 m_A). The paper's units are argon-based; we use the reduced
// conventions common to later work on the model: cut-off 2.5 σ_αβ with the energy shifted to zero
// there. The usual state point "ρ = 1.296" measures lengths in σ_BB (1.296 = 0.75 · 1.2³); in our
// σ_AA units that is ρ = 0.75 σ_AA^-3 (at 1.296 σ_AA^-3 the liquid has P ≈ 237, E/N ≈ +24 at T = 1).
ModelSpec wahnstrom_model(Truncation truncation) {
  return lennard_jones_model({"wahnstrom",
                              "Wahnstrom 50:50 binary Lennard-Jones mixture (A=1, B=2, m_B=2)",
                              "G. Wahnstrom, Phys. Rev. A 44, 3752 (1991)",
                              {0.5, 0.5},
                              {1.0, 2.0},
                              0.75,
                              nullptr,
                              nullptr},
                             LennardJones(2, {{1.0, 1.0, 2.5}, {1.0, 1.1, 2.75}, {1.0, 1.1, 2.75}, {1.0, 1.2, 3.0}}),
                             truncation);
}

}  // namespace vitrum
