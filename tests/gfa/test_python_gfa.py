"""The Python module vitrum.gfa gives the same numbers as the `vitrum gfa` CLI (criteria, predictions of
forest and XGBoost model files), and its features agree with the criteria they contain.

Usage: test_python_gfa.py VITRUM_BINARY WORKDIR   (PYTHONPATH must hold the built module)."""
import json
import math
import os
import subprocess
import sys

import numpy as np

import vitrum

vitrum_bin, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def cli(*args):
    return json.loads(subprocess.run([vitrum_bin, "gfa", *args], check=True, capture_output=True, text=True).stdout)


gfa = vitrum.gfa
data = gfa.ElementData()
comps = ["Zr41.2Ti13.8Cu12.5Ni10Be22.5", "Cu50Zr50", "(Cu50Zr50)98Al2", "Fe80B20", "Pd40Ni40P20", "Cu50Zr50 wt%"]

# Parsing: fractions, element order, errors.
c = gfa.parse_composition("(Cu50Zr50)98Al2")
check(c.elements == ["Al", "Cu", "Zr"], f"elements {c.elements}")
check(np.allclose(c.fractions, [0.02, 0.49, 0.49], rtol=0, atol=1e-15), f"fractions {c.fractions}")
check(c.system == "Al-Cu-Zr" and len(c) == 3, f"system {c.system}")
try:
    gfa.parse_composition("Cu50Xx50")
    check(False, "unknown element did not raise")
except vitrum.Error as e:
    check("Cu50Xx50" in str(e) and "position 5" in str(e) and isinstance(e, ValueError), f"error message: {e}")

# Weight percent: x_Cu = M_Zr / (M_Cu + M_Zr) for equal weights; needs the atomic weights (data).
w = gfa.parse_composition("Cu50Zr50 wt%", data).as_dict()
check(abs(w["Cu"] - 91.224 / (63.546 + 91.224)) < 1e-14, f"wt% Cu {w}")
try:
    gfa.parse_composition("Cu50Zr50 wt%")
    check(False, "wt% without data did not raise")
except vitrum.Error as e:
    check("position 10" in str(e), f"wt% error: {e}")

# Criteria: the same dict as the CLI's JSON, number for number.
for s in comps:
    py = gfa.criteria(s, data)
    ref = cli("criteria", s, "--format", "json")
    check(py == ref, f"criteria {s}: {py} != {ref}")
py = gfa.criteria(gfa.parse_composition("Zr41.2Ti13.8Cu12.5Ni10Be22.5"), data, tg=625, tx=705, tl=993)
ref = cli("criteria", "Zr41.2Ti13.8Cu12.5Ni10Be22.5", "--tg", "625", "--tx", "705", "--tl", "993", "--format", "json")
check(py == ref and abs(py["t_rg"] - 625 / 993) < 1e-15, f"criteria with temperatures: {py}")

# Features: the physical block repeats the criteria; norm_0 counts the elements; mean of atomic weight by hand.
f = gfa.Featurizer(data)
check(len(f) == 152 and len(f.names) == 152, f"feature count {len(f)}")
x = f.compute("Cu50Zr50")
named = dict(zip(f.names, x))
crit = gfa.criteria("Cu50Zr50", data)
check(named["delta"] == crit["delta"], "feature delta != criteria delta")
check(named["dH_mix"] == crit["dH_mix_kJ_per_mol"], "feature dH_mix != criteria dH_mix")
check(named["norm_0"] == 2, f"norm_0 {named['norm_0']}")
check(abs(named["mean_AtomicWeight"] - 0.5 * (63.546 + 91.224)) < 1e-9, f"mean_AtomicWeight {named['mean_AtomicWeight']}")
X = f.compute_many(comps, threads=2)
check(X.shape == (len(comps), 152) and np.array_equal(X[1], x), "compute_many row differs from compute")

# Models trained by the CLI, loaded from Python: predictions equal the CLI's.
for kind, n in (("forest", "8"), ("xgboost", "20")):
    path = os.path.join(work, f"model-{kind}.txt")
    subprocess.run([vitrum_bin, "gfa", "train", "--model", kind, "--trees", n, "--no-regression", "--threads", "1", "-o", path],
                   check=True, capture_output=True)
    m = gfa.Model.load(path, data)
    check(m.targets == ["p_glass"] and m.kind("p_glass") == kind, f"{kind}: targets {m.targets}")
    prov = m.provenance  # the model file records its training data, learner and vitrum version
    check(prov.get("trained_on", {}).get("p_glass", {}).get("file") == "datasets/ward2016_npj/glass.data"
          and prov["trained_on"]["p_glass"]["rows"] > 5000 and prov["learner"] == kind and int(prov["trees"]) == int(n)
          and prov["vitrum_version"] != "unknown", f"{kind}: provenance {prov}")
    ref = cli("predict", *comps, "-m", path, "--format", "json")
    batch = m.predict_features("p_glass", X)
    for i, s in enumerate(comps):
        py = m.predict(s)
        want = {k: v for k, v in ref[i].items() if k != "input"}
        check(py == want, f"{kind} predict {s}: {py} != {want}")
        check(batch[i] == py["p_glass"], f"{kind} predict_features {s}: {batch[i]} != {py['p_glass']}")
        check(0 <= py["p_glass"] <= 1 and not math.isnan(py["p_glass"]), f"{kind} p_glass {py['p_glass']}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("vitrum.gfa agrees with the CLI")
