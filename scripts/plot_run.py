#!/usr/bin/python3
"""Plots T and E/N against time from a `vitrum run` output folder and prints the cooling-rate table; when the
run has AQS stages, plots their stress-strain curves on one figure and prints their shear summary; shear_rate and
creep stages: sigma_xy and strain against time (flow.png) and a table."""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else "out"
summary = json.load(open(os.path.join(out, "summary.json")))
stages = summary["stages"]
rows = list(csv.DictReader(open(os.path.join(out, "thermo.csv"))))
# summary.json names its units (older runs: the string "lj").
units = summary.get("units", "lj")
if not isinstance(units, dict):
    units = {"name": units, "time": "LJ units", "temperature": "", "energy": ""}
time_label = f"time in the stage ({units['time']})" if units["name"] != "lj" else "time in the stage (LJ units)"
unit_t = f" [{units['temperature']}]" if units["name"] != "lj" else ""
unit_e = f" [{units['energy']}]" if units["name"] != "lj" else ""

fig, (ax_t, ax_e) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
for st in stages:
    if st["kind"] != "md":
        continue
    k = str(st["index"])
    sel = [r for r in rows if r["stage"] == k]
    if not sel:
        continue
    time = [float(r["time"]) for r in sel]
    label = st.get("name", "stage " + k)
    if "rate" in st:
        label += f" (|dT/dt| = {st['rate']:g})"
    ax_t.plot(time, [float(r["temperature"]) for r in sel], label=label)
    ax_e.plot(time, [float(r["pe_per_particle"]) for r in sel], label=label)
ax_t.set_ylabel("T" + unit_t)
ax_e.set_ylabel("E_pot / N" + unit_e)
ax_e.set_xlabel(time_label)
ax_t.legend(fontsize=8)
fig.suptitle(f"{summary['potential']}, N = {summary['n']}")
fig.tight_layout()
fig.savefig(os.path.join(out, "thermo.png"), dpi=120)

# Each cooling ramp followed by a minimisation: rate, final E/N, e_IS, pressure.
if any(st["kind"] == "md" and "rate" in st for st in stages):
    print(f"{'stage':<8} {'rate |dT/dt|':>13} {'final T':>8} {'final E/N':>11} {'e_IS':>11} {'P':>9} {'P (IS)':>9}")
for i, st in enumerate(stages):
    if st["kind"] != "md" or "rate" not in st:
        continue
    nxt = stages[i + 1] if i + 1 < len(stages) and stages[i + 1]["kind"] == "minimize" else None
    e_is = f"{nxt['e_is']:.5f}" if nxt else "-"
    p_is = f"{nxt['final']['pressure']:.4f}" if nxt else "-"
    f = st["final"]
    print(f"{st.get('name', st['index']):<8} {st['rate']:>13g} {f['temperature']:>8.4f} {f['pe_per_particle']:>11.5f} "
          f"{e_is:>11} {f['pressure']:>9.4f} {p_is:>9}")
print(f"plot: {os.path.join(out, 'thermo.png')}")

# AQS stages: sigma_xy(gamma) of each on one figure, events marked; the glass's e_IS is the
# minimisation stage that precedes it.
aqs = [(i, st) for i, st in enumerate(stages) if st["kind"] == "aqs"]
if aqs:
    fig, ax = plt.subplots(figsize=(7, 4.5))
    print()
    print(f"{'AQS stage':<10} {'glass e_IS':>10} {'G':>7} {'peak':>7} {'flow':>7} {'overshoot':>9} {'largest drop':>12} "
          f"{'events':>6} {'band':>5} {'loc. index':>10}")
    for i, st in aqs:
        prev = stages[i - 1] if i > 0 and stages[i - 1]["kind"] == "minimize" else None
        e_is = prev["e_is"] if prev else float("nan")
        name = st.get("name", f"stage {st['index']}")
        line, = ax.plot(st["strain"], st["stress_xy"], lw=1.2, label=f"{name} (e_IS = {e_is:.4f})")
        path = os.path.join(out, f"stage{st['index']}-aqs.csv")
        if os.path.exists(path):
            ev = [r for r in csv.DictReader(open(path)) if r["event"] == "1"]
            ax.plot([float(r["gamma"]) for r in ev], [float(r["stress_xy"]) for r in ev], "v", ms=3,
                    color=line.get_color())
        print(f"{name:<10} {e_is:>10.5f} {st['shear_modulus']:>7.3f} {st['yield_stress']:>7.4f} {st['flow_stress']:>7.4f} "
              f"{st['yield_stress'] - st['flow_stress']:>9.4f} {st['largest_drop']:>12.4f} {st['events']:>6} "
              f"{str(st['band_detected']):>5} {st['localization_index']:>10.3f}")
    ax.set_xlabel("shear strain γ")
    ax.set_ylabel("σ_xy")
    ax.legend(fontsize=8)
    ax.set_title(f"AQS simple shear, {summary['potential']}, N = {summary['n']} (triangles: stress drops)")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "aqs.png"), dpi=120)
    print(f"plot: {os.path.join(out, 'aqs.png')}")

