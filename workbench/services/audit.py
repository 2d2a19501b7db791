"""Reading and verifying the audit trail (writing happens in every unit of work)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from workbench.domain.audit_chain import ChainReport, verify_chain
from workbench.models import AuditEntry
from workbench.services.context import Context


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
        """Recompute the whole chain in sequence order; the first bad entry is named."""
        with self.ctx.store.engine.connect() as conn:
            result = conn.execute(
                select(*_COLUMNS)
                .order_by(AuditEntry.__table__.c.seq.asc())
                .execution_options(yield_per=2000)
            )
            return verify_chain(dict(row._mapping) for row in result)

    def log(self, case_code: str | None = None, limit: int | None = None) -> list[AuditRecord]:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if case_code is not None:
            query = query.where(AuditEntry.case_code == case_code)
        if limit is not None:
            query = query.order_by(None).order_by(AuditEntry.seq.desc()).limit(limit)
        with self.ctx.store.session() as s:
            rows = list(s.scalars(query))
        rows.sort(key=lambda e: e.seq)
        return [_record(e) for e in rows]

    def iter_all(self) -> Iterator[AuditRecord]:
        with self.ctx.store.session() as s:
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
                yield _record(e)


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
