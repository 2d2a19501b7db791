"""Columns of text output that line up in a terminal with Chinese in them.

A CJK character takes two terminal cells; ``str.ljust`` and ``f"{x:<30}"`` count it as
one, so a table of Chinese labels drifts right row by row. ``fit`` pads by cells.
"""

from __future__ import annotations

import unicodedata


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide and full-width characters: two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(value: object, width: int, align: str = "<") -> str:
    """``value`` padded with spaces to ``width`` cells, on the left for ``align`` ">"
    (longer text is left whole, as the format spec would)."""
    text = str(value)
    pad = " " * max(0, width - cells(text))
    return pad + text if align == ">" else text + pad


__all__ = ["cells", "fit"]
