"""Turn a chunk of text cells into typed field values, naming every cell that fails.

The generic path parses cell by cell. Call records (a million rows) take a vectorised
path for the usual spellings and fall back to the cell parsers only for the rows the
fast path cannot read, so messy rows get the same messages as everywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from workbench.importers import values as v
from workbench.importers.kinds import CALLS, FieldSpec, KindSpec
from workbench.importers.report import Issue

_FORMULA = r"^\s*(?:[=@]|[+\-]\s*[A-Za-z]|[+\-].*[=!|@])"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def formula_cells(frame: pd.DataFrame) -> list[Issue]:
    """Cells a spreadsheet would run as a formula (``=cmd|…``, ``@SUM``, ``+A1``): refused."""
    issues: list[Issue] = []
    for column in frame.columns:
        col = frame[column]
        hits = col.str.contains(_FORMULA, regex=True, na=False)
        if hits.any():
            for line in col.index[hits][:20]:
                issues.append(
                    Issue(
                        int(line),
                        str(column),
                        f"cell {_short(col[line])} looks like a spreadsheet formula; "
                        "formulas are refused (remove the leading =, +, - or @)",
                        code="cell.formula",
                        params={"value": _short(col[line])},
                    )
                )
    return issues


def _short(text: str, n: int = 30) -> str:
    text = str(text)
    return repr(text if len(text) <= n else text[:n] + "…")


def cell_issue(line: int, header: str, key: str, exc: ValueError) -> Issue:
    """A cell's parse failure as an issue, with the code and values the reason carries."""
    return Issue(
        line,
        header,
        str(exc),
        field=key,
        code=str(getattr(exc, "code", "")),
        params=dict(getattr(exc, "params", {}) or {}),
    )


def _required(line: int, header: str, key: str) -> Issue:
    return Issue(line, header, f"{key} is required", field=key, code="field.required")


def parse_cell(spec: FieldSpec, text: str) -> Any:
    if not spec.multiline and ("\n" in text or "\r" in text):
        raise v.CellError(
            "cell.line_break",
            "contains a line break (a quoted cell spanning lines) — not allowed here",
        )
    return spec.parse(text)


def parse_rows(
    frame: pd.DataFrame, kind: KindSpec, mapping: Mapping[str, str]
) -> tuple[list[tuple[int, dict[str, Any]]], list[Issue]]:
    """Each row's parsed values (only the fields whose cell was not empty) and the issues."""
    issues: list[Issue] = []
    out: list[tuple[int, dict[str, Any]]] = []
    specs = [(kind.field(key), header) for key, header in mapping.items()]
    columns = {header: frame[header].tolist() for _, header in specs}
    for i, line in enumerate(frame.index.tolist()):
        row: dict[str, Any] = {}
        bad = False
        for spec, header in specs:
            text = columns[header][i]
            if not text.strip():
                if spec.required:
                    issues.append(_required(line, header, spec.key))
                    bad = True
                continue
            try:
                row[spec.key] = parse_cell(spec, text)
            except ValueError as exc:
                issues.append(cell_issue(line, header, spec.key, exc))
                bad = True
        if not bad:
            out.append((line, row))
    return out, issues


# -- call records ----------------------------------------------------------------------


@dataclass
class CallColumns:
    """Parsed call rows as parallel columns (times as UTC microseconds)."""

    lines: list[int] = field(default_factory=list)
    caller: list[str] = field(default_factory=list)
    callee: list[str] = field(default_factory=list)
    started_us: list[int] = field(default_factory=list)
    duration_s: list[int] = field(default_factory=list)
    direction: list[str] = field(default_factory=list)
    cell: list[str] = field(default_factory=list)
    imei: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)


