"""An audit entry as an auditor reads it: labelled fields, display units, vocabulary
labels, local time, and records named by their business key — no Qt, so the window,
the command line and the prosecution package can all say the same.

"update seizure 1: net_mg 8048000 → 8050000" becomes "修改 检材/物证
PDS-2019-001-JC01: 净重 8,048 克 → 8,050 克"; an undo or redo of an earlier edit is
marked as such (``via`` in its changes, written by ``unit_of_work.marked_as``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from workbench.domain import vocab
from workbench.domain.quantities import format_cny, format_grams
from workbench.services.core.audit import AuditRecord
from workbench.services.core.audit_fields import (
    HIDDEN,
    REFERENCES,
    SEX,
    field_kind,
    field_label,
    field_vocab,
)
from workbench.services.core.record_names import RecordNames, Ref, snapshot_name
from workbench.services.core.unit_of_work import VIA_KEY

DEFAULT_ZONE = "Asia/Shanghai"
_MARKS = {"undo": ("撤销", "undo"), "redo": ("重做", "redo")}
_EMPTY: tuple[Any, ...] = (None, "", [], {})


@dataclass(frozen=True)
class ChangeRow:
    """One field of an entry: its label and the values before and after, as read."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableEntry:
    seq: int
    when: str  # local time, "2019-02-26 14:30:05"
    user: str
    action: str  # "修改", or "删除（撤销）" for an undo
    mark: str  # "undo", "redo" or ""
    entity: str  # "检材/物证"
    record: str  # "PDS-2019-001-JC01"
    changes: tuple[ChangeRow, ...]

    def headline(self) -> str:
        """ "修改 检材/物证 PDS-2019-001-JC01" """
        return " ".join(p for p in (self.action, self.entity, self.record) if p)

    def text(self, lang: str) -> str:
        """The changes on one line: "净重: 8,048 克 → 8,050 克; 含量: 78.35%"."""
        return rows_text(self.changes, lang)


def rows_text(rows: Iterable[ChangeRow], lang: str) -> str:
    """Change rows on one line: "净重: 8,048 克 → 8,050 克；含量: 78.35%"."""
    sep = "；" if lang.startswith("zh") else "; "
    parts = []
    for row in rows:
        if row.before and row.after:
            parts.append(f"{row.label}: {row.before} → {row.after}")
        else:
            parts.append(f"{row.label}: {row.after or row.before}")
    return sep.join(parts)


