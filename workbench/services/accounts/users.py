"""Workbench users: signing in through key slots, adding, removing, roles, rekeying.

The command line and the window open a database only through :func:`sign_in` (or
:func:`create_database`): the user's key slot unwraps the database key, the user must
be active in the database, and the sign-in (with the failures before it) goes into the
audit trail. The role is never taken from the caller; ``Context`` reads it.
"""

from __future__ import annotations

import builtins
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain import vocab
from workbench.domain.permissions import USERS_MANAGE
from workbench.models import User
from workbench.services.core.changes import Changes, OpResult
from workbench.services.core.context import Context, Principal, utc_now
from workbench.services.core.errors import (
    AuthenticationFailed,
    FieldError,
    InputRejected,
    NotFound,
    PermissionDenied,
)
from workbench.services.core.unit_of_work import UnitOfWork, snapshot, unit_of_work
from workbench.store import ServerStore, Store, accounts, server
from workbench.store.slots import KdfParams, SlotFile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    display_name: str
    active: bool
    has_slot: bool
    police_no: str = ""


_POLICE_NO = re.compile(r"[0-9A-Za-z]{1,20}")


def _details_errors(display_name: str, police_no: str) -> list[FieldError]:
    errors = []
    if len(display_name) > 100:
        errors.append(
            FieldError(
                "display_name",
                f"is {len(display_name)} characters long; at most 100",
                "text.too_long",
                {"length": len(display_name), "max": 100},
            )
        )
    if police_no and not _POLICE_NO.fullmatch(police_no):
        errors.append(
            FieldError(
                "police_no",
                f"{police_no!r} is not a police number (letters and digits, at most 20)",
                "user.police_no",
                {"value": police_no},
            )
        )
    return errors


@dataclass(frozen=True)
class RekeyResult:
    generation: int
    users: tuple[str, ...]
    backup: Path | None  # kept beside the database (None: removed after success)


