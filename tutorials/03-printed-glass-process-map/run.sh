#!/usr/bin/env bash
# Tutorial 03 (tutorials/03-printed-glass-process-map.md): (P, v) process maps of two glass formers printed by
# laser powder-bed fusion, AMZ4 (R_c = 2500 K/s) and Vit1 (R_c = 1 K/s).
#   run.sh VITRUM_BINARY OUTDIR [--small]
# Full size: the shipped recipes as they are (recipes/lpbf-amz4.toml, recipes/lpbf-vit1.toml: a 20 x 20 map with a
# 10-layer build at every point, and a 50-layer nominal build), about 4 CPU minutes in all.
# --small (make check): the same recipes on a 0.4 mm pad, a 4 x 4 map with 2 layers, a 3-layer build; seconds.
set -euo pipefail
vitrum=${1:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
out=${2:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
small=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
recipes=$(cd "$here/../../recipes" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== 1. how good a glass former is each alloy: TTT curve and critical cooling rate (classical nucleation theory)"
for alloy in amz4 vit1; do
  "$vitrum" ttt "$recipes/ttt_$alloy.toml" --out "$out/ttt-$alloy" --no-plots
done

plots=()
for alloy in amz4 vit1; do
  recipe=$recipes/lpbf-$alloy.toml
  if [[ $small == --small ]]; then
    # The same recipe, shrunk: every changed key is checked, so a renamed key fails here instead of running full size.
    recipe=$out/lpbf-$alloy-small.toml
    sed -e "s|^kinetics = \"\(ttt_[a-z0-9]*\.toml\)\"|kinetics = \"$recipes/\1\"|" \
        -e 's|^pad_side_mm = .*|pad_side_mm = 0.4|' \
        -e 's|^layers = 50 .*|layers = 3|; s|^layers = 50$|layers = 3|' \
        -e 's|^layers = 10$|layers = 2|' \
        -e 's|^substrate_layers = 10.*|substrate_layers = 2|' \
        -e 's|^powers = 20|powers = 4|; s|^speeds = 20|speeds = 4|' \
        "$recipes/lpbf-$alloy.toml" > "$recipe"
    for key in "kinetics = \"$recipes/ttt_$alloy.toml\"" "pad_side_mm = 0.4" "layers = 3" "layers = 2" \
               "substrate_layers = 2" "powers = 4" "speeds = 4"; do
      grep -qF "$key" "$recipe" || { echo "run.sh --small: '$key' not set in $recipe" >&2; exit 1; }
    done
    plots=(--no-plots)
  fi
  echo "== 2. $alloy: melt pool, nominal build and (P, v) process map"
  "$vitrum" lpbf "$recipe" --out "$out/lpbf-$alloy" "${plots[@]}"
done

echo "== 3. the two maps side by side"
/usr/bin/python3 "$here/plot.py" "$out/lpbf-amz4" "$out/lpbf-vit1" "$out/process-maps.png"

# The checks `make check` relies on: outputs exist, the numbers are finite and in a sane range.
/usr/bin/python3 - "$out" <<'PY'
import csv, json, math, os, sys
out = sys.argv[1]
for alloy, rc in (("amz4", 2500.0), ("vit1", 1.0)):
    t = json.load(open(os.path.join(out, f"ttt-{alloy}", "summary.json")))
    assert abs(t["rc_K_per_s"] / rc - 1) < 0.05, f"{alloy}: R_c {t['rc_K_per_s']} K/s, expected {rc}"
    s = json.load(open(os.path.join(out, f"lpbf-{alloy}", "summary.json")))
    w, d = s["melt_pool_width_um"], s["melt_pool_depth_um"]
    assert math.isfinite(w) and 50 < w < 300 and math.isfinite(d) and 10 < d < 200, f"{alloy}: pool {w} x {d} um"
    x = s["max_crystalline_fraction"]
    assert math.isfinite(x) and 0 <= x <= 1, f"{alloy}: crystalline fraction {x}"
    rows = list(csv.DictReader(open(os.path.join(out, f"lpbf-{alloy}", "process_map.csv"))))
    m = s["recipe"]["map"]
    assert len(rows) == m["powers"] * m["speeds"], f"{alloy}: {len(rows)} map points"
    print(f"{alloy}: R_c {t['rc_K_per_s']:.4g} K/s, pool {w:.1f} x {d:.1f} um, max crystalline fraction {x:.3g}, "
          f"window {s['window_energy_density_J_per_mm3']} J/mm3")
assert os.path.getsize(os.path.join(out, "process-maps.png")) > 0
print("tutorial 03 checks passed")
PY
