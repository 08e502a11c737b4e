"""vitrum.analysis against `vitrum analyze` on the same inherent structure (KA N = 1000, minimised as `--minimize` does): g(r) peak, minimum and curve,
S(q) peak, Voronoi volumes and icosahedral fractions, q4/q6 per atom, normal modes, elastic constants; D2min equals
an AQS stage's D2min CSV, is zero under an affine shear and positive around a displaced atom.
Usage: test_analysis.py VITRUM_BINARY WORK_DIR (PYTHONPATH = <build>/python)."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

import vitrum
from vitrum import analysis

binary, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
path = Path(__file__).resolve().parents[1] / "data" / "analysis" / "ka1000-is-T0.6-s1-0.data"
subprocess.run([binary, "analyze", str(path), "--potential", "kob-andersen", "--compute", "gr,sq,voronoi,q6,modes,elastic",
                "--minimize", "--out", str(work / "cli"), "--format", "json"], check=True, capture_output=True)
ref = json.loads((work / "cli" / "summary.json").read_text())
with open(work / "cli" / "particles.csv") as f:
    rows = list(csv.DictReader(f))
with open(work / "cli" / "gr.csv") as f:
    gr_rows = list(csv.DictReader(f))

ka = vitrum.Potential("kob-andersen")
# `--minimize` is CG to max|F| < 1e-10 before analysing: the same minimisation from Python.
s, info = ka.minimize(vitrum.System.read(path), method="cg", ftol=1e-10)
assert info["converged"]

rdf = analysis.RDF().compute(s)
assert rdf.first_peak == ref["gr"]["first_peak"] and rdf.first_minimum == ref["gr"]["first_minimum"]
assert np.allclose(rdf.rdf, [float(r["g"]) for r in gr_rows], rtol=1e-9, atol=0)
assert np.allclose(rdf.partial(1, 2), [float(r["g_12"]) for r in gr_rows], rtol=1e-9, atol=0)

sq = analysis.StructureFactor().compute(s)
assert sq.first_peak == ref["sq"]["first_peak"]

vor = analysis.Voronoi().compute(s, ka)
assert vor.volume_sum == ref["voronoi"]["volume_sum"]
assert vor.icosahedral_fraction(1) == ref["voronoi"]["icosahedral_fraction"]["1"]
assert np.allclose(vor.volumes, [float(r["voronoi_volume"]) for r in rows], rtol=1e-9, atol=0)
assert np.array_equal(vor.indices[:, 2], [int(float(r["n5"])) for r in rows])

st = analysis.Steinhardt().compute(s)
assert st.mean_ql(6) == ref["q6"]["mean"] and st.neighbors == ref["q6"]["neighbors"]
assert np.allclose(st.ql(6), [float(r["q6"]) for r in rows], rtol=1e-9, atol=0)

modes = analysis.NormalModes(ka).compute(s)
assert np.allclose(modes.eigenvalues, ref["modes"]["eigenvalues"], rtol=1e-10, atol=0)
assert np.allclose(modes.participation_ratios, ref["modes"]["participation_ratios"], rtol=1e-8, atol=0)

ec = analysis.ElasticConstants(ka).compute(s)
assert np.allclose(ec.C, ref["elastic"]["C"], rtol=1e-10, atol=1e-10)
assert abs(ec.shear_modulus_xy - ref["elastic"]["shear_modulus_xy"]) < 1e-10 * abs(ec.shear_modulus_xy)

# A state that is not an inherent structure is refused by name.
hot = s.copy()
try:
    hot.positions = s.positions + np.random.default_rng(1).normal(0, 0.02, s.positions.shape)
    analysis.ElasticConstants(ka).compute(hot)
except vitrum.Error as e:
    assert "inherent structure" in str(e)
else:
    raise AssertionError("ElasticConstants accepted a state with forces")

# D2min: an affine shear leaves none; one displaced atom makes its neighbourhood non-affine.
g = 0.02
u = s.unwrapped_positions
sheared = vitrum.System(u + np.outer(u[:, 1] - s.box_lo[1], [g, 0, 0]), s.types, s.box_lengths, box_lo=s.box_lo,
                        tilt_xy=g * s.box_lengths[1], ids=s.ids)
sheared.strain_xy = g
d = analysis.D2min(cutoff=1.5).compute(s, sheared).values
assert d.shape == (1000,) and np.max(d) < 1e-20, np.max(d)
moved = u.copy()
moved[0] += [0.1, 0, 0]
d = analysis.D2min(cutoff=1.5).compute(s, vitrum.System(moved, s.types, s.box_lengths, box_lo=s.box_lo, ids=s.ids)).values
assert d[0] > 1e-3 and np.count_nonzero(d > 1e-6) < 100, (d[0], np.count_nonzero(d > 1e-6))
# D2min against an AQS stage's own D2min CSV: its start (stage1.data) and end (final.data) states, the stage's strain.
(work / "aqs.toml").write_text('[system]\ngenerate = { model = "kob-andersen", n = 256 }\npotential = "kob-andersen"\n'
                               'seed = 3\n[[stage]]\nkind = "minimize"\nmethod = "cg"\nftol = 1e-10\n'
                               '[[stage]]\nkind = "aqs"\ndgamma = 1e-3\ngamma_max = 0.03\nmethod = "cg"\n')
subprocess.run([binary, "run", str(work / "aqs.toml"), "--out", str(work / "aqs"), "--no-plots"], check=True,
               capture_output=True)
aqs = json.loads((work / "aqs" / "summary.json").read_text())["stages"][1]
start, end = vitrum.System.read(work / "aqs" / "stage1.data"), vitrum.System.read(work / "aqs" / "final.data")
end.strain_xy = aqs["strain"][-1]
with open(work / "aqs" / aqs["d2min_file"]) as f:
    ref_d2 = {int(r["id"]): float(r["d2min"]) for r in csv.DictReader(f)}
d = analysis.D2min(cutoff=aqs["d2min_cutoff"]).compute(start, end).values
assert np.allclose(d, [ref_d2[i] for i in start.ids], rtol=1e-8, atol=1e-12), np.max(np.abs(d - [ref_d2[i] for i in start.ids]))
print("vitrum.analysis matches `vitrum analyze` (g(r), S(q), Voronoi, q6, modes, elastic); D2min checks pass")
