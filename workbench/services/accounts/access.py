"""Who may work on a case: granting, revoking and listing case membership.

Membership (``case_access``) decides what a user may read; the creator of a case is its
first member (``CaseService.create``). Case leads of a case and admins manage it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_MEMBERS, CASE_READ
from workbench.models import CaseAccess, User
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected, NotFound
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import unit_of_work

# Roles that may let someone into a case: what a user without one is told to ask.
GRANTING_ROLES = ("admin", "case_lead")


@dataclass(frozen=True)
class UserSummary:
    """A user as others pick or ask them: login name, full name, role (USER_ROLES key)."""

    name: str
    display_name: str
    role: str


class AccessService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def grant(self, code: str, user_name: str) -> OpResult[int]:
        """Make ``user_name`` a member of case ``code`` (case leads of it, admins)."""
        self.ctx.require(CASE_MEMBERS, code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, code)
            user = _active_user(uow.session, user_name)
            exists = uow.session.execute(
                select(CaseAccess.id).where(
                    CaseAccess.case_id == case.id, CaseAccess.user_id == user.id
                )
            ).first()
            if exists:
                raise InputRejected(
                    "case_access", [FieldError("user", f"{user_name} is already a member")]
                )
            access = CaseAccess(case_id=case.id, user_id=user.id, granted_at=self.ctx.clock())
            uow.session.add(access)
            uow.session.flush()
            uow.audit("grant", "case_access", access.id, case.code, {"user": user_name})
        return OpResult(access.id, uow.changes)

    def revoke(self, code: str, user_name: str) -> OpResult[None]:
        self.ctx.require(CASE_MEMBERS, code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, code)
            access = uow.session.execute(
                select(CaseAccess)
                .join(User, User.id == CaseAccess.user_id)
                .where(CaseAccess.case_id == case.id, User.name == user_name)
            ).scalar_one_or_none()
            if access is None:
                raise NotFound(f"{user_name} is not a member of case {code}")
            uow.audit("revoke", "case_access", access.id, case.code, {"user": user_name})
            uow.session.delete(access)
        return OpResult(None, uow.changes)

    def contacts(self) -> list[UserSummary]:
        """Whom to ask for access: the active admins and case leads (any signed-in user
        may ask, so a new investigator facing no case file knows whom to call)."""
        self.ctx.principal()  # signed in, whoever it is
        with self.ctx.store.session() as s:
            users = s.scalars(
                select(User)
                .where(User.active.is_(True), User.role.in_(GRANTING_ROLES))
                .order_by(User.role, User.name)
            ).all()
            return [UserSummary(u.name, u.display_name, u.role) for u in users]

    def members(self, code: str) -> list[UserSummary]:
        """The users with access to case ``code``, with their roles."""
        self.ctx.require(CASE_READ, code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, code)
            users = s.scalars(
                select(User)
                .join(CaseAccess, CaseAccess.user_id == User.id)
                .where(CaseAccess.case_id == case.id)
                .order_by(User.name)
            ).all()
            return [UserSummary(u.name, u.display_name, u.role) for u in users]

    def candidates(self, code: str) -> list[UserSummary]:
        """Active users who are not yet members of case ``code``: what Grant picks from
        (case leads of the case and admins only)."""
        self.ctx.require(CASE_MEMBERS, code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, code)
            members = select(CaseAccess.user_id).where(CaseAccess.case_id == case.id)
            users = s.scalars(
                select(User)
                .where(User.active.is_(True), User.id.not_in(members))
                .order_by(User.name)
            ).all()
            return [UserSummary(u.name, u.display_name, u.role) for u in users]

    def members_of(self, code: str) -> list[str]:
        """The user names with access to case ``code``."""
        self.ctx.require(CASE_READ, code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, code)
            return list(
                s.scalars(
                    select(User.name)
                    .join(CaseAccess, CaseAccess.user_id == User.id)
                    .where(CaseAccess.case_id == case.id)
                    .order_by(User.name)
                )
            )


def _active_user(s: Session, name: str) -> User:
    user = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if user is None or not user.active:
        raise InputRejected("case_access", [FieldError("user", f"no active user {name!r}")])
    return user
