"""Recipes given as a dict, a TOML string or a path, turned into the TOML text and source name the runners read."""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Mapping, Tuple, Union

RecipeLike = Union[str, os.PathLike, Mapping[str, Any]]


def _key(k: str) -> str:
    if k and all(c.isalnum() or c in "_-" for c in k):
        return k
    return json.dumps(k)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, (str, os.PathLike)):
        return json.dumps(os.fspath(v))  # JSON's escapes are TOML basic-string escapes
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if hasattr(v, "tolist"):  # NumPy scalars and arrays
        return _value(v.tolist())
    raise TypeError(f"recipe value {v!r} of type {type(v).__name__} has no TOML form")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, Mapping) for x in v)


def to_toml(recipe: Mapping[str, Any]) -> str:
    """The TOML text of a recipe dict: nested dicts become [tables], lists of dicts [[arrays of tables]]."""
    lines: list[str] = []

    def emit(table: Mapping[str, Any], prefix: str) -> None:
        for k, v in table.items():
            if not isinstance(v, Mapping) and not _is_table_array(v):
                lines.append(f"{_key(k)} = {_value(v)}")
        for k, v in table.items():
            name = prefix + _key(k)
            if isinstance(v, Mapping):
                lines.extend(["", f"[{name}]"])
                emit(v, name + ".")
            elif _is_table_array(v):
                for item in v:
                    lines.extend(["", f"[[{name}]]"])
                    emit(item, name + ".")

    emit(recipe, "")
    return "\n".join(lines).lstrip("\n") + "\n"


def resolve(recipe: RecipeLike) -> Tuple[str, str]:
    """(TOML text, source name). A path's relative file names resolve against its folder; a dict's or a string's
    against the current directory. A string is TOML when it holds a newline or '=', else a path."""
    if isinstance(recipe, Mapping):
        return to_toml(recipe), "<recipe dict>"
    if isinstance(recipe, os.PathLike) or (isinstance(recipe, str) and "\n" not in recipe and "=" not in recipe):
        path = Path(recipe)
        try:
            return path.read_text(), str(path)
        except OSError as e:
            raise ValueError(f"{path}: cannot read the recipe ({e.strerror})") from None
    if isinstance(recipe, str):
        return recipe, "<recipe string>"
    raise TypeError(f"a recipe is a dict, a TOML string or a path, not {type(recipe).__name__}")
