"""Records named by their business key — exhibit PDS-2019-001-JC01, 库某, 豫DE8109 —
rather than "seizure 1": what an audit entry or a reference shows a person.

Names are read in batches (one query per kind of record for all the ids wanted), from
a Session or a Core connection alike. A record deleted since is named from the
snapshot an audit entry kept of it (:func:`snapshot_name`, :meth:`RecordNames.from_trail`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from workbench.domain import vocab
from workbench.models import (
    Asset,
    Attachment,
    AuditEntry,
    BankTransaction,
    CallRecord,
    CaseAccess,
    CaseFile,
    CaseMember,
    CaseParty,
    CaseVehicle,
    CustodyEntry,
    Event,
    Link,
    Location,
    Measure,
    Person,
    Seizure,
    SeizureAttribution,
    User,
    Vehicle,
)

Ref = tuple[str, str]  # (entity kind, id as text)
Ids = list[int]
Query = Callable[[Ids], "Select[*tuple[Any, ...]]"]

# One query per kind: rows of (id, *parts), made into a name by _plain / _nested.
_QUERIES: Mapping[str, Query] = {
    "case": lambda ids: select(CaseFile.id, CaseFile.code).where(CaseFile.id.in_(ids)),
    "person": lambda ids: select(Person.id, Person.name).where(Person.id.in_(ids)),
    "party": lambda ids: (
        select(CaseParty.id, Person.name)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.id.in_(ids))
    ),
    "measure": lambda ids: (
        select(Measure.id, Person.name, Measure.kind)
        .join(Person, Person.id == Measure.person_id)
        .where(Measure.id.in_(ids))
    ),
    "vehicle": lambda ids: select(Vehicle.id, func.coalesce(Vehicle.plate, Vehicle.vin)).where(
        Vehicle.id.in_(ids)
    ),
    "case_vehicle": lambda ids: (
        select(CaseVehicle.id, func.coalesce(Vehicle.plate, Vehicle.vin))
        .join(Vehicle, Vehicle.id == CaseVehicle.vehicle_id)
        .where(CaseVehicle.id.in_(ids))
    ),
    "seizure": lambda ids: select(Seizure.id, Seizure.exhibit_no).where(Seizure.id.in_(ids)),
    "asset": lambda ids: select(Asset.id, Asset.kind, Asset.document_no).where(Asset.id.in_(ids)),
    "location": lambda ids: select(Location.id, Location.name).where(Location.id.in_(ids)),
    "event": lambda ids: select(Event.id, Event.title).where(Event.id.in_(ids)),
    "link": lambda ids: select(
        Link.id, Link.a_type, Link.a_id, Link.kind, Link.b_type, Link.b_id
    ).where(Link.id.in_(ids)),
    "attachment": lambda ids: select(Attachment.id, Attachment.filename).where(
        Attachment.id.in_(ids)
    ),
    "attribution": lambda ids: (
        select(SeizureAttribution.id, Seizure.exhibit_no, Person.name)
        .join(Seizure, Seizure.id == SeizureAttribution.seizure_id)
        .join(Person, Person.id == SeizureAttribution.person_id)
        .where(SeizureAttribution.id.in_(ids))
    ),
    "custody": lambda ids: select(
        CustodyEntry.id, CustodyEntry.item_type, CustodyEntry.item_id, CustodyEntry.to_holder
    ).where(CustodyEntry.id.in_(ids)),
    "member": lambda ids: select(CaseMember.id, CaseMember.name).where(CaseMember.id.in_(ids)),
    "user": lambda ids: select(User.id, User.name).where(User.id.in_(ids)),
    "case_access": lambda ids: (
        select(CaseAccess.id, User.name)
        .join(User, User.id == CaseAccess.user_id)
        .where(CaseAccess.id.in_(ids))
    ),
    "call_record": lambda ids: select(CallRecord.id, CallRecord.caller, CallRecord.callee).where(
        CallRecord.id.in_(ids)
    ),
    "bank_transaction": lambda ids: select(
        BankTransaction.id, BankTransaction.account, BankTransaction.counterparty_account
    ).where(BankTransaction.id.in_(ids)),
}

# Kinds whose names use other records' names (read in a second round).
_NESTED = {"link": (("a_type", 1, 2), ("b_type", 4, 5)), "custody": (("item_type", 1, 2),)}
_ARROW = " → "


class RecordNames:
    """Names of records, cached as their raw parts and said in ``lang``; ``load`` reads
    many at once. :meth:`detached` keeps what was read for later use without the
    database (a page of table rows carries one), in any language (:meth:`in_language`).
    """

    def __init__(self, db: Connection | Session | None, lang: str) -> None:
        self._db = db
        self.lang = lang
        self._parts: dict[Ref, tuple[Any, ...] | None] = {}
        self._trail: dict[Ref, dict[str, Any] | None] = {}

    def in_language(self, lang: str) -> RecordNames:
        """The same names (nothing read again), said in ``lang``."""
        other = RecordNames(self._db, lang)
        other._parts, other._trail = self._parts, self._trail
        return other

    def detached(self) -> RecordNames:
        """What has been read, without the database: a later miss is None, not a query."""
        other = self.in_language(self.lang)
        other._db = None
        return other

    def load(self, refs: Iterable[Ref]) -> None:
        """Read the names of ``refs`` not read yet (one query per kind)."""
        by_kind: dict[str, set[int]] = {}
        for kind, ident in refs:
            key = (kind, str(ident))
            if key in self._parts or kind not in _QUERIES:
                continue
            if str(ident).isdigit():
                by_kind.setdefault(kind, set()).add(int(ident))
            else:  # a sign-in names its user by name
                self._parts[key] = (str(ident), str(ident))
        if self._db is None:
            return
        nested: list[Ref] = []
        for kind, ids in by_kind.items():
            for found in self._db.execute(_QUERIES[kind](sorted(ids))).all():
                values = tuple(found)
                self._parts[(kind, str(values[0]))] = values
                if kind in _NESTED:
                    nested += [(str(values[t]), str(values[i])) for _f, t, i in _NESTED[kind]]
            for number in ids:
                self._parts.setdefault((kind, str(number)), None)
        if nested:
            self.load(nested)

    def name(self, kind: str, ident: Any) -> str | None:
        """The record's name, or None if there is no such record (any more)."""
        key = (kind, str(ident))
        if key not in self._parts:
            self.load([key])
        parts = self._parts.get(key)
        return None if parts is None else self._render(kind, parts)

    def from_trail(self, kind: str, ident: str) -> str | None:
        """A deleted record's name from the last snapshot the audit trail kept of it."""
        key = (kind, str(ident))
        if key not in self._trail and self._db is not None:
            self._trail[key] = _last_snapshot(self._db, kind, str(ident))
        snapshot = self._trail.get(key)
        return None if snapshot is None else snapshot_name(kind, snapshot, self)

    def _label(self, labels: vocab.Labels, key: Any) -> str:
        return vocab.label(labels, str(key), self.lang) if key else ""

    def _render(self, kind: str, row: tuple[Any, ...]) -> str:
        if kind == "measure":
            return f"{row[1]} {self._label(vocab.MEASURES, row[2])}"
        if kind == "asset":
            return " ".join(p for p in (self._label(vocab.ASSET_KINDS, row[1]), row[2]) if p)
        if kind in ("attribution", "call_record", "bank_transaction"):
            return _ARROW.join(str(p) for p in row[1:] if p)
        if kind == "link":
            a = self.name(str(row[1]), row[2]) or f"#{row[2]}"
            b = self.name(str(row[4]), row[5]) or f"#{row[5]}"
            return f"{a} {self._label(vocab.LINK_KINDS, row[3])} {b}"
        if kind == "custody":
            item = self.name(str(row[1]), row[2]) or f"#{row[2]}"
            return f"{item}{_ARROW}{row[3]}" if row[3] else item
        return str(row[1] or "")


