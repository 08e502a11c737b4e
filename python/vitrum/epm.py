"""The mesoscale elastoplastic model (``vitrum epm``, docs/epm.md)."""
import os
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out/epm", progress: bool = False) -> Dict[str, Any]:
    """Run an EPM recipe (dict, TOML text or path) into ``out/``; returns summary.json as a dict."""
    text, source = resolve(recipe)
    return _vitrum._run_epm(text, source, os.fspath(out), progress)
