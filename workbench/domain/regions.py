"""Region codes of GB/T 2260 (行政区划代码) below province level, for resident ID numbers.

An ID number keeps the code of the county where it was first issued, even after that
county was renamed or merged, so the table holds past codes too. It is the one python-
stdnum ships (``stdnum/cn/loc.dat``; python-stdnum 2.2, released January 2026, compiled
from the lists of administrative division codes on the Chinese Wikipedia, each name with
the years it was in use). Read once, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

SOURCE = "python-stdnum 2.2 stdnum/cn/loc.dat (GB/T 2260 codes, past and present)"
_PROVINCE_LINE = re.compile(r'(\d{2}) province="([^"]*)"')
_COUNTY_LINE = re.compile(r'\s+(\d{4}) county="([^"]*)"')


@functools.cache
def region_table() -> Mapping[str, str]:
    """Six-digit code -> its names with years ("[1983-]新华区"); empty if the table is
    missing (then no code is checked below province level)."""
    try:
        text = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return MappingProxyType({})
    table: dict[str, str] = {}
    province = ""
    for line in text.splitlines():
        if match := _PROVINCE_LINE.fullmatch(line):
            province = match.group(1)
            table[province + "0000"] = match.group(2)
        elif (match := _COUNTY_LINE.fullmatch(line)) and province:
            table[province + match.group(1)] = match.group(2)
    return MappingProxyType(table)


def region_known(code: str) -> bool | None:
    """Whether a six-digit region code is in GB/T 2260; None when no table is available."""
    table = region_table()
    if not table:
        return None
    return code in table


def region_name(code: str) -> str | None:
    """The current (last) name of a region code, without the years: "湛河区"."""
    names = region_table().get(code)
    if names is None:
        return None
    last = names.split(",")[-1]
    return re.sub(r"^\[[^\]]*\]", "", last)
