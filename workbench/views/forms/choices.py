"""What a reference field offers: the records of the case by kind, as (id, label) pairs.

The ids are the ones the services take for references — a person's id (not the case
party's), a vehicle's id (not the case vehicle's) — read through the TableService.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from workbench.domain import vocab
from workbench.services.casefile.tables import TableService
from workbench.views.i18n import current_language

# A reference list is for picking, not browsing: beyond this many, the first ones only.
MAX_CHOICES = 2000

# kind -> (table, id column, label function)
_SOURCES: dict[str, tuple[str, str, Callable[[dict[str, Any]], str]]] = {
    "person": (
        "persons",
        "person_id",
        lambda r: f"{r['name']} ({r['id_number']})" if r.get("id_number") else str(r["name"]),
    ),
    "vehicle": ("vehicles", "vehicle_id", lambda r: str(r.get("plate") or r.get("vin") or "")),
    "location": ("locations", "id", lambda r: str(r["name"])),
    "seizure": ("seizures", "id", lambda r: str(r["exhibit_no"])),
    "event": ("events", "id", lambda r: str(r["title"])),
    "attachment": ("attachments", "id", lambda r: str(r["filename"])),
    "asset": (
        "assets",
        "id",
        lambda r: " ".join(
            p
            for p in (
                vocab.label(vocab.ASSET_KINDS, r["kind"], current_language()),
                str(r.get("document_no") or ""),
            )
            if p
        ),
    ),
}


def case_choices(
    tables: TableService, case_code: str
) -> Callable[[str], Sequence[tuple[int, str]]]:
    """A choices function for RecordForm, reading each kind once per form."""
    cache: dict[str, list[tuple[int, str]]] = {}

    def choices(kind: str) -> Sequence[tuple[int, str]]:
        if kind not in _SOURCES:
            return []
        if kind not in cache:
            table, id_key, label = _SOURCES[kind]
            rows = tables.fetch(case_code, table, None, 0, MAX_CHOICES)
            cache[kind] = [(int(r[id_key]), label(r)) for r in rows]
        return cache[kind]

    return choices
