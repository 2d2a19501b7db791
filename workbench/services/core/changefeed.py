"""Other sessions' changes as they commit, on the server (LISTEN/NOTIFY), no polling.

Each transaction that changes cases announces, at its commit, the ids of those cases
and the kinds of records it touched (``announce_changes``, called by the unit of work).
A :class:`ChangeFeed` waits for announcements on a connection of its own and turns them
into :class:`Changes` of the cases this user may read — ids of others are dropped, the
announcement itself holds no code or content — leaving out its own session's. The
window refreshes with them. The file store has one writer per workstation: no feed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.models import CaseFile
from workbench.services.core.changes import Changes
from workbench.services.core.context import Context
from workbench.store.server import Listener, ServerStore, announce


def announce_changes(
    session: Session,
    store: object,
    case_codes: Iterable[str],
    entities: Iterable[str],
    known_ids: Mapping[str, int] | None = None,
) -> None:
    """Inside the writing transaction: announce its cases (by id) and record kinds.

    ``known_ids``: case ids the transaction has looked up already (its membership
    checks), so a save asks the server for none."""
    if not isinstance(store, ServerStore):
        return
    codes = sorted(set(case_codes))
    if not codes:
        return
    known = known_ids or {}
    missing = [code for code in codes if code not in known]
    found: Iterable[int] = ()
    if missing:
        found = session.scalars(select(CaseFile.id).where(CaseFile.code.in_(missing)))
    ids = sorted({*(known[code] for code in codes if code in known), *found})
    if not ids:
        return  # deleted in this transaction: those who had it open find it gone
    payload = {"cases": ids, "entities": sorted(set(entities)), "session": store.session_id}
    announce(session, json.dumps(payload, separators=(",", ":")))


def available(ctx: Context) -> bool:
    return isinstance(ctx.store, ServerStore)


class ChangeFeed:
    """Waits for other sessions' committed changes to cases this user may read."""

    def __init__(self, ctx: Context) -> None:
        if not isinstance(ctx.store, ServerStore):
            raise TypeError("a change feed needs the server (the file has no other writers)")
        self.ctx = ctx
        self._own = ctx.store.session_id
        self._listener: Listener = ctx.store.listener()

    def wait(self, timeout: float) -> Changes | None:
        """Changes that committed within ``timeout`` seconds, or None."""
        ids: set[int] = set()
        entities: set[str] = set()
        for payload in self._listener.wait(timeout):
            try:
                data = json.loads(payload)
            except ValueError:
                continue
            if data.get("session") == self._own:
                continue
            ids.update(int(i) for i in data.get("cases", ()))
            entities.update(str(e) for e in data.get("entities", ()))
        if not ids:
            return None
        with self.ctx.store.session() as s:  # row-level security: readable cases only
            codes = set(s.scalars(select(CaseFile.code).where(CaseFile.id.in_(ids))))
        if not codes:
            return None
        return Changes(frozenset(entities), frozenset(codes))

    def close(self) -> None:
        self._listener.close()


__all__ = ["ChangeFeed", "announce_changes", "available"]
