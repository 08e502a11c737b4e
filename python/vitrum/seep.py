"""The data-driven stochastic elastoplastic map of AQS shear histories (``vitrum seep``, docs/seep.md)."""
import os
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out/seep") -> Dict[str, Any]:
    """Run a SEEP recipe (dict, TOML text or path) into ``out/``; returns summary.json as a dict."""
    text, source = resolve(recipe)
    return _vitrum._run_seep(text, source, os.fspath(out))
