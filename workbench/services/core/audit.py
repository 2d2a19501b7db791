"""Reading and verifying the audit trail (writing happens in every unit of work)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select, text
from sqlalchemy.orm import Session

from workbench.domain.audit_chain import ChainReport, verify_chain
from workbench.domain.permissions import AUDIT_READ, FULL_AUDIT_ROLES
from workbench.models import AuditEntry, CaseFile
from workbench.services.core.context import Context


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: str | None
    case_code: str | None
    changes: dict[str, Any]
    hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "case": self.case_code,
            "changes": self.changes,
            "hash": self.hash,
        }


_COLUMNS = [c for c in AuditEntry.__table__.columns]


class AuditService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def verify(self) -> ChainReport:
        """Recompute the whole chain in sequence order; the first bad entry is named.

        Open to every signed-in user: the report holds counts, hashes and a sequence
        number, no case content, and every export and audit banner must be able to say
        whether the trail holds."""
        if self.ctx.store.engine.dialect.name == "postgresql":
            return self._verify_on_server()
        with self.ctx.store.engine.connect() as conn:
            result = conn.execute(
                select(*_COLUMNS)
                .order_by(AuditEntry.__table__.c.seq.asc())
                .execution_options(yield_per=2000)
            )
            return verify_chain(dict(row._mapping) for row in result)

    def _verify_on_server(self) -> ChainReport:
        """Row-level security shows a user only some entries in full: the links of all of
        them (seq, prev_hash, hash: no content) come from ``workbench_audit_links()``,
        walked beside the readable entries, so the whole chain is checked and every
        readable entry's content hash recomputed. Both reads see one snapshot."""
        engine = self.ctx.store.engine.execution_options(isolation_level="REPEATABLE READ")
        with engine.connect() as conn:
            links = conn.execute(
                text("SELECT seq, prev_hash, hash FROM workbench_audit_links()").execution_options(
                    yield_per=5000
                )
            )
            rows = conn.execute(
                select(*_COLUMNS)
                .order_by(AuditEntry.__table__.c.seq.asc())
                .execution_options(yield_per=2000)
            )
            return verify_chain(_merged(links, (dict(r._mapping) for r in rows)))

    def log(self, case_code: str | None = None, limit: int | None = None) -> list[AuditRecord]:
        """A case's entries (its members and auditors), or the whole trail: in full for
        auditors, for others the entries of their cases and those of no case."""
        self.ctx.require(AUDIT_READ, case_code)
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if case_code is not None:
            query = query.where(AuditEntry.case_code == case_code)
        if limit is not None:
            query = query.order_by(None).order_by(AuditEntry.seq.desc()).limit(limit)
        with self.ctx.store.session() as s:
            query = self.scoped(s, query, case_code)
            rows = list(s.scalars(query))
        rows.sort(key=lambda e: e.seq)
        return [_record(e) for e in rows]

    def iter_all(self) -> Iterator[AuditRecord]:
        self.ctx.require(AUDIT_READ)
        with self.ctx.store.session() as s:
            query = self.scoped(s, select(AuditEntry).order_by(AuditEntry.seq), None)
            for e in s.scalars(query):
                yield _record(e)

    def scoped[*T](self, s: Session, query: Select[*T], case_code: str | None) -> Select[*T]:
        """``query`` over audit entries narrowed to what this user may read."""
        if case_code is not None or self.ctx.principal(s).role in FULL_AUDIT_ROLES:
            return query
        readable = self.ctx.readable_case_ids(s)
        if readable is None:
            return query
        codes = select(CaseFile.code).where(CaseFile.id.in_(readable))
        return query.where(or_(AuditEntry.case_code.is_(None), AuditEntry.case_code.in_(codes)))


def _merged(links: Iterable[Any], readable: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every link in seq order: the readable entry in full where there is one."""
    pending = next(readable, None)
    for seq, prev_hash, hash_ in links:
        if pending is not None and pending["seq"] == seq:
            yield pending
            pending = next(readable, None)
        else:
            yield {"seq": seq, "prev_hash": prev_hash, "hash": hash_, "hidden": True}


def _record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(
        e.seq,
        e.at,
        e.user,
        e.action,
        e.entity,
        e.entity_id,
        e.case_code,
        json.loads(e.changes),
        e.hash,
    )
