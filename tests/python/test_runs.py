"""vitrum.run, vitrum.epm/stz/lpbf/ttt.run against the CLI on the same recipes (as dicts in Python, as the TOML that
vitrum.to_toml writes for the CLI): the same summary numbers; a bad recipe raises vitrum.Error naming the key.
Usage: test_runs.py VITRUM_BINARY WORK_DIR (PYTHONPATH = <build>/python)."""
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import vitrum

binary, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
recipes = Path(__file__).resolve().parents[2] / "recipes"


def cli(*args):
    subprocess.run([binary, *map(str, args)], check=True, capture_output=True, text=True)


def both(command, runner, recipe, name, extra_cli=(), **kwargs):
    """Runs the recipe dict through Python and its TOML through the CLI; returns both summaries."""
    toml = vitrum.to_toml(recipe)
    assert tomllib.loads(toml) == recipe, "to_toml does not round-trip"
    (work / f"{name}.toml").write_text(toml)
    cli(*command, work / f"{name}.toml", "--out", work / f"{name}_cli", "--no-plots", *extra_cli)
    py = runner(recipe, out=work / f"{name}_py", **kwargs)
    ref = json.loads((work / f"{name}_cli" / "summary.json").read_text())
    assert py == json.loads((work / f"{name}_py" / "summary.json").read_text())
    return py, ref


# Atomistic: a small KA glass, minimised, heated, quenched, minimised.
atomistic = {"system": {"generate": {"model": "kob-andersen", "n": 256}, "potential": "kob-andersen", "seed": 5},
             "stage": [{"kind": "minimize", "ftol": 1e-6},
                       {"kind": "md", "ensemble": "nvt", "temperature": [0.8, 0.4], "steps": 300},
                       {"kind": "minimize", "method": "cg", "ftol": 1e-10}]}
py, ref = both(["run"], vitrum.run, atomistic, "md")
assert py["stages"][2]["e_is"] == ref["stages"][2]["e_is"]
assert py["stages"][1]["final"] == ref["stages"][1]["final"]
# The same recipe as TOML text and as a path give the same numbers.
assert vitrum.run((work / "md.toml").read_text(), out=work / "md_text")["stages"][2]["e_is"] == ref["stages"][2]["e_is"]
assert vitrum.run(work / "md.toml", out=work / "md_path")["stages"][2]["e_is"] == ref["stages"][2]["e_is"]

# EPM: a small quasistatic lattice.
epm = tomllib.loads((recipes / "epm-2d-quasistatic.toml").read_text())
epm["lattice"]["size"] = 32
epm["protocol"].update({"avalanches": 300, "stationary_strain": 0.5})
py, ref = both(["epm"], vitrum.epm.run, epm, "epm")
assert py["yield_stress"] == ref["yield_stress"] and py["largest_drop"] == ref["largest_drop"]

# SEEP: the committed map (its history folders made absolute: a dict resolves paths against the current directory).
seep = tomllib.loads((recipes / "seep-poly.toml").read_text())
seep["database"]["histories"] = [str((recipes / h).resolve()) for h in seep["database"]["histories"]]
for p in seep["predict"]:
    p["histories"] = str((recipes / p["histories"]).resolve())
    p["trajectories"] = 20
py, ref = both(["seep"], vitrum.seep.run, seep, "seep")
assert [p["model"] for p in py["predictions"]] == [p["model"] for p in ref["predictions"]]
assert py["predictions"][1]["reference"]["peak_stress"] == ref["predictions"][1]["reference"]["peak_stress"]

# STZ: a coarse grid to a small strain.
stz = tomllib.loads((recipes / "stz-vit1.toml").read_text())
stz["grid"].update({"nx": 32, "ny": 32})
stz["loading"]["max_strain"] = 0.02
stz["output"]["snapshot_strains"] = [0.02]
py, ref = both(["stz"], vitrum.stz.run, stz, "stz")
assert py["yield_stress"] == ref["yield_stress"], (py.get("yield_stress"), ref.get("yield_stress"))

# TTT and LPBF (a few layers, no map).
ttt = tomllib.loads((recipes / "ttt_vit1.toml").read_text())
py, ref = both(["ttt"], vitrum.ttt.run, ttt, "ttt")
assert py["rc_K_per_s"] == ref["rc_K_per_s"] and py["nose_time_s"] == ref["nose_time_s"]
lpbf = tomllib.loads((recipes / "lpbf-vit1.toml").read_text())
lpbf["material"]["kinetics"] = str(recipes / lpbf["material"]["kinetics"])
lpbf["build"].update({"layers": 3, "substrate_layers": 2})
del lpbf["map"]
py, ref = both(["lpbf"], vitrum.lpbf.run, lpbf, "lpbf")
assert py == ref or {k: py[k] for k in py if "seconds" not in k} == {k: ref[k] for k in ref if "seconds" not in k}

# A bad key is one clear error naming it.
try:
    vitrum.run({"system": {"generate": {"model": "kob-andersen", "n": 256}, "potential": "kob-andersen"},
                "stage": [{"kind": "minimize", "ftoll": 1e-6}]}, out=work / "bad")
except vitrum.Error as e:
    assert "ftoll" in str(e), str(e)
else:
    raise AssertionError("a misspelt key was accepted")
print("vitrum.run, epm.run, seep.run, stz.run, ttt.run, lpbf.run give the CLI's numbers")
