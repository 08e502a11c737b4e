#!/usr/bin/python3
"""`vitrum lpbf` end to end on a small pad: summary.json carries the issue's keys with sane values, the CSVs are
consistent with it, and a recipe with a misspelt key stops with the file and the key named."""
import csv
import json
import subprocess
import sys
from pathlib import Path

vitrum, recipes, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
work.mkdir(parents=True, exist_ok=True)
text = (recipes / "lpbf-amz4.toml").read_text()
text = text.replace('kinetics = "ttt_amz4.toml"', f'kinetics = "{recipes / "ttt_amz4.toml"}"')
text = text.replace("pad_side_mm = 2.0", "pad_side_mm = 0.4").replace("layers = 50", "layers = 4")
text = text.replace("interlayer_time_s = 10", "interlayer_time_s = 0.5")
text = text.replace("powers = 20", "powers = 3").replace("speeds = 20", "speeds = 2").replace("layers = 10\n", "layers = 3\n")
text = text.replace("substrate_layers = 10", "substrate_layers = 2")
(work / "small.toml").write_text(text)
out = work / "out"
r = subprocess.run([vitrum, "lpbf", str(work / "small.toml"), "-o", str(out), "--no-plots", "--threads", "1"],
                   capture_output=True, text=True)
assert r.returncode == 0, r.stderr
s = json.loads((out / "summary.json").read_text())
for key in ("melt_pool_width_um", "melt_pool_depth_um", "max_crystalline_fraction", "lack_of_fusion",
            "window_energy_density_J_per_mm3"):
    assert key in s, key
assert 80 < s["melt_pool_width_um"] < 150 and 30 < s["melt_pool_depth_um"] < 70, s
assert s["lack_of_fusion"] is False
assert 0 <= s["max_crystalline_fraction"] <= 1
rows = list(csv.DictReader(open(out / "process_map.csv")))
assert len(rows) == 6, len(rows)
prof = list(csv.DictReader(open(out / "build_profile.csv")))
assert len(prof) == 4 + 2
xmax = max(float(p["crystalline_fraction"]) for p in prof)
assert abs(xmax - s["max_crystalline_fraction"]) <= 1e-7 * xmax + 1e-300, (xmax, s["max_crystalline_fraction"])
w = s["window_energy_density_J_per_mm3"]
ok = [float(x["energy_density_J_per_mm3"]) for x in rows if x["dense"] == "1" and x["amorphous"] == "1"]
assert (w is None) == (not ok) and (w is None or (abs(w[0] - min(ok)) < 1e-3 and abs(w[1] - max(ok)) < 1e-3)), (w, ok)
# Bad input: a misspelt key is named with the file.
(work / "bad.toml").write_text(text.replace("hatch_um", "hatch_mu"))
r = subprocess.run([vitrum, "lpbf", str(work / "bad.toml"), "-o", str(work / "bad")], capture_output=True, text=True)
assert r.returncode == 1 and "bad.toml" in r.stderr and "hatch_mu" in r.stderr, r.stderr
print("ok", s["melt_pool_width_um"], s["melt_pool_depth_um"], s["max_crystalline_fraction"], w)
