"""TTT curves, nose and critical cooling rate from classical nucleation theory (``vitrum ttt``)."""
import os
from typing import Any, Dict, Union

from . import _vitrum
from ._recipes import RecipeLike, resolve


def run(recipe: RecipeLike, out: Union[str, os.PathLike] = "out/ttt", calibrate_rc: float = 0.0) -> Dict[str, Any]:
    """Run a TTT recipe (dict, TOML text or path) into ``out/`` (ttt.csv, summary.json); ``calibrate_rc`` > 0 first
    fits the interfacial energy to that R_c [K/s], as ``--calibrate-rc``. Returns summary.json as a dict."""
    text, source = resolve(recipe)
    return _vitrum._run_ttt(text, source, os.fspath(out), calibrate_rc)
