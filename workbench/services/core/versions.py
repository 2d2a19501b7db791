"""Optimistic concurrency: a record's version, and refusing a save made on an old one.

A record's version is the sequence number of the last audit entry about it (every
change is audited in its own transaction, so the number grows with each change, on
both stores, with no extra column to keep in step on every table and bulk path; index
``ix_audit_entry_entity_entity_id``). A form reads it with the record
(:meth:`VersionService.of`) and saves inside :func:`expecting`; the unit of work checks
it after the UPDATE or DELETE has locked the row, so of two saves from the same
version the second is refused with who changed the record and when
(:class:`EditConflict`, exit 5), and nothing of it is written. Without an expectation a
save goes through as before (the command line, imports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain import vocab
from workbench.domain.permissions import CASE_READ
from workbench.models import AuditEntry
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError


@dataclass(frozen=True)
class Version:
    """``seq`` 0: never changed since it was created in bulk (or never audited)."""

    seq: int
    user: str | None = None
    at: str | None = None  # UTC ISO text, as in the audit trail


def current_version(session: Session, entity: str, entity_id: object) -> Version:
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.user, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    return Version(0) if row is None else Version(row.seq, row.user, row.at)


DEFAULT_ZONE = "Asia/Shanghai"  # the workstation's default zone (DESIGN.md)


class EditConflict(ServiceError):
    """Somebody saved the record after the version this save started from."""

    exit_code = 5
    code = "edit.conflict"

    def __init__(self, entity: str, entity_id: object, expected: int, found: Version) -> None:
        self.entity = entity
        self.entity_id = str(entity_id)
        self.expected = expected
        self.found = found
        self.params = {
            "entity": entity,
            "id": self.entity_id,
            "user": found.user,
            "at": found.at,
            "version": found.seq,
        }
        super().__init__(self.message("en"))

    def message(self, lang: str = "en", zone: str | None = None) -> str:
        """The refusal in ``lang`` (zh_CN or en), the time in the workstation's zone."""
        what = vocab.label(vocab.ENTITY_KINDS, self.entity, lang)
        when = _local(self.found.at, zone or DEFAULT_ZONE) if self.found.at else "?"
        who = self.found.user or "?"
        if lang.startswith("zh"):
            return (
                f"{what} {self.entity_id} 在您打开后已被 {who} 于 {when} 修改，"
                "您的修改没有保存。请重新载入后再修改。"
            )
        return (
            f"{what} {self.entity_id} was changed by {who} at {when} after you opened it; "
            "your changes were not saved. Reload it and make your changes again."
        )


def _local(at: str, zone: str) -> str:
    """The audit trail's UTC time in the workstation's zone (as ``audit_text`` shows it;
    that module sits above this one)."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


@contextmanager
def expecting(ctx: Context, entity: str, entity_id: object, version: int) -> Iterator[None]:
    """Saves of ``entity`` ``entity_id`` in this block (this thread) must find it still
    at ``version``; nested blocks add expectations."""
    with expecting_all(ctx, {(entity, entity_id): version}):
        yield


@contextmanager
def expecting_all(ctx: Context, versions: Mapping[tuple[str, object], int]) -> Iterator[None]:
    """:func:`expecting` for every ``(entity, id): version`` of a form at once."""
    previous: dict[tuple[str, str], int] | None = getattr(ctx.local, "expected", None)
    added = {(entity, str(entity_id)): v for (entity, entity_id), v in versions.items()}
    ctx.local.expected = {**(previous or {}), **added}
    try:
        yield
    finally:
        ctx.local.expected = previous


def expects(ctx: Context, entity: str, entity_id: object) -> bool:
    expected: dict[tuple[str, str], int] | None = getattr(ctx.local, "expected", None)
    return expected is not None and (entity, str(entity_id)) in expected


def check_expected(ctx: Context, session: Session, entity: str, entity_id: object) -> None:
    """Called by the unit of work once the row is locked (after its UPDATE or DELETE)."""
    expected: dict[tuple[str, str], int] | None = getattr(ctx.local, "expected", None)
    if not expected:
        return
    wanted = expected.get((entity, str(entity_id)))
    if wanted is None:
        return
    found = current_version(session, entity, entity_id)
    if found.seq != wanted:
        raise EditConflict(entity, entity_id, wanted, found)


class VersionService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def of(self, entity: str, entity_id: object, case_code: str | None = None) -> Version:
        """The version a form starts from (read it with the record)."""
        if case_code is not None:
            self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            return current_version(s, entity, entity_id)

    def of_many(
        self, records: Iterable[tuple[str, object]], case_code: str | None = None
    ) -> dict[tuple[str, object], int]:
        """The versions of the records a form edits together (a person and their role)."""
        if case_code is not None:
            self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            return {(e, i): current_version(s, e, i).seq for e, i in records}


__all__ = [
    "EditConflict",
    "Version",
    "VersionService",
    "current_version",
    "expecting",
    "expecting_all",
]