def _last_snapshot(db: Connection | Session, kind: str, ident: str) -> dict[str, Any] | None:
    row = db.execute(
        select(AuditEntry.changes)
        .where(
            AuditEntry.entity == kind,
            AuditEntry.entity_id == ident,
            AuditEntry.action.in_(("create", "delete", "restore")),
        )
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    changes = json.loads(row[0])
    side = changes.get("after") or changes.get("before")
    return side if isinstance(side, dict) else None


_SNAPSHOT_KEYS = ("exhibit_no", "plate", "vin", "code", "title", "filename", "name")


def snapshot_name(kind: str, snapshot: Mapping[str, Any], names: RecordNames) -> str | None:
    """A record's name from its column values as an audit entry kept them."""
    if kind in ("party", "measure") and snapshot.get("person_id") is not None:
        person = names.name("person", snapshot["person_id"]) or ""
        if kind == "measure" and snapshot.get("kind"):
            return f"{person} {vocab.label(vocab.MEASURES, str(snapshot['kind']), names.lang)}"
        return person or None
    if kind == "case_vehicle" and snapshot.get("vehicle_id") is not None:
        return names.name("vehicle", snapshot["vehicle_id"])
    if kind == "attribution" and snapshot.get("seizure_id") is not None:
        exhibit = names.name("seizure", snapshot["seizure_id"]) or ""
        person = names.name("person", snapshot.get("person_id")) or ""
        return _ARROW.join(p for p in (exhibit, person) if p) or None
    if kind == "asset":
        label = vocab.label(vocab.ASSET_KINDS, str(snapshot.get("kind") or ""), names.lang)
        return " ".join(p for p in (label, str(snapshot.get("document_no") or "")) if p) or None
    for key in _SNAPSHOT_KEYS:
        if snapshot.get(key):
            return str(snapshot[key])
    return None
