"""Reading gold JSON Lines files: one shared reader with one-line errors naming file and line."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import EvalError

__all__ = ["read_gold"]


def read_gold(path: Path, fields: dict[str, type], what: str, limit: int | None = None) -> list[dict]:
    """The records of a JSON Lines gold file, each checked to hold ``fields`` of their types.

    ``what`` names the record kind in errors (``"quotes gold record"``). Blank lines are
    skipped; at most ``limit`` records are read. Raises EvalError naming the file and line.
    """
    if not path.is_file():
        raise EvalError(f"{path}: no such file")
    names = ", ".join(fields)
    out: list[dict] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and len(out) >= limit:
                break
            try:
                record = json.loads(line)
                for name, kind in fields.items():
                    if not isinstance(record[name], kind):
                        raise TypeError(f"{name!r} is not a {kind.__name__}")
            except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
                raise EvalError(f"{path}:{n}: not a {what} ({names}): {exc}") from exc
            out.append(record)
    return out
