// The built-in default recipe that `make demo` runs and `vitrum recipe --default` prints.
#include "vitrum/atomistic/protocol/recipe.hpp"

namespace vitrum {

const std::string& default_recipe_text() {
  static const std::string text = R"(# vitrum default recipe: a Kob-Andersen glass made at two cooling rates.
# Melt N=4000 at T=2.0 (rho=1.2), cool to T=0.3 at two rates from the same melt, then
# minimise each glass to its inherent structure. Reduced LJ units.

[system]
generate = { model = "kob-andersen", n = 4000, density = 1.2 }
potential = "kob-andersen"
seed = 2026

[output]
thermo_every = 100
checkpoint_every = 10000

[[stage]]            # remove the close contacts of the random start
kind = "minimize"
method = "fire"
ftol = 1e-2
max_iterations = 2000

[[stage]]
name = "melt"
kind = "md"
ensemble = "nvt"
temperature = 2.0
dt = 0.005
steps = 10000
equilibrate = 5000

[[stage]]
name = "fast"
start = "melt"
kind = "md"
ensemble = "nvt"
temperature = [2.0, 0.3]
rate = 0.1             # |dT/dt|: 3400 steps
dt = 0.005

[[stage]]
name = "fast_is"
kind = "minimize"
method = "fire"

[[stage]]
name = "slow"
start = "melt"
kind = "md"
ensemble = "nvt"
temperature = [2.0, 0.3]
rate = 0.01            # ten times slower: 34000 steps
dt = 0.005

[[stage]]
name = "slow_is"
kind = "minimize"
method = "fire"
)";
  return text;
}

}  // namespace vitrum
