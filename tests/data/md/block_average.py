#!/usr/bin/python3
"""Block-average the NVT production samples written by nvt.in.

Reads nvt_T0.8.samples(.gz) and nvt_T1.0.samples(.gz) (columns: step, temperature,
pe per particle, pressure; one row every 10 steps), and writes nvt_reference.json.

stderr = std(block means, ddof=1)/sqrt(nblocks), with NBLOCKS=20 equal blocks.
As a check that the blocks are longer than the correlation time, the script also
computes the integrated autocorrelation time tau_int (Sokal windowing, c=6) and
the Flyvbjerg-Petersen blocking estimate; both are stored under "diagnostics".
"""
import gzip, json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NBLOCKS = 20
DT = 0.005
STRIDE = 10          # steps between samples
NEQ, NPROD, N = 40000, 100000, 4000
COLS = {"temperature": 1, "pe_per_particle": 2, "pressure": 3}


def load(T):
    for name in (f"nvt_T{T}.samples", f"nvt_T{T}.samples.gz"):
        p = os.path.join(HERE, name)
        if os.path.exists(p):
            op = gzip.open if p.endswith(".gz") else open
            with op(p, "rt") as f:
                return np.loadtxt(f, comments="#")
    sys.exit(f"no samples for T={T}")


def tau_int(x, c=6.0):
    """integrated autocorrelation time in units of samples (Sokal window)."""
    x = x - x.mean()
    n = len(x)
    f = np.fft.rfft(x, 2 * n)
    acf = np.fft.irfft(f * np.conj(f))[:n]
    acf /= acf[0]
    tau = 0.5
    for m in range(1, n):
        tau += acf[m]
        if m >= c * tau:
            break
    return tau


def block_stderr(x, nb):
    m = len(x) // nb
    b = x[: m * nb].reshape(nb, m).mean(axis=1)
    return b.std(ddof=1) / np.sqrt(nb), m


def flyvbjerg(x):
    """max over blocking levels with >= 32 blocks of the FP stderr estimate."""
    best = 0.0
    y = x.copy()
    while len(y) >= 32:
        best = max(best, y.std(ddof=1) / np.sqrt(len(y)))
        y = 0.5 * (y[: len(y) // 2 * 2 : 2] + y[1 : len(y) // 2 * 2 : 2])
    return best


out = {}
for T in ("0.8", "1.0"):
    d = load(T)
    # production: step 10 .. 100000 (step 0 would be the equilibration end point)
    d = d[d[:, 0] > 0]
    assert len(d) == NPROD // STRIDE, len(d)
    res = {}
    diag = {}
    for key, col in COLS.items():
        x = d[:, col]
        se, m = block_stderr(x, NBLOCKS)
        ti = tau_int(x)
        res[key] = {"mean": float(x.mean()), "stderr": float(se)}
        diag[key] = {
            "block_length_tau": m * STRIDE * DT,
            "tau_int_tau": float(ti * STRIDE * DT),
            "stderr_from_tau_int": float(x.std(ddof=1) * np.sqrt(2 * ti / len(x))),
            "stderr_flyvbjerg_petersen": float(flyvbjerg(x)),
            "std_of_samples": float(x.std(ddof=1)),
        }
    res.update({"steps": NPROD, "equilibrate": NEQ, "n": N, "dt": DT,
                "sample_every": STRIDE, "nblocks": NBLOCKS, "diagnostics": diag})
    out["T" + T] = res

with open(os.path.join(HERE, "nvt_reference.json"), "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps(out, indent=2))