class UserService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- managing users -----------------------------------------------------------------

    def add(
        self,
        name: str,
        role: str,
        display_name: str = "",
        *,
        passphrase: str | None = None,
        params: KdfParams | None = None,
        police_no: str = "",
    ) -> OpResult[int]:
        """A new user (admins; the very first user of a new database adds themselves).

        On a slot-keyed database the user gets a key slot for ``passphrase``, written
        inside the transaction that adds them (a failure leaves neither).
        """
        name = name.strip()
        errors = []
        if not name:
            errors.append(FieldError("name", "is required"))
        if role not in vocab.USER_ROLES:
            errors.append(FieldError("role", f"unknown role {role!r}"))
        slots = self.ctx.store.slots
        if slots is not None and not passphrase and name not in slots.slots:
            errors.append(FieldError("passphrase", "is required"))
        on_server = isinstance(self.ctx.store, ServerStore)
        if on_server and not passphrase and name != self.ctx.user:
            errors.append(FieldError("passphrase", "is required"))
        display_name, police_no = display_name.strip(), police_no.strip()
        errors += _details_errors(display_name, police_no)
        if errors:
            raise InputRejected("user", errors)
        with unit_of_work(self.ctx) as uow:
            first = uow.session.execute(select(func.count()).select_from(User)).scalar_one() == 0
            if not (first and name == self.ctx.user):
                self.ctx.require(USERS_MANAGE, session=uow.session)
            if uow.session.execute(select(User.id).where(User.name == name)).first():
                raise InputRejected("user", [FieldError("name", f"user {name!r} exists")])
            user = User(
                name=name,
                role=role,
                display_name=display_name,
                police_no=police_no,
                created_at=self.ctx.clock(),
            )
            uow.session.add(user)
            uow.created("user", user, None)
            if isinstance(self.ctx.store, Store) and self.ctx.store.slots and passphrase:
                accounts.add_slot(self.ctx.store, name, passphrase, params)
            elif on_server and passphrase and name != self.ctx.user:
                server.create_login(uow.session, name, passphrase, role)  # same transaction
        return OpResult(user.id, uow.changes)

    def set_details(
        self, name: str, *, display_name: str | None = None, police_no: str | None = None
    ) -> OpResult[None]:
        """A user's real name and police number (警号), printed where the user signs a
        document (the package's preparer): one's own, or anyone's as admin."""
        if name != self.ctx.user:
            self.ctx.require(USERS_MANAGE)
        fields = {
            k: v.strip()
            for k, v in (("display_name", display_name), ("police_no", police_no))
            if v is not None
        }
        errors = _details_errors(fields.get("display_name", ""), fields.get("police_no", ""))
        if errors:
            raise InputRejected("user", errors)
        with unit_of_work(self.ctx) as uow:
            user = self._active(uow.session, name)
            before = snapshot(user)
            for key, value in fields.items():
                setattr(user, key, value)
            uow.updated("user", user, before, None)
        return OpResult(None, uow.changes)

    def set_role(self, name: str, role: str) -> OpResult[None]:
        self.ctx.require(USERS_MANAGE)
        if role not in vocab.USER_ROLES:
            raise InputRejected("user", [FieldError("role", f"unknown role {role!r}")])
        with unit_of_work(self.ctx) as uow:
            user = self._active(uow.session, name)
            if user.role == "admin" and role != "admin":
                self._keep_an_admin(uow.session, name)
            before = snapshot(user)
            user.role = role
            uow.updated("user", user, before, None)
            if isinstance(self.ctx.store, ServerStore):
                server.set_login_group(uow.session, name, role)
        if name == self.ctx.user:
            self.ctx.forget_principal()
        return OpResult(None, uow.changes)

    def change_passphrase(
        self, name: str, passphrase: str, *, params: KdfParams | None = None
    ) -> OpResult[None]:
        """A new passphrase (a new key slot) for ``name``: one's own, or any as admin."""
        if name != self.ctx.user:
            self.ctx.require(USERS_MANAGE)
        if not passphrase:
            raise InputRejected("user", [FieldError("passphrase", "is required")])
        store = self.ctx.store
        if isinstance(store, ServerStore):
            with unit_of_work(self.ctx) as uow:
                user = self._active(uow.session, name)
                uow.audit("passwd", "user", user.id, None, {"user": name})
                server.set_password(uow.session, name, passphrase)
            return OpResult(None, uow.changes)
        if store.slots is None:
            raise InputRejected(
                "user", [FieldError("passphrase", "this database has no key slots")]
            )
        with unit_of_work(self.ctx) as uow:
            user = self._active(uow.session, name)
            uow.audit("passwd", "user", user.id, None, {"user": name})
            accounts.add_slot(store, name, passphrase, params)
        return OpResult(None, uow.changes)

    def remove(self, name: str) -> tuple[OpResult[None], RekeyResult]:
        """Deactivate ``name`` (their audit history stays) and rekey without their slot,
        so their passphrase no longer opens the current file: one operation.

        The deactivation and its audit entries are written into the re-keyed copy before
        it replaces the database, so a crash at any point leaves either the old file
        (nothing changed) or the new one (the user locked out). No backup is kept (it
        would still open with the removed passphrase). Refused while another session has
        the file open (``DatabaseInUse``, nothing changed)."""
        self.ctx.require(USERS_MANAGE)
        if name == self.ctx.user:
            raise InputRejected("user", [FieldError("name", "you cannot remove yourself")])
        if isinstance(self.ctx.store, ServerStore):
            return self._remove_on_server(name)
        with self.ctx.store.session() as s:
            self._removable(s, name)  # refuse before any work; checked again in the copy
        changes: list[Changes] = []

        def deactivate(uow: UnitOfWork) -> None:
            user = self._removable(uow.session, name)
            before = snapshot(user)
            user.active = False
            uow.updated("user", user, before, None)
            changes.append(uow.changes)

        rekeyed = self._switch_key(
            f"user {name} removed", keep_backup=False, removing=name, also=deactivate
        )
        return OpResult(None, changes[0]), rekeyed

    def _remove_on_server(self, name: str) -> tuple[OpResult[None], RekeyResult]:
        """On the server there is no database key to change: the user is deactivated and
        their login role loses LOGIN in one transaction (sessions they have open end at
        their next connection)."""
        with unit_of_work(self.ctx) as uow:
            user = self._removable(uow.session, name)
            before = snapshot(user)
            user.active = False
            uow.updated("user", user, before, None)
            server.disable_login(uow.session, name)
            active = tuple(
                sorted(uow.session.scalars(select(User.name).where(User.active.is_(True))))
            )
        return OpResult(None, uow.changes), RekeyResult(0, active, None)

    def rekey(self, reason: str = "requested", *, keep_backup: bool = True) -> RekeyResult:
        """A new database key, sealed for every active user; the context continues on it.

        The backup taken first stays beside the database unless ``keep_backup`` is False.
        The ``rekey`` audit entry is written into the new file before it replaces the old.
        """
        self.ctx.require(USERS_MANAGE)
        return self._switch_key(reason, keep_backup=keep_backup)

    def _switch_key(
        self,
        reason: str,
        *,
        keep_backup: bool,
        removing: str | None = None,
        also: Callable[[UnitOfWork], None] | None = None,
    ) -> RekeyResult:
        """Rekey for every active user but ``removing``; ``also`` runs in the copy's
        transaction, beside the ``rekey`` audit entry."""
        old = self.ctx.store
        if not isinstance(old, Store) or old.slots is None:
            raise InputRejected("rekey", [FieldError("database", "this database has no key slots")])
        with old.session() as s:
            active = set(s.scalars(select(User.name).where(User.active.is_(True))))
        active.discard(removing or "")

        def prepare(copy: Store, slots: SlotFile, backup: Path | None) -> None:
            ctx = Context(copy, self.ctx.user, clock=self.ctx.clock)
            with unit_of_work(ctx) as uow:
                if also is not None:
                    also(uow)
                uow.audit(
                    "rekey",
                    "database",
                    None,
                    None,
                    {
                        "reason": reason,
                        "generation": slots.generation,
                        "users": sorted(slots.slots),
                    },
                )

        try:
            new, backup = accounts.rekey(old, active, prepare=prepare, keep_backup=keep_backup)
        except accounts.KeySwitchRefused as exc:
            self.ctx.store = exc.store
            raise
        self.ctx.store = new
        assert new.slots is not None
        return RekeyResult(new.slots.generation, tuple(sorted(new.slots.slots)), backup)

    def _removable(self, session: Session, name: str) -> User:
        user = self._active(session, name)
        if user.role == "admin":
            self._keep_an_admin(session, name)
        return user

    # -- reading ------------------------------------------------------------------------

    def authenticate(self) -> User:
        """The context's user, who must exist and be active on this database."""
        with self.ctx.store.session() as s:
            user = s.execute(select(User).where(User.name == self.ctx.user)).scalar_one_or_none()
        if user is None or not user.active:
            raise AuthenticationFailed(f"unknown user {self.ctx.user!r} for {self.ctx.store.path}")
        return user

    def list(self) -> list[User]:
        self.ctx.require(USERS_MANAGE)
        with self.ctx.store.session() as s:
            return list(s.scalars(select(User).order_by(User.name)))

    def rows(self) -> builtins.list[UserRow]:
        """``has_slot``: on a file, the user holds a key slot; on the server, a login role
        that may log in."""
        slots = self.ctx.store.slots
        keys: set[str] = set(slots.slots) if slots is not None else set()
        if isinstance(self.ctx.store, ServerStore):
            with self.ctx.store.session() as s:
                keys = server.login_roles(s)
        return [
            UserRow(u.name, u.role, u.display_name, u.active, u.name in keys, u.police_no)
            for u in self.list()
        ]

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _active(session: Session, name: str) -> User:
        user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
        if user is None or not user.active:
            raise NotFound(f"no active user {name!r}")
        return user

    @staticmethod
    def _keep_an_admin(session: Session, name: str) -> None:
        others = session.execute(
            select(func.count())
            .select_from(User)
            .where(User.role == "admin", User.active.is_(True), User.name != name)
        ).scalar_one()
        if not others:
            raise InputRejected("user", [FieldError("role", f"{name} is the last admin")])