# -- values ----------------------------------------------------------------------------


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def _grouped(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else sign + grouped


def local_time(text: str, zone: str = DEFAULT_ZONE) -> str:
    """An ISO time (UTC, as stored) in the workstation's zone; text that is no time as is."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(zone))
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def format_value(
    entity: str,
    field: str,
    value: Any,
    lang: str,
    names: RecordNames | None = None,
    zone: str = DEFAULT_ZONE,
    row: Mapping[str, Any] | None = None,
) -> str:
    """One stored value as a person reads it, in ``lang`` and display units."""
    if value in _EMPTY:
        return "—"
    kind = field_kind(entity, field)
    zh = _zh(lang)
    if kind == "weight" and isinstance(value, int):
        return f"{_grouped(format_grams(value))} {'克' if zh else 'g'}"
    if kind == "money" and isinstance(value, int):
        return f"¥{_grouped(format_cny(value))}"
    if kind == "purity" and isinstance(value, int):
        whole, part = divmod(value, 100)
        return f"{whole}.{part:02d}%"
    if kind == "bool":
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if kind == "sex" and isinstance(value, str) and value in SEX:
        return SEX[value][0 if zh else 1]
    if kind == "vocab" and isinstance(value, str):
        labels = field_vocab(entity, field)
        return vocab.label(labels, value, lang) if labels else value
    if kind == "datetime" and isinstance(value, str):
        return local_time(value, zone)
    if kind == "ref":
        return _reference(field, value, names, row)
    if field == "participants" and isinstance(value, list):
        return _joined([_pair_name(p, names, lang) for p in value], lang)
    if isinstance(value, list):
        return _joined([str(v) for v in value], lang)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _joined(items: list[str], lang: str) -> str:
    return ("、" if _zh(lang) else ", ").join(items)


def _reference(
    field: str, value: Any, names: RecordNames | None, row: Mapping[str, Any] | None
) -> str:
    target = REFERENCES[field]
    if target.startswith("@"):
        target = str((row or {}).get(target[1:]) or "")
    name = names.name(target, value) if names is not None and target else None
    return name or f"#{value}"


def _pair_name(pair: Any, names: RecordNames | None, lang: str) -> str:
    if isinstance(pair, list | tuple) and len(pair) == 2:
        kind, ident = str(pair[0]), pair[1]
        name = names.name(kind, ident) if names is not None else None
        return name or f"{vocab.label(vocab.ENTITY_KINDS, kind, lang)} #{ident}"
    return str(pair)


# -- entries ---------------------------------------------------------------------------


def change_rows(
    entity: str,
    changes: Mapping[str, Any],
    lang: str,
    names: RecordNames | None = None,
    zone: str = DEFAULT_ZONE,
) -> list[ChangeRow]:
    """(label, before, after) per field: an update's changed fields; the filled fields of
    a created or deleted record; an entry's own keys (an import, a sign-in) otherwise."""
    before, after = changes.get("before"), changes.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        fields = sorted(set(before) | set(after))
        return [
            ChangeRow(
                f,
                field_label(entity, f, lang),
                format_value(entity, f, before.get(f), lang, names, zone, before),
                format_value(entity, f, after.get(f), lang, names, zone, after),
            )
            for f in fields
            if f not in HIDDEN
        ]
    side, is_after = (after, True) if isinstance(after, dict) else (before, False)
    if not isinstance(side, dict):
        side, is_after = {k: v for k, v in changes.items() if k != VIA_KEY}, True
    rows = []
    for f in sorted(side):
        if f in HIDDEN or side[f] in _EMPTY:
            continue
        text = format_value(entity, f, side[f], lang, names, zone, side)
        label = field_label(entity, f, lang)
        rows.append(ChangeRow(f, label, "" if is_after else text, text if is_after else ""))
    return rows


def references(entity: str, changes: Mapping[str, Any]) -> set[Ref]:
    """The records an entry's values point at (to name them in one go)."""
    found: set[Ref] = set()
    for side in (changes.get("before"), changes.get("after"), changes):
        if not isinstance(side, dict):
            continue
        for field, value in side.items():
            if field in REFERENCES and value not in _EMPTY:
                target = REFERENCES[field]
                kind = str(side.get(target[1:]) or "") if target.startswith("@") else target
                if kind:
                    found.add((kind, str(value)))
            elif field == "participants" and isinstance(value, list):
                found |= {(str(p[0]), str(p[1])) for p in value if len(p) == 2}
    return found


def action_text(action: str, mark: str, lang: str) -> str:
    """ "修改", or "删除（撤销）" / "delete (undo)" for an entry an undo wrote."""
    label = vocab.label(vocab.AUDIT_ACTIONS, action, lang)
    if mark not in _MARKS:
        return label
    word = _MARKS[mark][0 if _zh(lang) else 1]
    return f"{label}（{word}）" if _zh(lang) else f"{label} ({word})"


def record_name(
    entity: str, entity_id: str | None, changes: Mapping[str, Any], names: RecordNames
) -> str:
    """The record by its business key: from the database while it exists, else from the
    entry's own snapshot or an earlier entry's, else its number."""
    if entity_id is None:
        return ""
    found = names.name(entity, entity_id)
    if found:
        return found
    for side in (changes.get("before"), changes.get("after")):
        if isinstance(side, dict):
            found = snapshot_name(entity, side, names)
            if found:
                return found
    return names.from_trail(entity, entity_id) or f"#{entity_id}"


def readable(
    record: AuditRecord, names: RecordNames, lang: str, zone: str = DEFAULT_ZONE
) -> ReadableEntry:
    """The whole entry for reading; ``names`` should have the entry's references
    preloaded (:func:`references`) when many entries are shown at once."""
    mark = str(record.changes.get(VIA_KEY) or "")
    return ReadableEntry(
        seq=record.seq,
        when=local_time(record.at, zone),
        user=record.user,
        action=action_text(record.action, mark, lang),
        mark=mark,
        entity=vocab.label(vocab.ENTITY_KINDS, record.entity, lang),
        record=record_name(record.entity, record.entity_id, record.changes, names),
        changes=tuple(change_rows(record.entity, record.changes, lang, names, zone)),
    )


def preload(
    names: RecordNames, entries: Iterable[tuple[str, str | None, Mapping[str, Any]]]
) -> None:
    """Name every record (and every reference) of ``entries`` (entity, id, changes) with
    one query per kind of record."""
    wanted: set[Ref] = set()
    for entity, entity_id, changes in entries:
        if entity_id is not None:
            wanted.add((entity, entity_id))
        wanted |= references(entity, changes)
    names.load(wanted)
