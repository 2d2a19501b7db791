"""Workbench users. Sign-in is by name on a passphrase-keyed database for now; per-user
key slots and role enforcement arrive with the accounts release.
"""

from __future__ import annotations

from sqlalchemy import select

from workbench.domain import vocab
from workbench.models import User
from workbench.services.changes import OpResult
from workbench.services.context import Context
from workbench.services.errors import AuthenticationFailed, FieldError, InputRejected
from workbench.services.unit_of_work import unit_of_work


class UserService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(self, name: str, role: str, display_name: str = "") -> OpResult[int]:
        name = name.strip()
        errors = []
        if not name:
            errors.append(FieldError("name", "is required"))
        if role not in vocab.USER_ROLES:
            errors.append(FieldError("role", f"unknown role {role!r}"))
        if errors:
            raise InputRejected("user", errors)
        with unit_of_work(self.ctx) as uow:
            if uow.session.execute(select(User.id).where(User.name == name)).first():
                raise InputRejected("user", [FieldError("name", f"user {name!r} exists")])
            user = User(
                name=name, role=role, display_name=display_name, created_at=self.ctx.clock()
            )
            uow.session.add(user)
            uow.created("user", user, None)
        return OpResult(user.id, uow.changes)

    def authenticate(self) -> User:
        """The context's user, who must exist and be active on this database."""
        with self.ctx.store.session() as s:
            user = s.execute(select(User).where(User.name == self.ctx.user)).scalar_one_or_none()
        if user is None or not user.active:
            raise AuthenticationFailed(f"unknown user {self.ctx.user!r} for {self.ctx.store.path}")
        return user

    def list(self) -> list[User]:
        with self.ctx.store.session() as s:
            return list(s.scalars(select(User).order_by(User.name)))
