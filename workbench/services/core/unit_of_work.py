"""One change = one transaction = its audit entries, or nothing at all.

Audit entries are queued while the change runs and chained onto the trail just before
commit, inside the same transaction (which holds the write lock from its first
statement, so no two writers can fork the chain). An entry that names a case is also
the permission backstop: the user must hold "case.edit" on that case (``case.members``
for membership changes), checked in this transaction, or the whole change rolls back;
an entry about the drug-user registry needs "registry.edit" the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlalchemy import insert, inspect, select, text
from sqlalchemy.orm import Session

from workbench.domain import permissions
from workbench.domain.audit_chain import GENESIS, canonical_json, entry_hash, jsonable
from workbench.models import AuditEntry
from workbench.services.core.changefeed import announce_changes
from workbench.services.core.changes import Changes
from workbench.services.core.context import Context
from workbench.services.core.versions import check_expected, expects

# Audit entities of the drug-user registry: belong to no case, need "registry.edit".
REGISTRY_ENTITIES = frozenset({"drug_use_finding", "rehab_decision", "rehab_handover"})
# An undo or redo is audited like any change, with "via" in its changes saying which.
VIA_KEY = "via"
VIA_MARKS = ("undo", "redo")


@contextmanager
def marked_as(ctx: Context, via: str) -> Iterator[None]:
    """Audit entries written in this block (this thread) carry ``"via": via``."""
    if via not in VIA_MARKS:
        raise ValueError(f"unknown audit mark {via!r}; expected one of {VIA_MARKS}")
    previous = getattr(ctx.local, "via", None)
    ctx.local.via = via
    try:
        yield
    finally:
        ctx.local.via = previous


@dataclass
class _Pending:
    action: str
    entity: str
    entity_id: str | None
    case_code: str | None
    changes: dict[str, Any]


@dataclass
class UnitOfWork:
    session: Session
    ctx: Context
    _pending: list[_Pending] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    cases: set[str] = field(default_factory=set)
    _allowed: set[tuple[str, str]] = field(default_factory=set)
    member_of: dict[str, int] = field(default_factory=dict)  # code: id (Context._is_member)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: object | None,
        case_code: str | None,
        changes: Mapping[str, Any],
    ) -> None:
        if case_code:
            self._check(entity, case_code)
        elif entity in REGISTRY_ENTITIES and (permissions.REGISTRY_EDIT, "") not in self._allowed:
            self.ctx.require(permissions.REGISTRY_EDIT, session=self.session)
            self._allowed.add((permissions.REGISTRY_EDIT, ""))
        if entity == "case_access":
            self.member_of.clear()
        via = getattr(self.ctx.local, "via", None)
        if via is not None:
            changes = {**changes, VIA_KEY: via}
        self._pending.append(
            _Pending(
                action,
                entity,
                None if entity_id is None else str(entity_id),
                case_code,
                jsonable(dict(changes)),
            )
        )
        self.entities.add(entity)
        if case_code:
            self.cases.add(case_code)

    def _check(self, entity: str, case_code: str) -> None:
        permission = permissions.CASE_MEMBERS if entity == "case_access" else permissions.CASE_EDIT
        if (permission, case_code) not in self._allowed:
            self.ctx.require(permission, case_code, session=self.session)
            self._allowed.add((permission, case_code))

    def created(self, entity: str, obj: object, case_code: str | None) -> None:
        self.session.flush()
        self.audit("create", entity, _pk(obj), case_code, {"after": snapshot(obj)})

    def updated(
        self, entity: str, obj: object, before: Mapping[str, Any], case_code: str | None
    ) -> bool:
        """Audit the fields that changed; returns False (and audits nothing) if none did."""
        self.session.flush()
        after = snapshot(obj)
        diff_before = {k: v for k, v in before.items() if after.get(k) != v}
        if not diff_before:
            # Nothing to write, but a save from an old version is refused all the same
            # (its values were meant for that version): lock the row, then check.
            if expects(self.ctx, entity, _pk(obj)):
                _lock_row(self.session, obj)
                check_expected(self.ctx, self.session, entity, _pk(obj))
            return False
        check_expected(self.ctx, self.session, entity, _pk(obj))  # the UPDATE locked the row
        diff_after = {k: after[k] for k in diff_before}
        self.audit(
            "update", entity, _pk(obj), case_code, {"before": diff_before, "after": diff_after}
        )
        return True

    def deleted(self, entity: str, obj: object, case_code: str | None) -> None:
        before = snapshot(obj)
        pk = _pk(obj)
        self.session.delete(obj)
        self.session.flush()
        check_expected(self.ctx, self.session, entity, pk)  # the DELETE locked the row
        self.audit("delete", entity, pk, case_code, {"before": before})

    @property
    def changes(self) -> Changes:
        return Changes(frozenset(self.entities), frozenset(self.cases))

    def _write_audit(self) -> None:
        if not self._pending:
            return
        last = _chain_head(self.session)
        seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
        at = self.ctx.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        rows = []
        for item in self._pending:
            seq += 1
            fields = {
                "seq": seq,
                "at": at,
                "user": self.ctx.user,
                "action": item.action,
                "entity": item.entity,
                "entity_id": item.entity_id,
                "case_code": item.case_code,
                "changes": canonical_json(item.changes),
                "prev_hash": prev_hash,
            }
            fields["hash"] = prev_hash = entry_hash(fields)
            rows.append(fields)
        self.session.execute(insert(AuditEntry), rows)
        self._pending.clear()


def _chain_head(session: Session) -> Any:
    """The last audit entry's (seq, hash), taking the right to append after it.

    SQLite: the write transaction already holds the database's one write lock. The
    server: one global chain (one sequence to verify, as in the file; a chain per case
    would let cases append in parallel but splits the proof and the copy between
    stores), so writers queue on a transaction-scoped advisory lock taken here, just
    before commit, and held until it; the head comes from a function that sees every
    entry (row-level security hides other cases' entries from this user)."""
    if session.get_bind().dialect.name == "postgresql":
        # One round trip: pg_advisory_xact_lock(AUDIT_LOCK_KEY), then the head as of then.
        row = session.execute(text("SELECT seq, hash FROM workbench_audit_lock_head()")).first()
        return None if row is None or row[0] is None else row
    return session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()


@contextmanager
def unit_of_work(ctx: Context) -> Iterator[UnitOfWork]:
    """A transaction for one change; inside :func:`transaction`, joins the outer one."""
    active: UnitOfWork | None = getattr(ctx.local, "uow", None)
    if active is not None:
        yield active
        return
    with ctx.store.write_session() as session:
        uow = UnitOfWork(session, ctx)
        ctx.local.uow = uow
        try:
            yield uow
            session.flush()
            # The server: delivered at commit, so announced before the chain's lock is
            # taken — the lock is then held for the head, the entries and the commit only.
            announce_changes(session, ctx.store, uow.cases, uow.entities, uow.member_of)
            uow._write_audit()
        finally:
            ctx.local.uow = None


@contextmanager
def transaction(ctx: Context) -> Iterator[UnitOfWork]:
    """Group several service calls into one all-or-nothing transaction (this thread)."""
    with unit_of_work(ctx) as uow:
        yield uow


def snapshot(obj: object) -> dict[str, Any]:
    """Column values of a mapped object as plain JSON (blobs become their SHA-256)."""
    state = inspect(obj)
    mapper = state.mapper
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        if attr.key in state.unloaded:
            continue
        out[attr.key] = jsonable(getattr(obj, attr.key))
    return out


def _lock_row(session: Session, obj: object) -> None:
    """SELECT … FOR UPDATE of the object's row (SQLite: its write lock is held already)."""
    state = inspect(obj)
    table = state.mapper.local_table
    keys = state.mapper.primary_key
    query = select(*keys).with_for_update()
    for column, value in zip(keys, state.identity or (), strict=True):
        query = query.where(column == value)
    session.execute(query.select_from(table))


def column_values(obj: Any) -> dict[str, Any]:
    """Every column of a row as Python values (to put the row back with the same id)."""
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


def _pk(obj: object) -> object:
    identity = inspect(obj).identity
    if not identity:
        return None
    return identity[0] if len(identity) == 1 else "/".join(map(str, identity))
