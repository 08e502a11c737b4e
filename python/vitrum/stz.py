"""2D continuum STZ / free-volume plasticity in quasi-static simple shear (``vitrum stz``, docs/stz.md)."""
import os
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out/stz", progress: bool = False) -> Dict[str, Any]:
    """Run an STZ recipe (dict, TOML text or path) into ``out/``; returns summary.json as a dict."""
    text, source = resolve(recipe)
    return _vitrum._run_stz(text, source, os.fspath(out), progress)
