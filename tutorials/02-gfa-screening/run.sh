#!/usr/bin/env bash
# Tutorial 02 (tutorials/02-gfa-screening.md): screen the Zr-Cu-Al-Ni-Ti family for glass-forming ability.
#   run.sh VITRUM_BINARY OUTDIR [--small]
# Full size: trains the default random-forest models (p_glass, D_max, T_g, T_x, T_l; ~40-60 CPU s), screens all
# ten ternaries of Cu, Zr, Al, Ni, Ti on a 1 at.% grid, maps Al-Cu-Zr, predicts the (Cu50Zr50)100-xAlx family.
# --small (make check): a 10-tree p_glass-only forest, three elements on a 10 at.% grid; a few seconds.
set -euo pipefail
vitrum=${1:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
out=${2:?usage: run.sh VITRUM_BINARY OUTDIR [--small]}
small=${3:-}
mkdir -p "$out"
out=$(cd "$out" && pwd)
threads=$(nproc)

if [[ $small == --small ]]; then
  train=(--trees 10 --no-regression --threads 1)
  elements=Cu,Zr,Al
  step=10
  threads=1
else
  train=(--threads "$threads")
  elements=Cu,Zr,Al,Ni,Ti
  step=1
fi

echo "== 1. empirical criteria of two known glass formers"
"$vitrum" gfa criteria Cu50Zr50
"$vitrum" gfa criteria "(Cu50Zr50)92Al8"

echo "== 2. train the models on the shared data (Ward 2016 glass / not glass, Xiong 2020 D_max, T_g, T_x, T_l)"
"$vitrum" gfa train "${train[@]}" --out "$out/model.txt"

echo "== 3. screen every ternary of $elements on a $step at.% grid"
"$vitrum" gfa screen --elements "$elements" --step "$step" -m "$out/model.txt" --out "$out/screen" \
  --plot Al-Cu-Zr --threads "$threads"

echo "== 4. walk along one family: (Cu50Zr50)100-xAlx, x = 0 ... 14 at.%"
family=()
for x in 0 2 4 6 8 10 12 14; do family+=("(Cu50Zr50)$((100 - x))Al$x"); done
"$vitrum" gfa predict -m "$out/model.txt" "${family[@]}"
"$vitrum" gfa predict -m "$out/model.txt" --format json "${family[@]}" > "$out/predictions.json"

# The checks `make check` relies on: the files exist and the numbers are probabilities.
/usr/bin/python3 - "$out" <<'PY'
import csv, json, math, os, sys
out = sys.argv[1]
for f in ("model.txt", "screen/systems.csv", "screen/points/Al-Cu-Zr.csv", "screen/Al-Cu-Zr.png", "predictions.json"):
    assert os.path.getsize(os.path.join(out, f)) > 0, f"missing or empty: {f}"
systems = list(csv.DictReader(open(os.path.join(out, "screen/systems.csv"))))
assert systems, "systems.csv has no rows"
for s in systems:
    for k in ("glass_fraction", "max_p_glass"):
        v = float(s[k])
        assert math.isfinite(v) and 0.0 <= v <= 1.0, f"{s['system']} {k} = {v}"
acz = next(s for s in systems if s["system"] == "Al-Cu-Zr")
assert float(acz["max_p_glass"]) > 0.5, f"Al-Cu-Zr has no glass-forming composition: {acz}"
pred = json.load(open(os.path.join(out, "predictions.json")))
assert len(pred) == 8, pred
for p in pred:
    assert math.isfinite(p["p_glass"]) and 0.0 <= p["p_glass"] <= 1.0, p
    if "dmax_mm" in p:  # full size only: the small run trains the glass classifier alone
        assert math.isfinite(p["dmax_mm"]) and 0.0 <= p["dmax_mm"] < 100.0, p
        assert 300.0 < p["tg_k"] < p["tl_k"] < 3000.0, p
al8 = next(p for p in pred if p["composition"] == "Al8Cu46Zr46")
assert al8["p_glass"] > 0.5, f"(Cu50Zr50)92Al8, a known bulk glass former, predicted p_glass = {al8['p_glass']}"
best = max(pred, key=lambda p: p.get("dmax_mm", p["p_glass"]))
print(f"tutorial 02 checks passed: {len(systems)} systems, Al-Cu-Zr max p_glass {float(acz['max_p_glass']):.3f}; "
      f"(Cu50Zr50)92Al8 p_glass {al8['p_glass']:.3f}; family best {best['composition']}"
      + (f" (D_max {best['dmax_mm']:.2f} mm)" if "dmax_mm" in best else ""))
PY
