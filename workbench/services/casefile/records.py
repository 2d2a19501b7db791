"""Case-scoped records — locations, events, links, seizures, assets, custody entries.

They share one life cycle (add, update, delete, each audited), so one service handles
them from a table of kinds; the rules that differ live in ``validation``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from workbench.domain.audit_chain import jsonable
from workbench.domain.permissions import CASE_EDIT, CASE_IMPORT, CASE_READ
from workbench.models import (
    Asset,
    Attachment,
    CaseParty,
    CaseVehicle,
    CustodyEntry,
    Event,
    EventParticipant,
    Link,
    Location,
    Measure,
    Seizure,
    SeizureAttribution,
)
from workbench.services.casefile.validation import (
    Checked,
    check_asset,
    check_attribution,
    check_custody,
    check_event,
    check_link,
    check_location,
    check_measure,
    check_seizure,
    reject_unknown_fields,
)
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected, ServiceError
from workbench.services.core.lookup import case_by_code, case_code, get
from workbench.services.core.unit_of_work import UnitOfWork, snapshot, unit_of_work

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class RecordKind:
    entity: str
    model: type[Any]
    check: Callable[..., Checked]
    fields: frozenset[str]
    needs_complete: bool = False


def _required_columns(model: type[Any]) -> tuple[str, ...]:
    """NOT NULL columns with no default: a record without them is refused by name, not by
    the database's integrity error."""
    return tuple(
        c.key
        for c in model.__table__.columns
        if not c.nullable
        and not c.primary_key
        and c.default is None
        and c.server_default is None
        and c.key != "case_id"
    )


def _fields(model: type[Any]) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns) - {"id", "case_id"}


KINDS: dict[str, RecordKind] = {
    k.entity: k
    for k in (
        RecordKind("location", Location, check_location, _fields(Location)),
        RecordKind("event", Event, check_event, _fields(Event)),
        RecordKind("link", Link, check_link, _fields(Link)),
        RecordKind("seizure", Seizure, check_seizure, _fields(Seizure), needs_complete=True),
        RecordKind("asset", Asset, check_asset, _fields(Asset)),
        RecordKind("custody", CustodyEntry, check_custody, _fields(CustodyEntry)),
        RecordKind("measure", Measure, check_measure, _fields(Measure), needs_complete=True),
    )
}

# What a Link end or an Event participant of each kind must be, inside the same case.
_ENDPOINT_IN_CASE: dict[str, tuple[type[Any], Any]] = {
    "location": (Location, Location.id),
    "event": (Event, Event.id),
    "seizure": (Seizure, Seizure.id),
    "asset": (Asset, Asset.id),
    "attachment": (Attachment, Attachment.id),
}


class Cancelled(ServiceError):
    """A long operation was cancelled; its transaction was rolled back."""


