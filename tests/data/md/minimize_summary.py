#!/usr/bin/python3
"""Collect minimize_{cg,fire}.out (written by minimize.in) into minimize_reference.json
and check that CG and FIRE reached the same inherent structure."""
import json, os, re
HERE = os.path.dirname(os.path.abspath(__file__))

def parse_out(style):
    d = {}
    for line in open(os.path.join(HERE, f"minimize_{style}.out")):
        k, v = line.split()
        if k == "style":
            continue
        d[k] = int(v) if k == "iterations" else float(v)
    return d

def parse_log(style):
    """stopping criterion and force-evaluation count from the LAMMPS log."""
    txt = open(os.path.join(HERE, f"minimize_{style}.log")).read()
    crit = re.search(r"Stopping criterion = (.*)", txt).group(1).strip()
    ev = re.search(r"Iterations, force evaluations = (\d+) (\d+)", txt)
    e0 = re.search(r"initial e_per_particle (\S+) fnorm (\S+) fmax (\S+)", txt)
    return {"stopping_criterion": crit, "force_evaluations": int(ev.group(2)),
            "initial_e_per_particle": float(e0.group(1)),
            "initial_fnorm": float(e0.group(2))}

out = {}
for style in ("cg", "fire"):
    d = parse_out(style)
    d.update(parse_log(style))
    out[style] = d
rel = abs(out["cg"]["e_is_per_particle"] - out["fire"]["e_is_per_particle"]) / abs(out["cg"]["e_is_per_particle"])
out["cg_vs_fire_relative_difference"] = rel
out["settings"] = {"ftol": 1e-10, "etol": 0.0, "maxiter": 100000, "maxeval": 1000000,
                   "norm": "two (2-norm of the global 3N force vector)", "n": 4000,
                   "start": "ka4000_glass.data", "cg_line_search": "quadratic",
                   "fire": "LAMMPS min_style fire (FIRE 2.0 defaults, dt=0.005)"}
with open(os.path.join(HERE, "minimize_reference.json"), "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps(out, indent=2))
print("CG vs FIRE relative e_IS difference: %.3e  %s" % (rel, "OK" if rel < 1e-8 else "DIFFERENT MINIMA?"))