def _micros(moment: datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class _Column:
    """One mapped column: fast vectorised values, a per-cell fallback, and the issues."""

    def __init__(self, frame: pd.DataFrame, spec: FieldSpec, header: str | None) -> None:
        self.spec = spec
        self.header = header or ""
        self.raw: pd.Series | None = frame[header] if header else None
        self.bad = pd.Series(False, index=frame.index)
        self.issues: list[Issue] = []

    def fallback(self, values: pd.Series, ok: pd.Series, default: Any) -> pd.Series:
        """Cells the fast path did not read: empty → default (or an error), else the parser."""
        assert self.raw is not None
        values = values.astype(object)
        for line in self.raw.index[~ok]:
            text = self.raw[line]
            if not text.strip():
                if self.spec.required:
                    self._error(line, _required(int(line), self.header, self.spec.key))
                else:
                    values[line] = default
                continue
            try:
                values[line] = parse_cell(self.spec, text)
            except ValueError as exc:
                self._error(line, cell_issue(int(line), self.header, self.spec.key, exc))
        return values

    def _error(self, line: Any, issue: Issue) -> None:
        self.bad[line] = True
        if len(self.issues) < 1000:
            self.issues.append(issue)


def _phones(col: _Column) -> pd.Series:
    assert col.raw is not None
    ok = col.raw.str.fullmatch(r"(?!0086|86\d{11}$)\d{3,20}", na=False)
    return col.fallback(col.raw, ok, "")


def _times(col: _Column, zone: str, today: date) -> pd.Series:
    assert col.raw is not None
    stamp = pd.to_datetime(col.raw, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    lo, hi = pd.Timestamp(v.EARLIEST), pd.Timestamp(today + timedelta(days=1))
    ok = stamp.notna() & (stamp >= lo) & (stamp <= hi)
    local = stamp.where(ok).dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    ok &= local.notna()
    micros = pd.Series(0, index=col.raw.index, dtype="int64")
    if ok.any():
        micros[ok] = local[ok].dt.tz_convert("UTC").dt.as_unit("us").astype("int64")
    out = micros.astype(object)
    for line in col.raw.index[~ok]:
        text = col.raw[line]
        if not text.strip():
            col._error(line, _required(int(line), col.header, col.spec.key))
            continue
        try:
            out[line] = _micros(v.parse_datetime(text, zone, today=today))
        except ValueError as exc:
            col._error(line, cell_issue(int(line), col.header, col.spec.key, exc))
    return out


def parse_calls(
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    *,
    zone: str = v.DEFAULT_ZONE,
    today: date | None = None,
) -> tuple[CallColumns, list[Issue]]:
    today = today or date.today()
    cols = {spec.key: _Column(frame, spec, mapping.get(spec.key)) for spec in CALLS.fields}
    caller = _phones(cols["caller"])
    callee = _phones(cols["callee"])
    started = _times(cols["started_at"], zone, today)
    n = len(frame)
    empty = pd.Series([""] * n, index=frame.index, dtype=object)

    duration: pd.Series = pd.Series([0] * n, index=frame.index, dtype=object)
    c = cols["duration_s"]
    if c.raw is not None:
        ok = c.raw.str.fullmatch(r"\d{1,9}", na=False)
        duration = c.fallback(c.raw.where(~ok, "0").astype(object), ok, 0)
        if ok.any():
            duration[ok] = c.raw[ok].astype("int64")

    direction = empty
    c = cols["direction"]
    if c.raw is not None:
        mapped = c.raw.str.strip().str.lower().map(v.CALL_DIRECTIONS)
        direction = c.fallback(mapped, mapped.notna(), "")

    texts: dict[str, pd.Series] = {}
    for key, limit in (("cell", 64), ("imei", 20)):
        c = cols[key]
        if c.raw is None:
            texts[key] = empty
            continue
        stripped = c.raw.str.strip()
        if key == "imei":
            ok = stripped.str.fullmatch(r"(?:\d{14,16})?", na=False)
        else:
            ok = (stripped.str.len() <= limit) & ~stripped.str.contains("[\r\n]", regex=True)
        texts[key] = c.fallback(stripped, ok, "")

    bad = np.zeros(n, dtype=bool)
    issues: list[Issue] = []
    for c in cols.values():
        bad |= c.bad.to_numpy()
        issues += c.issues
    keep = ~bad
    out = CallColumns(
        lines=frame.index[keep].tolist(),
        caller=caller[keep].tolist(),
        callee=callee[keep].tolist(),
        started_us=[int(x) for x in started[keep].tolist()],
        duration_s=[int(x) for x in duration[keep].tolist()],
        direction=direction[keep].tolist(),
        cell=texts["cell"][keep].tolist(),
        imei=texts["imei"][keep].tolist(),
    )
    issues.sort(key=lambda i: (i.line or 0, i.column))
    return out, issues