class RecordService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _kind(self, entity: str) -> RecordKind:
        try:
            return KINDS[entity]
        except KeyError:
            raise InputRejected(entity, [FieldError("entity", "unknown record kind")]) from None

    def _check(
        self, kind: RecordKind, values: Mapping[str, Any], complete: Mapping[str, Any]
    ) -> Checked:
        checked = (
            kind.check(values, complete=complete) if kind.needs_complete else kind.check(values)
        )
        merged = {**complete, **values}
        for name in _required_columns(kind.model):
            if merged.get(name) is None and name not in {e.field for e in checked.errors}:
                checked.error(name, "is required", "field.required")
        return checked

    def add(self, case_code_: str, entity: str, **values: Any) -> OpResult[int]:
        """Add one record; ``participants`` (events) and ``attributed_to`` (seizures) too."""
        kind = self._kind(entity)
        participants = values.pop("participants", None) if entity == "event" else None
        attributed = values.pop("attributed_to", None) if entity == "seizure" else None
        reject_unknown_fields(values, kind.fields, entity)
        checked = self._check(kind, values, values)
        checked.raise_if_errors(entity)
        self.ctx.require(CASE_EDIT, case_code_)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code_)
            self._check_references(uow, case.id, entity, checked.values)
            obj = kind.model(case_id=case.id, **checked.values)
            uow.session.add(obj)
            uow.created(entity, obj, case.code)
            if participants:
                self._set_participants(uow, case.id, case.code, obj.id, participants)
            if attributed:
                for person_id, basis in attributed:
                    self._attribute(uow, case.id, case.code, obj.id, person_id, basis)
        return OpResult(obj.id, uow.changes, tuple(checked.warnings))

    def update(self, entity: str, record_id: int, **values: Any) -> OpResult[None]:
        kind = self._kind(entity)
        reject_unknown_fields(values, kind.fields, entity)
        with unit_of_work(self.ctx) as uow:
            obj = get(uow.session, kind.model, record_id, entity)
            code = case_code(uow.session, obj.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            before = snapshot(obj)
            current = {k: getattr(obj, k) for k in kind.fields}
            checked = self._check(kind, values, current)
            checked.raise_if_errors(entity)
            for name, value in checked.values.items():
                setattr(obj, name, value)
            uow.updated(entity, obj, before, code)
        return OpResult(None, uow.changes, tuple(checked.warnings))

    def delete(self, entity: str, record_id: int) -> OpResult[None]:
        kind = self._kind(entity)
        with unit_of_work(self.ctx) as uow:
            obj = get(uow.session, kind.model, record_id, entity)
            code = case_code(uow.session, obj.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            uow.deleted(entity, obj, code)
        return OpResult(None, uow.changes)

    def attribute(self, seizure_id: int, person_id: int, basis: str) -> OpResult[int]:
        with unit_of_work(self.ctx) as uow:
            seizure = get(uow.session, Seizure, seizure_id, "seizure")
            code = case_code(uow.session, seizure.case_id)
            self.ctx.require(CASE_EDIT, code, session=uow.session)
            new_id = self._attribute(uow, seizure.case_id, code, seizure_id, person_id, basis)
        return OpResult(new_id, uow.changes)

    def bulk_add(
        self,
        case_code_: str,
        entity: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        source: str = "",
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
        batch: int = 5000,
    ) -> OpResult[int]:
        """Add many records in one transaction with one audit entry.

        The entry records the row count and a SHA-256 over the rows' canonical encoding,
        so the batch can be proven later without an entry per row. Any invalid row
        rejects the whole batch, naming the row; cancelling rolls everything back.
        """
        kind = self._kind(entity)
        if entity in ("link",):
            raise InputRejected(entity, [FieldError("entity", "links are added one by one")])
        errors: list[FieldError] = []
        clean: list[dict[str, Any]] = []
        for index, row in enumerate(rows, start=1):
            unknown = set(row) - kind.fields
            checked = self._check(kind, row, row)
            problems = [FieldError(f"row {index}: {n}", "is not a field") for n in sorted(unknown)]
            problems += [
                FieldError(f"row {index}: {e.field}", e.message, e.code) for e in checked.errors
            ]
            errors += problems
            if len(errors) >= 100:
                break
            clean.append(checked.values)
        if errors:
            raise InputRejected(entity, errors)
        total = len(clean)
        self.ctx.require(CASE_IMPORT, case_code_)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code_)
            writer = _BulkWriter(kind.model.__table__, uow, {"case_id": case.id})
            for start in range(0, total, batch):
                if cancelled is not None and cancelled():
                    raise Cancelled(f"cancelled after {start} of {total} rows; nothing written")
                writer.write(clean[start : start + batch])
                if progress is not None:
                    progress(min(start + batch, total), total)
            uow.audit(
                "bulk_create",
                entity,
                None,
                case.code,
                {
                    "rows": total,
                    "sha256": writer.digest.hexdigest(),
                    "columns": writer.column_names,
                    "source": source,
                },
            )
        return OpResult(total, uow.changes)

    def restore(
        self,
        case_code_: str,
        entity: str,
        values: Mapping[str, Any],
        *,
        participants: Iterable[tuple[str, int]] = (),
        attributions: Iterable[tuple[int, str]] = (),
    ) -> OpResult[int]:
        """Put a deleted record back with its old id (undo of a delete), audited."""
        kind = self._kind(entity)
        self.ctx.require(CASE_EDIT, case_code_)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code_)
            fields = {k: v for k, v in values.items() if k in kind.fields}
            self._check_references(uow, case.id, entity, fields)
            obj = kind.model(id=values["id"], case_id=case.id, **fields)
            uow.session.add(obj)
            uow.session.flush()
            uow.audit("restore", entity, obj.id, case.code, {"after": snapshot(obj)})
            wanted = list(participants)
            if wanted:
                self._set_participants(uow, case.id, case.code, obj.id, wanted)
            for person_id, basis in attributions:
                self._attribute(uow, case.id, case.code, obj.id, person_id, basis)
        return OpResult(obj.id, uow.changes)

    def details(self, entity: str, record_id: int) -> dict[str, Any]:
        """Every field of a record as Python values, with participants / attributions."""
        kind = self._kind(entity)
        with self.ctx.store.session() as s:
            obj = get(s, kind.model, record_id, entity)
            code = case_code(s, obj.case_id)
            self.ctx.require(CASE_READ, code, session=s)
            out: dict[str, Any] = {"id": obj.id, "case_code": code}
            out.update({k: getattr(obj, k) for k in kind.fields})
            if entity == "event":
                out["participants"] = [
                    (p.entity_type, p.entity_id)
                    for p in s.scalars(
                        select(EventParticipant).where(EventParticipant.event_id == record_id)
                    )
                ]
            if entity == "seizure":
                out["attributed_to"] = [
                    (a.person_id, a.basis)
                    for a in s.scalars(
                        select(SeizureAttribution).where(SeizureAttribution.seizure_id == record_id)
                    )
                ]
            return out

    # -- helpers -------------------------------------------------------------------

    def _check_references(
        self, uow: UnitOfWork, case_id: int, entity: str, values: Mapping[str, Any]
    ) -> None:
        """Whatever a record points at must exist and belong to the same case."""
        if entity == "link":
            ends = [("a_type", "a_id"), ("b_type", "b_id")]
        elif entity == "measure":
            ends = [("person", "person_id")]
        elif entity == "custody":
            ends = [("item_type", "item_id")]
        else:
            return
        wanted = []
        for type_field, id_field in ends:
            target = type_field if type_field == "person" else values.get(type_field)
            if values.get(id_field) is None or target is None:
                raise InputRejected(entity, [FieldError(id_field, "is required", "field.required")])
            wanted.append((str(target), int(values[id_field])))
        self._check_endpoints(uow, case_id, wanted, ends[0][1])

    def _check_endpoints(
        self, uow: UnitOfWork, case_id: int, ends: Iterable[tuple[str, int]], field: str
    ) -> None:
        problems = []
        for entity, record_id in ends:
            if not _in_case(uow, case_id, entity, record_id):
                problems.append(
                    FieldError(
                        field,
                        f"{entity} {record_id} is not in this case",
                        "reference.other_case",
                        {"entity": entity, "id": record_id},
                    )
                )
        if problems:
            raise InputRejected("reference", problems)

    def _set_participants(
        self,
        uow: UnitOfWork,
        case_id: int,
        code: str,
        event_id: int,
        participants: Iterable[tuple[str, int]],
    ) -> None:
        wanted = list(dict.fromkeys((str(t), int(i)) for t, i in participants))
        self._check_endpoints(uow, case_id, wanted, "participants")
        uow.session.execute(delete(EventParticipant).where(EventParticipant.event_id == event_id))
        for entity, record_id in wanted:
            uow.session.add(
                EventParticipant(event_id=event_id, entity_type=entity, entity_id=record_id)
            )
        uow.audit(
            "update",
            "event",
            event_id,
            code,
            {"after": {"participants": [list(p) for p in wanted]}},
        )

    def _attribute(
        self,
        uow: UnitOfWork,
        case_id: int,
        code: str,
        seizure_id: int,
        person_id: int,
        basis: str,
    ) -> int:
        checked = check_attribution({"basis": basis})
        if not _in_case(uow, case_id, "person", person_id):
            checked.error(
                "person_id",
                f"person {person_id} is not in this case",
                "reference.other_case",
                entity="person",
                id=person_id,
            )
        checked.raise_if_errors("attribution")
        row = SeizureAttribution(seizure_id=seizure_id, person_id=person_id, basis=basis)
        uow.session.add(row)
        uow.created("attribution", row, code)
        return row.id


