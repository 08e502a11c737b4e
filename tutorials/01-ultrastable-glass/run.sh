#!/usr/bin/env bash
# Tutorial 01 (tutorials/01-ultrastable-glass.md): an MD-quenched and a swap-annealed glass of one polydisperse
# liquid, minimised and sheared by AQS.
#   run.sh VITRUM_BINARY OUTDIR [--small]
# Full size: tutorials/01-ultrastable-glass/recipe.toml as it is (N = 1000), a few CPU minutes.
# --small (make check): the same recipe with N = 256, short anneals and strain to 0.04; seconds.
set -euo pipefail
vitrum=${1:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
out=${2:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
small=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

recipe=$here/recipe.toml
plots=()
if [[ $small == --small ]]; then
  # The same recipe, shrunk. Every changed line is checked, so an edit of recipe.toml that a substitution no longer
  # matches fails here instead of silently running at full size.
  recipe=$out/recipe-small.toml
  sed -e 's|n = 1000,|n = 256,|' \
      -e 's|^sweeps = 2000$|sweeps = 200|' \
      -e 's|^sweeps = 6000$|sweeps = 150|' \
      -e 's|^rate = 0.01$|rate = 0.1|' \
      -e 's|^dgamma = 1e-3$|dgamma = 2e-3|' \
      -e 's|^gamma_max = 0.15$|gamma_max = 0.04|' \
      "$here/recipe.toml" > "$recipe"
  for key in "n = 256," "sweeps = 200" "sweeps = 150" "rate = 0.1" "dgamma = 2e-3" "gamma_max = 0.04"; do
    grep -qF "$key" "$recipe" || { echo "run.sh --small: '$key' not set in $recipe" >&2; exit 1; }
  done
  plots=(--no-plots)
fi

rm -rf "$out/run"
"$vitrum" run "$recipe" --out "$out/run" "${plots[@]}"
/usr/bin/python3 "$here/plot.py" "$out/run" "$out/ultrastable.png"