# Finite-rate shear and creep stages: sigma_xy and the strain against time, one panel each.
flow = [st for st in stages if st["kind"] in ("shear_rate", "creep")]
if flow:
    fig, (ax_s, ax_g) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    print()
    print(f"{'flow stage':<12} {'kind':<10} {'rate':>9} {'sigma_xy':>9} {'+-':>7} {'viscosity':>9} {'strain':>8} {'flowed':>6}")
    for st in flow:
        path = os.path.join(out, st["file"])
        if not os.path.exists(path):
            continue
        rows = list(csv.DictReader(open(path)))
        time = [float(r["time"]) for r in rows]
        name = st.get("name", f"stage {st['index']}")
        label = f"{name}: " + (f"rate {st['rate']:g}" if st["kind"] == "shear_rate" else f"creep at {st['target_stress']:g}")
        ax_s.plot(time, [float(r["stress_xy"]) for r in rows], lw=0.6, label=label)
        ax_g.plot(time, [float(r["strain"]) for r in rows], lw=1.2, label=label)
        rate = st["rate"] if st["kind"] == "shear_rate" else st["strain_rate"]["mean"]
        visc = st["viscosity"]["mean"] if st["kind"] == "shear_rate" else st["viscosity"]
        strain = st["strain"]  # the stage's strain at its end (creep: = final_strain)
        flowed = "-" if st["kind"] == "shear_rate" else str(st["flowed"])
        visc_text = f"{visc:>9.4f}" if visc is not None else f"{'-':>9}"
        print(f"{name:<12} {st['kind']:<10} {rate:>9.3g} {st['stress_xy']['mean']:>9.4f} {st['stress_xy']['stderr']:>7.4f} "
              f"{visc_text} {strain:>8.4f} {flowed:>6}")
    ax_s.set_ylabel("σ_xy")
    ax_g.set_ylabel("strain γ in the stage")
    ax_g.set_xlabel(time_label)
    ax_s.legend(fontsize=8)
    fig.suptitle(f"finite-rate shear / creep, {summary['potential']}, N = {summary['n']}")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "flow.png"), dpi=120)
    print(f"plot: {os.path.join(out, 'flow.png')}")

# Supercooled-liquid stages: F_s(q,t) per temperature, tau_alpha(1/T) with the VFT, parabolic and MCT fits, the
# Angell plot (T_g from the VFT at tau_g = glass_tau), D and eta against 1/T; one figure per stage and a table.
import math  # noqa: E402


def law(fit, T):
    p = {k: v["value"] for k, v in fit["params"].items()}
    if fit["law"] == "vft":
        return p["ln_tau0"] + p["D"] * p["T0"] / (T - p["T0"]) if T > p["T0"] else float("nan")
    if fit["law"] == "parabolic":
        return p["ln_tau0"] + p["J"] ** 2 * (1 / T - 1 / p["T_o"]) ** 2
    return p["ln_A"] - p["gamma"] * math.log(T - p["T_c"]) if T > p["T_c"] else float("nan")