class _BulkWriter:
    """executemany straight to the driver with the columns' own bind conversions.

    The ORM's per-row parameter processing costs more than the encrypted write itself
    for large batches; the rows are already validated and normalised here. ``digest``
    is SHA-256 over the canonical JSON of each batch of stored tuples (in
    ``column_names`` order, one line per batch): the audit entry's proof of content.
    """

    def __init__(self, table: Any, uow: UnitOfWork, fixed: Mapping[str, Any]) -> None:
        dialect = uow.session.get_bind().dialect
        self.uow = uow
        self.fixed = dict(fixed)
        self.columns = [c for c in table.columns if not (c.primary_key and c.name == "id")]
        self.defaults = {
            c.name: c.default.arg
            for c in self.columns
            if c.default is not None and c.default.is_scalar
        }
        # The dialect's own type (SQLite's DATE stores ISO text), not the generic one.
        self.processors = [
            c.type.dialect_impl(dialect).bind_processor(dialect) for c in self.columns
        ]
        self.column_names = [c.name for c in self.columns]
        self.digest = hashlib.sha256()
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c.name) for c in self.columns)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"  # SQLite | psycopg
        marks = ", ".join(mark for _ in self.columns)
        self.sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"

    def write(self, rows: Sequence[Mapping[str, Any]]) -> None:
        # Column by column: list comprehensions, not a Python call per cell.
        columns = []
        for column, proc in zip(self.columns, self.processors, strict=True):
            name = column.name
            if name in self.fixed:
                values = [self.fixed[name]] * len(rows)
            else:
                default = self.defaults.get(name)
                values = [row.get(name, default) for row in rows]
                if proc is not None:
                    values = [None if v is None else proc(v) for v in values]
            columns.append(values)
        tuples = list(zip(*columns, strict=True))
        # SQLite's processors leave plain JSON values; psycopg takes dates as they are,
        # so they are encoded as the ISO text SQLite stores (the same digest).
        encoded = json.dumps(
            tuples, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=jsonable
        )
        self.digest.update(encoded.encode("utf-8") + b"\n")
        self.uow.session.connection().exec_driver_sql(self.sql, tuples)


def _in_case(uow: UnitOfWork, case_id: int, entity: str, record_id: int) -> bool:
    s = uow.session
    if entity == "person":
        query = select(CaseParty.id).where(
            CaseParty.case_id == case_id, CaseParty.person_id == record_id
        )
    elif entity == "vehicle":
        query = select(CaseVehicle.id).where(
            CaseVehicle.case_id == case_id, CaseVehicle.vehicle_id == record_id
        )
    elif entity in _ENDPOINT_IN_CASE:
        model, pk = _ENDPOINT_IN_CASE[entity]
        query = select(pk).where(pk == record_id, model.case_id == case_id)
    else:
        return False
    return s.execute(query).first() is not None
