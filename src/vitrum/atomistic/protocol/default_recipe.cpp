// The built-in default recipe that `make demo` runs and `vitrum recipe --default` prints.
#include "vitrum/atomistic/protocol/recipe.hpp"

namespace vitrum {

const std::string& default_recipe_text() {
  static const std::string text = R"(# vitrum default recipe: two glasses of one polydisperse soft-sphere liquid (N = 1500, rho = 1.0,
# Ninarello et al. 2017), one quenched by molecular dynamics, one annealed by swap Monte Carlo to
# T = 0.10 (below T_MCT ~ 0.104, where plain MD no longer equilibrates), each minimised to its
# inherent structure and sheared by athermal quasistatic (AQS) simple shear. Reduced LJ units.

[system]
generate = { model = "polydisperse-ss", n = 1500, density = 1.0 }
potential = "polydisperse-ss"
seed = 2026

[output]
thermo_every = 100
checkpoint_every = 10000

[[stage]]            # remove the close contacts of the random start
kind = "minimize"
method = "fire"
ftol = 1e-2
max_iterations = 2000

[[stage]]            # the equilibrium liquid both glasses start from
name = "liquid"
kind = "swap"
temperature = 0.25
sweeps = 2000
e_is = false

[[stage]]
name = "fast"
kind = "md"
ensemble = "nvt"
temperature = [0.25, 0.05]
rate = 0.01          # |dT/dt|: 4000 steps
dt = 0.005

[[stage]]
name = "fast_is"
kind = "minimize"
method = "fire"

[[stage]]
name = "fast_aqs"
kind = "aqs"
dgamma = 1e-3
gamma_max = 0.15
refine = false       # events are located to the step (bisection would cost ~13 minimisations each)

[[stage]]
name = "swap"
start = "liquid"
kind = "swap_anneal"
temperatures = [0.15, 0.12, 0.10]
sweeps = 5000

[[stage]]
name = "swap_is"
kind = "minimize"
method = "fire"

[[stage]]
name = "swap_aqs"
kind = "aqs"
dgamma = 1e-3
gamma_max = 0.15
refine = false
)";
  return text;
}

}  // namespace vitrum
