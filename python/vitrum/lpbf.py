"""Laser powder-bed fusion of a glass former: melt pool, devitrification, process map (``vitrum lpbf``, docs/lpbf.md)."""
import os
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out/lpbf", progress: bool = False,
        map: bool = True) -> Dict[str, Any]:  # noqa: A002 (the CLI's --no-map)
    """Run an LPBF recipe (dict, TOML text or path) into ``out/``; ``map=False`` skips its [map]. Returns summary.json
    as a dict. A relative ``kinetics`` file resolves against the recipe's folder (a dict's: the current one)."""
    text, source = resolve(recipe)
    return _vitrum._run_lpbf(text, source, os.fspath(out), progress, map)