for st in [s for s in stages if s["kind"] == "liquid"]:
    k = st["index"]
    entries = st["temperatures"]
    fits = st["fits"]
    fig, ((ax_f, ax_t), (ax_a, ax_d)) = plt.subplots(2, 2, figsize=(11, 8))
    sp = str(st["species"]) if st["species"] > 0 else "all"
    print()
    print(f"liquid stage {k} (species {sp}, q = {st['q']:g})")
    print(f"{'T':>7} {'tau_alpha':>10} {'+-':>8} {'D':>10} {'+-':>9} {'eta':>9} {'+-':>8} {'D tau/T':>8}")
    temps, taus, errs, ds, derrs, etas, etaerrs = [], [], [], [], [], [], []
    for e in entries:
        T = e["T"]
        a = e["fit_species"]
        rows_c = list(csv.DictReader(open(os.path.join(out, e["curves"]))))
        ax_f.semilogx([float(r["time"]) for r in rows_c], [float(r[f"fs_{sp}"]) for r in rows_c], label=f"T = {T:g}")
        tau, tau_e = a["tau_alpha"]["value"], a["tau_alpha"]["stderr"]
        D, D_e = a["D"]["value"], a["D"]["stderr"]
        eta = e["eta"].get("value") if isinstance(e["eta"], dict) else None
        eta_e = e["eta"].get("stderr") if isinstance(e["eta"], dict) else None
        se = e.get("stokes_einstein", {}).get("D_tau_over_T")
        fmtn = lambda x, w, f: f"{x:>{w}{f}}" if x is not None else f"{'-':>{w}}"  # noqa: E731
        print(f"{T:>7g} {fmtn(tau, 10, '.4g')} {fmtn(tau_e, 8, '.2g')} {fmtn(D, 10, '.4g')} {fmtn(D_e, 9, '.2g')} "
              f"{fmtn(eta, 9, '.4g')} {fmtn(eta_e, 8, '.2g')} {fmtn(se, 8, '.4g')}")
        if tau is not None:
            temps.append(T), taus.append(tau), errs.append(tau_e or 0.0)
            ds.append(D), derrs.append(D_e or 0.0), etas.append(eta), etaerrs.append(eta_e or 0.0)
    ax_f.axhline(math.exp(-1), color="k", lw=0.5, ls=":")
    ax_f.set_xlabel("t")
    ax_f.set_ylabel(f"F_s(q = {st['q']:g}, t), species {sp}")
    ax_f.legend(fontsize=7)
    inv = [1 / T for T in temps]
    ax_t.errorbar(inv, taus, yerr=errs, fmt="o", color="k", label="this run")
    if temps:
        grid = [min(temps) * 0.98 + (max(temps) * 1.02 - min(temps) * 0.98) * i / 200 for i in range(201)]
        for name, style in (("vft", "-"), ("parabolic", "--"), ("mct", ":")):
            f = fits.get(name, {})
            if "params" not in f:
                continue
            ax_t.plot([1 / T for T in grid], [math.exp(law(f, T)) for T in grid], style, label=name)
            p = f["params"]
            print(f"  {name:<9} " + ", ".join(f"{n} = {v['value']:.4g} ± {v['stderr']:.2g}" for n, v in p.items())
                  + (f"; m = {f['fragility']['m']:.3g} ± {f['fragility']['m_stderr']:.2g} at T_g = "
                     f"{f['fragility']['T_g']:.4g}" if "fragility" in f else ""))
    ax_t.set_yscale("log")
    ax_t.set_xlabel("1/T")
    ax_t.set_ylabel("τ_α")
    ax_t.legend(fontsize=8)
    vft = fits.get("vft", {})
    if "fragility" in vft:
        tg = vft["fragility"]["T_g"]
        ax_a.plot([tg / T for T in temps], [math.log10(t) for t in taus], "o", color="k", label="this run")
        xs = [0.2 + 0.8 * i / 200 for i in range(201)]
        ax_a.plot(xs, [law(vft, tg / x) / math.log(10) for x in xs], "-",
                  label=f"VFT, m = {vft['fragility']['m']:.3g}")
        ax_a.set_xlabel(f"T_g / T  (T_g = {tg:.3g}: τ_VFT(T_g) = {vft['fragility']['tau_g']:.0e})")
        ax_a.set_ylabel("log10 τ_α")
        ax_a.legend(fontsize=8)
    ax_d.errorbar(inv, ds, yerr=derrs, fmt="s", label="D")
    ok = [(x, y, e) for x, y, e in zip(inv, etas, etaerrs) if y is not None]
    if ok:
        ax_d.errorbar([o[0] for o in ok], [o[1] for o in ok], yerr=[o[2] for o in ok], fmt="^", label="η (Green–Kubo)")
    ax_d.set_yscale("log")
    ax_d.set_xlabel("1/T")
    ax_d.legend(fontsize=8)
    fig.suptitle(f"supercooled liquid, {summary['potential']}, N = {summary['n']}")
    fig.tight_layout()
    name = os.path.join(out, f"liquid-stage{k}.png")
    fig.savefig(name, dpi=120)
    print(f"plot: {name}")
