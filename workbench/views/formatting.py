"""Cell text for table values, kept free of Qt so the rules are tested without a display.

Values arrive in model units (int mg, int fen, basis points, aware UTC datetimes,
vocabulary keys); the user reads grams, yuan with grouping, local times and labels in
their language. Digit grouping is injected (the window passes QLocale's) so the exact
integer arithmetic stays here and the locale's conventions stay Qt's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from workbench.domain import vocab
from workbench.domain.quantities import format_grams
from workbench.services.core import audit_text
from workbench.services.core.record_names import RecordNames
from workbench.services.core.unit_of_work import VIA_KEY

DEFAULT_ZONE = "Asia/Shanghai"

_SEX = {"M": ("男", "male"), "F": ("女", "female")}
_PRECISION_FORMATS = {
    "minute": "%Y-%m-%d %H:%M",
    "day": "%Y-%m-%d",
    "month": "%Y-%m",
    "year": "%Y",
}
_NUMERIC = frozenset({"int", "weight", "money", "purity"})


def python_grouping(digits: int) -> str:
    """Thousands grouping with commas: what zh_CN and en both use."""
    return f"{digits:,}"


@dataclass(frozen=True)
class CellFormatter:
    """Formats one value of a column ``kind`` (see services.tables.Column) for display."""

    lang: str = "zh_CN"
    zone: str = DEFAULT_ZONE
    group: Callable[[int], str] = python_grouping
    decimal_point: str = "."
    _tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tz", ZoneInfo(self.zone))

    @property
    def chinese(self) -> bool:
        return self.lang.startswith("zh")

    def is_numeric(self, kind: str) -> bool:
        return kind in _NUMERIC

    def format(self, kind: str, value: Any, row: Mapping[str, Any] | None = None) -> str:
        if value is None or value == "":
            return ""
        if kind == "vocab:AUDIT_ACTIONS" and row is not None:  # an undo says it was one
            via = (row.get("changes_data") or {}).get(VIA_KEY, "")
            return audit_text.action_text(str(value), str(via or ""), self.lang)
        if kind.startswith("vocab:"):
            labels = getattr(vocab, kind.removeprefix("vocab:"), None)
            return vocab.label(labels, str(value), self.lang) if labels else str(value)
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            return str(value)
        text: str = handler(value, row or {})
        return text

    # -- one method per kind -------------------------------------------------------

    def _text(self, value: Any, row: Mapping[str, Any]) -> str:
        if isinstance(value, str) and value in _SEX and len(value) == 1:
            zh, en = _SEX[value]
            return zh if self.chinese else en
        return str(value)

    def _int(self, value: int, row: Mapping[str, Any]) -> str:
        return self.grouped(str(value))

    def _bool(self, value: Any, row: Mapping[str, Any]) -> str:
        return "✓" if value else ""

    def _list(self, value: Any, row: Mapping[str, Any]) -> str:
        items = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        return ("、" if self.chinese else ", ").join(items)

    def _date(self, value: date | str, row: Mapping[str, Any]) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)

    def _datetime(self, value: datetime, row: Mapping[str, Any]) -> str:
        local = self.local(value)
        pattern = _PRECISION_FORMATS.get(str(row.get("precision", "minute")), "%Y-%m-%d %H:%M")
        if pattern == _PRECISION_FORMATS["minute"] and local.second:
            pattern += ":%S"
        return local.strftime(pattern)

    def _weight(self, value: int, row: Mapping[str, Any]) -> str:
        return self.grouped(format_grams(int(value)))

    def _money(self, value: int, row: Mapping[str, Any]) -> str:
        fen = int(value)
        whole, part = divmod(abs(fen), 100)
        sign = "-" if fen < 0 else ""
        return f"{sign}¥{self.group(whole)}{self.decimal_point}{part:02d}"

    def _purity(self, value: int, row: Mapping[str, Any]) -> str:
        whole, part = divmod(int(value), 100)
        return f"{whole}{self.decimal_point}{part:02d}%"

    def _audit_record(self, value: Any, row: Mapping[str, Any]) -> str:
        """The record an audit entry is about, by its business key (PDS-2019-001-JC01)."""
        names = row.get("names")
        if not isinstance(names, RecordNames):
            return str(value)
        data = row.get("changes_data") or {}
        entity = str(row.get("entity") or "")
        return audit_text.record_name(entity, str(value), data, names.in_language(self.lang))

    def _changes(self, value: Any, row: Mapping[str, Any]) -> str:
        """An audit entry's changes as "净重: 8,048 克 → 8,050 克; …" for reading in a row:
        labelled fields, display units, labels, local times, records by name."""
        data = json.loads(value) if isinstance(value, str) else value
        names = row.get("names")
        if isinstance(data, dict) and isinstance(names, RecordNames):
            rows = audit_text.change_rows(
                str(row.get("entity") or ""), data, self.lang, names.in_language(self.lang),
                self.zone,
            )  # fmt: skip
            return audit_text.rows_text(rows, self.lang)
        if not isinstance(data, dict):
            return str(value)
        before, after = data.get("before"), data.get("after")
        sep = "；" if self.chinese else "; "
        if isinstance(before, dict) and isinstance(after, dict):
            return sep.join(
                f"{k}: {_short(before.get(k))} → {_short(after.get(k))}"
                for k in sorted(set(before) | set(after))
            )
        side = after if isinstance(after, dict) else before
        if isinstance(side, dict):
            shown = {k: v for k, v in side.items() if v not in (None, "", [], {})}
            return sep.join(f"{k}={_short(v)}" for k, v in sorted(shown.items()))
        rest = {k: v for k, v in data.items() if k not in ("before", "after")}
        return sep.join(f"{k}={_short(v)}" for k, v in sorted(rest.items()))

    # -- helpers -------------------------------------------------------------------

    def local(self, value: datetime) -> datetime:
        """An aware UTC time in the workstation's zone (a naive one is taken as UTC)."""
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(self._tz)

    def decimal(self, value: Decimal) -> str:
        """An exact decimal without trailing zeros or exponent, grouped ("26,000")."""
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return self.grouped(text)

    def grouped(self, text: str) -> str:
        """Group the whole part of a plain decimal string ("26000.5" -> "26,000.5")."""
        sign = "-" if text.startswith("-") else ""
        whole, _, fraction = text.lstrip("-").partition(".")
        grouped = self.group(int(whole))
        return f"{sign}{grouped}{self.decimal_point}{fraction}" if fraction else sign + grouped


def _short(value: Any) -> str:
    if value is None:
        return "∅"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def vocab_label(name: str, key: str, lang: str) -> str:
    labels = getattr(vocab, name, None)
    return vocab.label(labels, key, lang) if labels else key
