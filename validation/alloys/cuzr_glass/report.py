#!/usr/bin/python3
"""The table of docs/alloys.md from one run of recipes/cuzr-glass.toml: report.py VITRUM OUT [OUT ...].
Several OUT folders (independent samples): each, then the mean and its standard error (sample sd / sqrt(n)).
Density at 300 K, e_IS, T_g from the volume-temperature kink of the quench, partial g(r) first peaks and the
Cu-centred <0,0,12,0> fraction of the inherent structure (vitrum analyze), shear modulus and yield stress (AQS)."""
import csv, json, math, os, statistics, subprocess, sys

def measure(out, vitrum):
    """The table's quantities for one run folder."""
    N_A = 6.02214076e23
    summary = json.load(open(os.path.join(out, "summary.json")))
    stages = {st.get("name", str(st["index"])): st for st in summary["stages"]}
    rows = list(csv.DictReader(open(os.path.join(out, "thermo.csv"))))
    n = summary["n"]
    index = {st.get("name"): st["index"] for st in summary["stages"]}

    # Mass of the system from the final data file's Masses and atom types.
    masses, counts, section = {}, {}, None
    for line in open(os.path.join(out, "final.data")):
        t = line.split("#")[0].split()
        if line.strip() in ("Masses", "Atoms # atomic", "Velocities") or line.startswith("Atoms"):
            section = line.split()[0]
            continue
        if section == "Masses" and len(t) == 2:
            masses[int(t[0])] = float(t[1])
        elif section == "Atoms" and len(t) >= 5:
            counts[int(t[1])] = counts.get(int(t[1]), 0) + 1
    grams = sum(masses[k] * c for k, c in counts.items()) / N_A

    g300 = [r for r in rows if int(r["stage"]) == index["glass300"]]
    g300 = g300[len(g300) // 4:]
    v300 = sum(float(r["volume"]) for r in g300) / len(g300)
    density = grams / (v300 * 1e-24)

    # T_g: straight lines through V/N(T) of the quench below 600 K (glass) and above 1200 K (liquid); their crossing.
    q = [(float(r["temperature"]), float(r["volume"]) / n) for r in rows if int(r["stage"]) == index["quench"]]
    def fit(pts):
        xm = sum(p[0] for p in pts) / len(pts); ym = sum(p[1] for p in pts) / len(pts)
        b = sum((p[0] - xm) * (p[1] - ym) for p in pts) / sum((p[0] - xm) ** 2 for p in pts)
        return ym - b * xm, b
    a1, b1 = fit([p for p in q if p[0] < 600])
    a2, b2 = fit([p for p in q if p[0] > 1200])
    tg = (a2 - a1) / (b1 - b2)

    e_is = stages["inherent"]["e_is"]
    aqs = summary["stages"][-1]
    G = aqs["shear_modulus"] / 1e4 if aqs.get("shear_modulus") else float("nan")
    yield_stress = aqs["yield_stress"] / 1e4

    inherent = os.path.join(out, f"stage{index['inherent']}-inherent.data")
    an = os.path.join(out, "analysis")
    subprocess.run([vitrum, "analyze", inherent, "-p", "eam/fs", "--potential-file",
                    "/usr/share/lammps/potentials/CuZr_mm.eam.fs", "--elements", "Cu,Zr", "--compute", "gr,voronoi",
                    "--rmax", "8", "--bins", "800", "--out", an], check=True, capture_output=True)
    a = json.load(open(os.path.join(an, "summary.json")))
    gr = list(csv.DictReader(open(os.path.join(an, "gr.csv"))))
    def first_peak(col):
        r = [float(x["r"]) for x in gr]; g = [float(x[col]) for x in gr]
        k = max(range(len(g)), key=lambda i: g[i] if r[i] < 3.6 else -1)
        # parabola through the three points around the maximum
        y0, y1, y2 = g[k - 1], g[k], g[k + 1]
        d = (y0 - y2) / (2 * (y0 - 2 * y1 + y2)) if (y0 - 2 * y1 + y2) != 0 else 0
        return r[k] + d * (r[1] - r[0])

    rate = stages["quench"].get("rate", float("nan"))
    return {"density": density, "volume": v300 / n, "e_is": e_is, "tg": tg, "rate": rate,
            "cucu": first_peak("g_11"), "cuzr": first_peak("g_12"), "zrzr": first_peak("g_22"),
            "ico": a["voronoi"]["icosahedral_fraction"]["1"], "radii": a["voronoi"]["radii"],
            "G": G, "yield": yield_stress, "flow": aqs["flow_stress"] / 1e4,
            "minutes": summary["wall_seconds"] / 60, "threads": summary["threads"]}


def show(m, err=None):
    e = (lambda k, f: f" +- {err[k]:{f}}") if err else (lambda k, f: "")
    print(f"density at 300 K     {m['density']:.4f}{e('density', '.4f')} g/cm^3  (V/N {m['volume']:.4f} A^3)")
    print(f"e_IS                 {m['e_is']:.5f}{e('e_is', '.5f')} eV/atom")
    print(f"T_g (V-T kink)       {m['tg']:.0f}{e('tg', '.0f')} K  (lines through T < 600 K and T > 1200 K of the quench)")
    print(f"g(r) first peaks     Cu-Cu {m['cucu']:.3f}{e('cucu', '.3f')}  Cu-Zr {m['cuzr']:.3f}{e('cuzr', '.3f')}  "
          f"Zr-Zr {m['zrzr']:.3f}{e('zrzr', '.3f')} A")
    print(f"Cu-centred <0,0,12,0> {m['ico']:.4f}{e('ico', '.4f')}  ({m['radii']})")
    print(f"shear modulus (AQS)  {m['G']:.2f}{e('G', '.2f')} GPa;  yield (peak) stress {m['yield']:.3f}{e('yield', '.3f')} GPa;"
          f"  flow stress {m['flow']:.3f}{e('flow', '.3f')} GPa")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: report.py VITRUM OUT [OUT ...]  (several OUT: samples, then mean +- standard error)")
    vitrum, outs = sys.argv[1], sys.argv[2:]
    runs = []
    for out in outs:
        m = measure(out, vitrum)
        runs.append(m)
        print(f"== {out}: quench {m['rate']:g} K/ps, {m['minutes']:.1f} min on {m['threads']} thread(s)")
        show(m)
    if len(runs) > 1:
        keys = [k for k in runs[0] if isinstance(runs[0][k], float)]
        mean = {k: statistics.fmean(r[k] for r in runs) for k in keys}
        err = {k: statistics.stdev(r[k] for r in runs) / math.sqrt(len(runs)) for k in keys}
        mean["radii"] = runs[0]["radii"]
        print(f"== mean +- standard error over {len(runs)} samples")
        show(mean, err)
