#!/usr/bin/env bash
# cmake --install into a temporary prefix, the prefix then moved elsewhere: the installed `vitrum` and
# `import vitrum` find their plot scripts and GFA data inside the moved prefix (never in the source or build tree),
# plot a TTT curve, compute GFA criteria and a potential energy.
# Usage: test_install.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/first" > "$work/install.log"
mv "$work/first" "$work/moved"   # a relocated install: no path may point at the prefix it was installed to
prefix=$work/moved
cd "$work"   # away from the source tree

"$prefix/bin/vitrum" info --format json > info.json
/usr/bin/python3 - "$prefix" info.json <<'PY'
import json, sys
prefix, info = sys.argv[1], json.load(open(sys.argv[2]))
for key in ("share_dir", "scripts", "gfa_data"):
    assert info[key].startswith(prefix), f"vitrum info: {key} = {info[key]} is outside the installed prefix {prefix}"
PY
"$prefix/bin/vitrum" ttt "$prefix/share/vitrum/recipes/ttt_vit1.toml" --out ttt > ttt.log
test -s ttt/ttt.png || { echo "installed vitrum ttt made no ttt.png"; cat ttt.log; exit 1; }
"$prefix/bin/vitrum" gfa criteria Cu50Zr50 > criteria.log
grep -q "Cu" criteria.log

PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 - "$prefix" <<'PY'
import sys
import vitrum
prefix = sys.argv[1]
assert vitrum.__file__.startswith(prefix), vitrum.__file__
info = vitrum.info()
for key in ("share_dir", "scripts", "gfa_data"):
    assert info[key].startswith(prefix), f"vitrum.info(): {key} = {info[key]} is outside {prefix}"
s = vitrum.System.generate("kob-andersen", 400, seed=2)
e = vitrum.Potential("kob-andersen").energy(s)
assert e == e and vitrum.gfa.criteria("Cu50Zr50", vitrum.gfa.ElementData()) is not None
print(f"installed Python package: vitrum {vitrum.__version__} from {vitrum.__file__}")
PY
echo "install moved to $prefix works: vitrum info, ttt with plot, gfa criteria, import vitrum"
