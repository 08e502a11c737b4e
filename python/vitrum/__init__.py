"""vitrum: an in-silico metallic-glass laboratory.

Systems and potentials (``System``, ``Potential``), recipes of every scale (``run`` for the atomistic recipes of
``vitrum run``; ``epm.run``, ``seep.run``, ``stz.run``, ``lpbf.run``, ``ttt.run``), analyses (``vitrum.analysis``), glass-forming
ability (``vitrum.gfa``) and an ASE calculator (``vitrum.ase.VitrumCalculator``). Every function runs the same C++
code as the ``vitrum`` command and gives the same numbers. Errors in inputs raise ``vitrum.Error`` (a ValueError).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve, to_toml
from ._vitrum import Error, Potential, System, count_frames, default_recipe, read_trajectory

__version__: str = _vitrum.__version__

__all__ = ["Error", "Potential", "System", "read_trajectory", "count_frames", "run", "default_recipe", "to_toml", "info", "analysis", "gfa", "epm", "seep", "stz",
           "lpbf", "ttt", "__version__"]


def info() -> Dict[str, str]:
    """Version and where this build finds its plot scripts and GFA data (as ``vitrum info``)."""
    try:
        gfa_data = _vitrum._gfa_data_dir()
    except Error as e:
        gfa_data = f"not found: {e}"
    share = _vitrum._share_dir()
    return {"version": __version__, "share_dir": share, "scripts": str(Path(share) / "scripts"), "gfa_data": gfa_data}


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out", resume: bool = False) -> Dict[str, Any]:
    """Run an atomistic recipe (``vitrum run``): a dict, TOML text or a .toml path. Writes ``out/`` (summary.json,
    thermo.csv, final.data, checkpoint.bin, ...) and returns the summary as a dict. ``resume=True`` continues from
    ``out/checkpoint.bin`` bit for bit. Ctrl-C writes a checkpoint and raises KeyboardInterrupt. No plots are made
    (``vitrum run`` makes them; ``scripts/plot_run.py OUT`` does it for a Python run)."""
    text, source = resolve(recipe)
    base_dir = Path(source).parent if not source.startswith("<") else Path.cwd()
    return _vitrum._run_recipe(text, source, str(base_dir), os.fspath(out), resume)


from . import analysis, epm, gfa, lpbf, seep, stz, ttt  # noqa: E402  (submodules that use run's helpers)
