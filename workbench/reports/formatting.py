"""How exact values are written in the package: no floats, no rounding of weights."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from workbench.domain.quantities import bp_to_percent, format_cny, format_grams

DEFAULT_ZONE = "Asia/Shanghai"


def grams(mg: int | None) -> str:
    """Exact grams, shortest form ("26000", "0.01"); weights are never grouped or rounded."""
    return "" if mg is None else format_grams(mg)


def money(fen: int) -> str:
    """Yuan with grouping and two places: "2,060,000.00"."""
    whole, _, cents = format_cny(fen).partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}.{cents}"


def money_words(fen: int, lang: str) -> str:
    """Money as a sentence writes it: in Chinese whole hundreds of 元 from 1万 on as
    万元 ("206万元", "20.6万元"), other amounts in 元 ("3,580.50元"); "CNY 2,060,000.00"."""
    if not lang.startswith("zh"):
        return f"CNY {money(fen)}"
    if fen >= 1_000_000 and fen % 10_000 == 0:
        return f"{decimal_text(Decimal(fen) / 1_000_000)}万元"
    return f"{money(fen)}元"


def purity(bp: int | None) -> str:
    return "" if bp is None else f"{bp_to_percent(bp)} %"


def decimal_text(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros ("26000", "1.5")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def local(value: datetime | None, zone: str, precision: str = "minute") -> str:
    """A stored UTC time in the reader's zone, to the precision it is known."""
    if value is None:
        return ""
    here = value.astimezone(ZoneInfo(zone))
    if precision == "year":
        return f"{here.year}"
    if precision == "month":
        return f"{here.year}-{here.month:02d}"
    if precision == "day":
        return here.strftime("%Y-%m-%d")
    return here.strftime("%Y-%m-%d %H:%M")