# -- signing in ------------------------------------------------------------------------


def create_database(
    path: Path | str, user: str, passphrase: str, *, params: KdfParams | None = None
) -> Context:
    """A new slot-keyed database whose creator is its admin; nothing left on failure."""
    path = Path(path)
    store = accounts.create_database(path, user, passphrase, params=params)
    ctx = Context(store, user)
    try:
        UserService(ctx).add(user, "admin")  # accounts.create_database made their slot
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm", "-journal", ".keys", ".keys.lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return ctx


@dataclass
class SignInNotes:
    """What a person should be told after signing in (the CLI prints, the window shows)."""

    converted_backup: Path | None = None
    schema_backup: Path | None = None
    stale_slots: tuple[str, ...] = ()


def sign_in(
    path: Path | str,
    user: str,
    passphrase: str,
    *,
    clock: Callable[[], datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
    notes: SignInNotes | None = None,
    read_only: bool = False,
) -> Context:
    """Unlock ``path`` with ``user``'s key slot and sign them in (audited).

    The sign-in audit entry is the session's first write: it is written only after every
    page of the file verified (``Store.open``), so a damaged file is refused unchanged.
    A passphrase-keyed database of the foundation release is converted to key slots
    here when its owner (an active admin) signs in; anybody else is refused until then.
    ``read_only`` (``workbench check``): nothing at all is written to the database — no
    audit entry, conversion, schema upgrade or tidying after a crash — and the pages are
    left for the caller to check; a file too damaged to read the user from still opens.
    """
    if server.is_server_url(path):
        return _sign_in_server(str(path), user, passphrase, clock=clock, read_only=read_only)
    path = Path(path)
    store = accounts.unlock(path, user, passphrase, now=clock, sleep=sleep, read_only=read_only)
    notes = notes if notes is not None else SignInNotes()
    notes.schema_backup = store.backup_written
    ctx = Context(store, user, clock=clock)
    try:
        me = _principal(ctx, path, clock, tolerate_damage=read_only)
        if read_only:
            return ctx
        assert me is not None
        if store.slots is None:
            _convert(ctx, me.role, passphrase, notes)
        assert ctx.store.slots is not None
        _audit_sign_in(ctx)
        with ctx.store.session() as s:
            inactive = set(s.scalars(select(User.name).where(User.active.is_(False))))
        notes.stale_slots = tuple(sorted(inactive & set(ctx.store.slots.slots)))
        if notes.stale_slots:
            log.warning("key slots of removed users remain: %s", notes.stale_slots)
    except BaseException:
        ctx.store.close()
        raise
    return ctx


def _sign_in_server(
    url: str, user: str, passphrase: str, *, clock: Callable[[], datetime], read_only: bool
) -> Context:
    """Connect to the server as ``user`` (the server checks the passphrase: SCRAM, or a
    client certificate named in the URL), who must be an active workbench user there;
    the sign-in is audited like on a file (failed logins are the server's log's)."""
    store = ServerStore.open(url, user, passphrase)
    ctx = Context(store, user, clock=clock)
    try:
        ctx.principal()
        if not read_only:
            _audit_server_sign_in(ctx)
    except BaseException:
        store.close()
        raise
    return ctx


def create_server(url: str, user: str, passphrase: str) -> tuple[Context, str]:
    """Set up the workbench schema on the server ``url`` names (connecting as its owner)
    with ``user`` as the first admin, and sign them in. Returns the context and the URL
    users connect with. Run again, it upgrades the schema and re-applies the rules."""
    users_url = server.initialize(url, user, passphrase)
    ctx = _sign_in_server_first(users_url, user, passphrase)
    return ctx, users_url


def _sign_in_server_first(url: str, user: str, passphrase: str) -> Context:
    store = ServerStore.open(url, user, passphrase)
    ctx = Context(store, user)
    try:
        with store.session() as s:
            exists = s.execute(select(User.id).where(User.name == user)).first()
        if not exists:
            UserService(ctx).add(user, "admin")  # the first user adds themselves
        ctx.principal()
        _audit_server_sign_in(ctx)
    except BaseException:
        store.close()
        raise
    return ctx


def _audit_server_sign_in(ctx: Context) -> None:
    """A server counts failed logins in its own log, not here: none before this one."""
    with unit_of_work(ctx) as uow:
        uow.audit("login", "user", ctx.user, None, {"failures_before": 0})


def _principal(
    ctx: Context, path: Path, clock: Callable[[], datetime], *, tolerate_damage: bool
) -> Principal | None:
    """The signed-in user, active in the database; a failure counts as a failed sign-in."""
    try:
        return ctx.principal()
    except AuthenticationFailed:
        if ctx.store.slots is not None:
            accounts.record_failure(path, ctx.user, clock())
        raise
    except sa_exc.DatabaseError:
        if tolerate_damage:
            return None
        raise


def _audit_sign_in(ctx: Context) -> None:
    """The failures since the last sign-in and this success go into the audit trail. A
    database too damaged to take them still opens (``workbench check`` must run)."""
    store = ctx.store
    assert isinstance(store, Store)  # the server has no slot file counting failures
    failures, unaudited = accounts.peek_attempts(store, ctx.user)
    try:
        with unit_of_work(ctx) as uow:
            for failure in unaudited:
                uow.audit("login_failure", "user", failure["user"], None, {"at": failure["at"]})
            uow.audit("login", "user", ctx.user, None, {"failures_before": failures})
    except sa_exc.DatabaseError as exc:
        log.warning("could not audit the sign-in of %s: %s", ctx.user, exc)
        return
    accounts.clear_attempts(store, ctx.user, unaudited)


def _convert(ctx: Context, role: str, passphrase: str, notes: SignInNotes) -> None:
    if role != "admin":
        raise PermissionDenied(
            f"{ctx.store.path} still uses one shared passphrase: its owner (an admin) must "
            "sign in first to give it personal key slots"
        )
    with ctx.store.session() as s:
        users = s.execute(select(func.count()).select_from(User)).scalar_one()

    def prepare(copy: Store, slots: SlotFile, backup: Path | None) -> None:
        with unit_of_work(Context(copy, ctx.user, clock=ctx.clock)) as uow:  # in the new file
            uow.audit(
                "convert",
                "database",
                None,
                None,
                {
                    "to": "key slots",
                    "owner": ctx.user,
                    "users": users,
                    "backup": backup.name if backup else None,
                },
            )

    try:
        assert isinstance(ctx.store, Store)
        new, backup = accounts.convert_foundation(ctx.store, ctx.user, passphrase, prepare=prepare)
    except accounts.KeySwitchRefused as exc:
        ctx.store = exc.store
        raise
    ctx.store = new
    notes.converted_backup = backup


__all__ = [
    "SignInNotes",
    "Store",
    "UserRow",
    "UserService",
    "create_database",
    "create_server",
    "sign_in",
]
