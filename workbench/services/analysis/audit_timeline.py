"""The audit trail as a timeline: one lane per user, one point per entry, by action.

Auditors read a case through its edit trail; the plot needs arrays, the detail pane the
before/after values of the one entry clicked (read then, not for every entry). The
chain's verification and head hash come with the data, so the banner above the plot
says whether what is drawn can be trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from workbench.domain import vocab
from workbench.domain.audit_chain import ChainReport
from workbench.domain.permissions import AUDIT_READ
from workbench.models import AuditEntry
from workbench.services.core.audit import AuditRecord, AuditService, _record
from workbench.services.core.audit_text import (
    DEFAULT_ZONE,
    ReadableEntry,
    change_rows,
    preload,
    readable,
)
from workbench.services.core.context import Context
from workbench.services.core.errors import NotFound
from workbench.services.core.record_names import RecordNames

# Actions in drawing order (keys of vocab.AUDIT_ACTIONS); an unknown action is appended.
ACTIONS = tuple(vocab.AUDIT_ACTIONS)


@dataclass(frozen=True)
class AuditTimelineData:
    case_code: str | None  # None: the whole database
    lang: str
    users: tuple[str, ...]  # lanes
    actions: tuple[str, ...]
    action_labels: tuple[str, ...]
    seq: npt.NDArray[np.int64]
    time: npt.NDArray[np.float64]  # epoch seconds
    lane: npt.NDArray[np.int32]
    action: npt.NDArray[np.int16]
    entity: tuple[str, ...]  # per entry: the entity kind key
    entity_id: tuple[str | None, ...]
    chain: ChainReport

    def __len__(self) -> int:
        return len(self.seq)


def parse_audit_time(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()


class AuditTimelineService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def timeline(self, case_code: str | None = None, *, lang: str = "zh_CN") -> AuditTimelineData:
        query = select(
            AuditEntry.seq,
            AuditEntry.at,
            AuditEntry.user,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
        ).order_by(AuditEntry.seq)
        self.ctx.require(AUDIT_READ, case_code)
        if case_code is not None:
            query = query.where(AuditEntry.case_code == case_code)
        with self.ctx.store.session() as s:
            rows = s.execute(AuditService(self.ctx).scoped(s, query, case_code)).all()
        chain = AuditService(self.ctx).verify()
        users = tuple(dict.fromkeys(sorted(str(r[2]) for r in rows)))
        lane_of = {u: i for i, u in enumerate(users)}
        actions = ACTIONS + tuple(sorted({str(r[3]) for r in rows} - set(ACTIONS)))
        action_of = {a: i for i, a in enumerate(actions)}
        n = len(rows)
        return AuditTimelineData(
            case_code=case_code,
            lang=lang,
            users=users,
            actions=actions,
            action_labels=tuple(vocab.label(vocab.AUDIT_ACTIONS, a, lang) for a in actions),
            seq=np.fromiter((r[0] for r in rows), dtype=np.int64, count=n),
            time=np.fromiter((parse_audit_time(r[1]) for r in rows), dtype=np.float64, count=n),
            lane=np.fromiter((lane_of[r[2]] for r in rows), dtype=np.int32, count=n),
            action=np.fromiter((action_of[r[3]] for r in rows), dtype=np.int16, count=n),
            entity=tuple(str(r[4]) for r in rows),
            entity_id=tuple(None if r[5] is None else str(r[5]) for r in rows),
            chain=chain,
        )

    def entry(self, seq: int) -> AuditRecord:
        """One entry with its before/after values (what the detail pane shows)."""
        with self.ctx.store.session() as s:
            found = s.get(AuditEntry, seq)
            if found is None:
                raise NotFound(f"no audit entry {seq}")
            self.ctx.require(AUDIT_READ, found.case_code, session=s)
            return _record(found)

    def readable_entry(
        self, seq: int, lang: str = "zh_CN", zone: str = DEFAULT_ZONE
    ) -> ReadableEntry:
        """One entry as an auditor reads it: labelled fields, display units, local time,
        records named by their business key, undo/redo marked (services.core.audit_text)."""
        record = self.entry(seq)
        with self.ctx.store.session() as s:
            names = RecordNames(s, lang)
            preload(names, [(record.entity, record.entity_id, record.changes)])
            return readable(record, names, lang, zone)


def changes_text(
    changes: dict[str, Any], entity: str = "", lang: str = "en"
) -> list[tuple[str, str, str]]:
    """(field label, before, after) rows of an entry's changes, values as read (without
    the database: references show their ids; see AuditTimelineService.readable_entry)."""
    return [(r.label, r.before, r.after) for r in change_rows(entity, changes, lang)]
