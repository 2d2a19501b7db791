"""Who is working on which database, and the clock: passed in, never global.

Permissions: every service entry point calls :meth:`Context.require` first::

    self.ctx.require("case.edit", case_code)     # a change to one case
    self.ctx.require("case.read", case_code)     # reading one case
    self.ctx.require("users.manage")             # no case involved

It raises :class:`PermissionDenied` (CLI exit 6; the window shows the reason) unless
the signed-in user's role, and for case permissions their membership of that case,
allow it (rules in ``workbench.domain.permissions``). The role and memberships are
always read from the database for ``user``: a Context never carries a role given by
its caller. As a second line, every audited change that names a case is checked for
"case.edit" inside its own transaction (``unit_of_work``), so a service that forgot
its check still cannot write to a case the user may not edit. Permission names:
case.read, case.edit, case.import, case.create, case.delete, case.members,
case.export, audit.read, users.manage.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain import permissions
from workbench.models import CaseAccess, CaseFile, User
from workbench.services.core.errors import AuthenticationFailed, PermissionDenied
from workbench.store import AnyStore


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the database knows them."""

    user_id: int
    name: str
    role: str


@dataclass
class Context:
    store: AnyStore
    user: str
    clock: Callable[[], datetime] = field(default=utc_now)
    # The open unit of work of each thread, so nested service calls join it.
    local: threading.local = field(default_factory=threading.local, repr=False, compare=False)
    _principal: Principal | None = field(default=None, repr=False, compare=False)

    # -- who -----------------------------------------------------------------------

    def principal(self, session: Session | None = None) -> Principal:
        """The user's id and role from the database (cached for the session)."""
        if self._principal is None:
            self._principal = self._load_principal(session)
        return self._principal

    def forget_principal(self) -> None:
        """Read the role again on next use (after it changed)."""
        self._principal = None

    def _load_principal(self, session: Session | None) -> Principal:
        def load(s: Session) -> Principal:
            row = s.execute(
                select(User.id, User.role, User.active).where(User.name == self.user)
            ).first()
            if row is None or not row.active:
                raise AuthenticationFailed(f"unknown user {self.user!r} for {self.store.path}")
            return Principal(row.id, self.user, row.role)

        if session is not None:
            return load(session)
        with self.store.session() as s:
            return load(s)

    @property
    def role(self) -> str:
        return self.principal().role

    # -- may they ------------------------------------------------------------------

    def decide(
        self, permission: str, case_code: str | None = None, *, session: Session | None = None
    ) -> permissions.Decision:
        session = session or self._open_session()
        me = self.principal(session)
        member = case_code is not None and self._is_member(me, case_code, session)
        # A refusal never looks the case up: a made-up code and a real case the user is
        # no member of get the same answer, so nobody can probe which cases exist.
        return permissions.decide(me.role, permission, case_code=case_code, is_member=member)

    def _open_session(self) -> Session | None:
        """The session of this thread's open transaction, if any: what it wrote counts."""
        uow = getattr(self.local, "uow", None)
        return None if uow is None else uow.session

    def can(self, permission: str, case_code: str | None = None) -> bool:
        return self.decide(permission, case_code).allowed

    def require(
        self, permission: str, case_code: str | None = None, *, session: Session | None = None
    ) -> None:
        """Raise :class:`PermissionDenied` unless the user may ``permission`` (on the case).

        ``session``: inside a transaction, pass its session so memberships it just
        wrote count.
        """
        decision = self.decide(permission, case_code, session=session)
        if not decision.allowed:
            raise PermissionDenied(f"{self.user}: {decision.reason}")

    def require_any(
        self,
        permission: str,
        case_codes: Iterable[str],
        *,
        fallback: str,
        session: Session | None = None,
    ) -> None:
        """For a global record (a person, a vehicle): ``permission`` on at least one of
        the cases it is in, or ``fallback`` (role-wide) when it is in none."""
        codes = list(case_codes)
        if not codes:
            self.require(fallback, session=session)
            return
        decisions = [self.decide(permission, code, session=session) for code in codes]
        if not any(d.allowed for d in decisions):
            raise PermissionDenied(f"{self.user}: {decisions[0].reason}")

    def readable_case_ids(self, session: Session) -> set[int] | None:
        """The ids of the cases the user may read; None for every case (auditors)."""
        me = self.principal(session)
        if permissions.decide(me.role, permissions.CASE_READ).allowed:
            return None
        return set(
            session.scalars(select(CaseAccess.case_id).where(CaseAccess.user_id == me.user_id))
        )

    def _is_member(self, me: Principal, case_code: str, session: Session | None) -> bool:
        # Inside a transaction a membership found once holds to its end (the unit of
        # work forgets them when it changes case_access): one query per case, not per
        # check — a save checks its case three times.
        uow = getattr(self.local, "uow", None)
        known: dict[str, int] | None = None
        if uow is not None and session is uow.session:
            known = uow.member_of
            if case_code in known:
                return True
        case_id = self._member_case_id(me, case_code, session)
        if case_id is not None and known is not None:
            known[case_code] = case_id
        return case_id is not None

    def _member_case_id(self, me: Principal, case_code: str, session: Session | None) -> int | None:
        query = (
            select(CaseAccess.case_id)
            .join(CaseFile, CaseFile.id == CaseAccess.case_id)
            .where(CaseFile.code == case_code, CaseAccess.user_id == me.user_id)
        )
        if session is not None:
            return session.execute(query).scalar()
        with self.store.session() as s:
            return s.execute(query).scalar()
