#!/usr/bin/python3
"""vitrum's NPT/NVT Cu64Zr36 liquid (run.sh) against the LAMMPS averages of ../lammps/README.md:
means over the production stage from thermo.csv (every 10 steps), 20 contiguous blocks for the errors."""
import csv, math, sys

out = sys.argv[1]
N = 2000
# LAMMPS (../lammps/README.md): mean, block SE
lammps = {"npt": {"pe": (-4.128486, 0.00028), "etot": (-3.934709, 0.00033), "T": (1499.87, 0.73),
                  "P": (3.0, 8.3), "V": (17.09153, 0.00119)},
          "nvt": {"pe": (-4.128733, 0.00042), "etot": (-3.935049, 0.00049), "T": (1499.15, 0.69),
                  "P": (-57.0, 125.0)}}


def block(x, nb=20):
    m = len(x) // nb
    means = [sum(x[k * m:(k + 1) * m]) / m for k in range(nb)]
    mu = sum(means) / nb
    return mu, math.sqrt(sum((b - mu) ** 2 for b in means) / (nb - 1) / nb)


worst = 0.0
for ens in ("npt", "nvt"):
    rows = [r for r in csv.DictReader(open(f"{out}/{ens}/thermo.csv")) if r["stage"] == "2"]
    rows = rows[1:]  # as the LAMMPS analysis: the first production sample dropped
    q = {"pe": [float(r["pe_per_particle"]) for r in rows],
         "etot": [float(r["pe_per_particle"]) + float(r["ke_per_particle"]) for r in rows],
         "T": [float(r["temperature"]) for r in rows], "P": [float(r["pressure"]) for r in rows],
         "V": [float(r["volume"]) / N for r in rows]}
    print(f"{ens.upper()}  ({len(rows)} samples)")
    for k, (ref, ref_se) in lammps[ens].items():
        mu, se = block(q[k])
        z = (mu - ref) / math.hypot(se, ref_se)
        worst = max(worst, abs(z))
        print(f"  {k:5s} vitrum {mu:12.6f} +- {se:9.6f}   LAMMPS {ref:12.6f} +- {ref_se:9.6f}   z = {z:+.2f}")
print(f"largest |z| = {worst:.2f} ({'within' if worst < 3 else 'OUTSIDE'} 3 combined standard errors)")

# NVE (nve.toml, from the final NVT state): drift of the total energy per atom, eV/atom/ns, by least squares.
try:
    rows = list(csv.DictReader(open(f"{out}/nve/thermo.csv")))
except FileNotFoundError:
    sys.exit(0)
t = [float(r["time"]) / 1000.0 for r in rows]  # ps -> ns
e = [float(r["pe_per_particle"]) + float(r["ke_per_particle"]) for r in rows]
tm, em = sum(t) / len(t), sum(e) / len(e)
slope = sum((a - tm) * (b - em) for a, b in zip(t, e)) / sum((a - tm) ** 2 for a in t)
sd = math.sqrt(sum((b - em) ** 2 for b in e) / (len(e) - 1))
ke = [float(r["ke_per_particle"]) for r in rows]
km = sum(ke) / len(ke)
ksd = math.sqrt(sum((k - km) ** 2 for k in ke) / (len(ke) - 1))
print(f"NVE ({len(rows)} samples over {t[-1] - t[0]:.4f} ns): drift {slope:+.2e} eV/atom/ns, std of E/N {sd:.2e} eV "
      f"(std of ke/N {ksd:.2e}; LAMMPS: drift +4.0e-5 +- 3e-5, std 2.5e-6)")
