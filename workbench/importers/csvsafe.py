"""CSV written by the workbench never carries a live formula (CSV/formula injection).

A cell that a spreadsheet would evaluate — starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return — gets a leading apostrophe, which Excel and WPS show as text.
Plain negative numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def escape_csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(
    path: Path | str, header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True
) -> None:
    """UTF-8 with BOM by default, so Excel on a Chinese Windows opens it correctly."""
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([escape_csv_cell(h) for h in header])
        for row in rows:
            writer.writerow([escape_csv_cell(c) for c in row])
