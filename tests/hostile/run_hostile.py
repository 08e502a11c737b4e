#!/usr/bin/python3
"""Runs vitrum on every case of the hostile-input corpus (manifest.tsv) and checks each outcome.

A manifest line: NAME <tab> EXIT <tab> FRAGMENT <tab> ARGUMENTS, where ARGUMENTS are vitrum's (shell words;
{cases} is this corpus's folder, {tmp} a fresh scratch folder for the case). A case passes when vitrum exits
with EXIT (always < 128: no signal, no abort), within the time limit, and, for EXIT != 0, its stderr is one line
starting 'vitrum: error: ' that contains FRAGMENT; for EXIT 0 a non-empty FRAGMENT must appear in its stdout (a
legitimate input whose result must say something, e.g. that a fit does not exist).

ARGUMENTS may be several steps joined by ' && ': the earlier steps prepare the case and must succeed, the last one
is judged. A step '@flip FILE BYTE' flips the lowest bit of that byte of FILE, '@truncate FILE SIZE' cuts FILE to
SIZE bytes (damaged checkpoints and model files). Usage: run_hostile.py VITRUM [MANIFEST]"""
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_steps(vitrum, args, tmp):
    """Runs the ' && '-joined steps of one case in tmp; returns the last step's result and what failed before it."""
    steps = args.split(" && ")
    for i, step in enumerate(steps):
        words = [a.format(cases=os.path.join(HERE, "cases"), tmp=tmp) for a in shlex.split(step)]
        if words[0] == "@flip":
            with open(words[1], "r+b") as f:
                f.seek(int(words[2]))
                byte = f.read(1)[0]
                f.seek(int(words[2]))
                f.write(bytes([byte ^ 1]))
            continue
        if words[0] == "@truncate":
            os.truncate(words[1], int(words[2]))
            continue
        r = subprocess.run([vitrum] + words, capture_output=True, text=True, timeout=60, cwd=tmp,
                           env=dict(os.environ, OMP_NUM_THREADS="1"))
        if i + 1 < len(steps) and r.returncode != 0:
            return r, f"preparation step '{step}' failed (exit {r.returncode}): {r.stderr.strip()[-300:]}"
    return r, None


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
            try:
                r, prep_failure = run_steps(vitrum, args, tmp)
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no answer within 60 s (a hang)")
                continue
        if prep_failure:
            failures.append(f"{name}: {prep_failure}")
            continue
        rc = r.returncode if r.returncode >= 0 else 128 - r.returncode
        err = r.stderr.strip()
        why = []
        if int(code) == 0 and fragment and fragment not in r.stdout: why.append(f"output lacks '{fragment}'")
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
