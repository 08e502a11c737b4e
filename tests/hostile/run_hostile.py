#!/usr/bin/python3
"""Runs vitrum on every case of the hostile-input corpus (manifest.tsv) and checks each outcome.

A manifest line: NAME <tab> EXIT <tab> FRAGMENT <tab> ARGUMENTS, where ARGUMENTS are vitrum's (shell words;
{cases} is this corpus's folder, {tmp} a fresh scratch folder for the case). A case passes when vitrum exits
with EXIT (always < 128: no signal, no abort), within the time limit, and, for EXIT != 0, its stderr is one line
starting 'vitrum: error: ' that contains FRAGMENT. Usage: run_hostile.py VITRUM [MANIFEST]"""
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    vitrum = os.path.abspath(sys.argv[1])
    manifest = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "manifest.tsv")
    failures, count = [], 0
    t0 = time.time()
    with open(manifest) as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    for line in lines:
        fields = line.split("\t")
        if len(fields) != 4:
            failures.append(f"manifest line malformed (4 tab-separated fields expected): {line}")
            continue
        name, code, fragment, args = fields
        count += 1
        with tempfile.TemporaryDirectory(prefix="vitrum_hostile_") as tmp:
            argv = [vitrum] + [a.format(cases=os.path.join(HERE, "cases"), tmp=tmp) for a in shlex.split(args)]
            try:
                r = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=tmp,
                                   env=dict(os.environ, OMP_NUM_THREADS="1"))
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no answer within 60 s (a hang)")
                continue
        rc = r.returncode if r.returncode >= 0 else 128 - r.returncode
        err = r.stderr.strip()
        why = []
        if rc >= 128: why.append(f"killed by a signal (exit {rc})")
        if rc != int(code): why.append(f"exit {rc}, expected {code}")
        if int(code) != 0:
            last = err.splitlines()[-1] if err else ""
            errors = [l for l in err.splitlines() if l.startswith("vitrum: error: ")]
            if len(errors) != 1 or not last.startswith("vitrum: error: "):
                why.append("expected one 'vitrum: error: ' line as the last line of stderr")
            if fragment not in err: why.append(f"message lacks '{fragment}'")
        if why:
            failures.append(f"{name}: {'; '.join(why)}\n    stderr: {err[-600:]}")
    print(f"hostile corpus: {count} cases, {len(failures)} failed, {time.time() - t0:.1f} s")
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
