"""The task-force server: the same schema on PostgreSQL, reached with psycopg 3.

Every workbench user is a PostgreSQL login role of the same name (SCRAM password = their
passphrase), member of one group role per workbench role (``GROUP_ROLES``). The app
connects as that user, so the database itself enforces what they may see and change:
row-level security on every case-scoped table by case membership, auditors read-only by
grants, the audit table insert-only (migration 0009). A :class:`ServerStore` offers what
services use of a file :class:`~workbench.store.Store`: ``engine``, ``session()``,
``write_session()``, ``close()``, ``path`` (here the URL without its password).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

import workbench.store.migrate as migrate
import workbench.store.server_access as server_access
from workbench.store.errors import (
    BadServerAddress,
    CertificateRefused,
    DatabaseInUse,
    NotAWorkbenchDatabase,
    NotEmpty,
    SchemaOutdated,
    ServerUnreachable,
    StoreClosed,
    StoreError,
    WrongPassphrase,
)

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")

# The group roles, one per workbench role (vocab.USER_ROLES), and their common parent.
BASE_ROLE = "workbench_user"
GROUP_ROLES = {
    "investigator": "workbench_investigator",
    "case_lead": "workbench_case_lead",
    "auditor": "workbench_auditor",
    "admin": "workbench_admin",
}
# One global audit chain: every writer appends under this transaction-scoped advisory
# lock (pg_advisory_xact_lock), taken just before the chain head is read and released at
# commit, so two sessions never both extend the same head. The value is "TFWB".
AUDIT_LOCK_KEY = server_access.AUDIT_LOCK_KEY
# Committed changes are announced on this channel (pg_notify in the writing transaction,
# delivered at commit): case ids and entity kinds, never codes or content.
NOTIFY_CHANNEL = "workbench_changes"
# How long a statement waits for a row or the audit lock before giving up ("in use").
LOCK_TIMEOUT_MS = 15_000


def is_server_url(value: str | object) -> bool:
    return isinstance(value, str) and value.startswith(SCHEMES)


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (sa_exc.ArgumentError, ValueError) as exc:  # ValueError: a port not a number
        raise BadServerAddress(url, f"not a database URL: {exc}") from None
    if parsed.get_backend_name() != "postgresql":
        raise BadServerAddress(url, f"{url}: only postgresql:// server URLs are supported")
    return parsed.set(drivername="postgresql+psycopg")


def display_url(url: URL | str) -> str:
    """The URL as shown to people and in logs: never its password."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    return parsed._replace(drivername="postgresql", password=None).render_as_string(
        hide_password=True
    )


@dataclass(frozen=True)
class ServerAddress:
    """What a person types to reach a server (the unlock dialog's "Server" tab)."""

    host: str
    port: int = 5432
    database: str = "workbench"
    sslmode: str = "verify-full"  # verify-full | require | prefer | disable
    sslrootcert: str = ""  # the site CA (verify-full)
    sslcert: str = ""  # the user's client certificate (a 'cert' line in pg_hba.conf)
    sslkey: str = ""  # its private key: with the certificate, the credential

    def url(self) -> str:
        query = {"sslmode": self.sslmode} if self.sslmode else {}
        for name in TLS_FILES:
            if getattr(self, name):
                query[name] = getattr(self, name)
        built = URL.create(
            "postgresql", host=self.host, port=self.port, database=self.database, query=query
        )
        return built.render_as_string(hide_password=False)

    @classmethod
    def of(cls, url: str) -> ServerAddress:
        parsed = parse_url(url)
        query = {k: v if isinstance(v, str) else v[0] for k, v in parsed.query.items()}
        return cls(
            parsed.host or "",
            parsed.port or 5432,
            parsed.database or "",
            query.get("sslmode", ""),
            *(query.get(name, "") for name in TLS_FILES),
        )

    def file_problem(self) -> tuple[str, str] | None:
        """The first TLS file that cannot work, as (field, problem), before libpq is
        asked: it ignores a missing client certificate and the server then answers only
        "requires a valid client certificate". Problems: "unpaired" (a certificate
        without its key or the reverse), "missing" (no such file), "exposed" (a key
        others may read, which libpq refuses)."""
        if bool(self.sslcert) != bool(self.sslkey):
            return ("sslkey" if self.sslcert else "sslcert", "unpaired")
        for name in TLS_FILES:
            value = getattr(self, name)
            if value and not Path(value).is_file():
                return name, "missing"
        if self.sslkey and _exposed(Path(self.sslkey)):
            return "sslkey", "exposed"
        return None


def by_certificate(location: object) -> bool:
    """Whether ``location`` is a server URL naming a client certificate: its key signs the
    user in and the server asks for no passphrase (a 'cert' line in pg_hba.conf)."""
    return is_server_url(location) and bool(ServerAddress.of(str(location)).sslcert)


def _exposed(key: Path) -> bool:
    """libpq's rule for a private key: no group or other access if it is the user's
    own, at most group-read if root owns it."""
    info = key.stat()
    mine = info.st_uid == os.geteuid() and info.st_mode & 0o077
    return bool(mine or (info.st_uid == 0 and info.st_mode & 0o037))


# The files a URL may name for TLS, in the order a person checks them.
TLS_FILES = ("sslrootcert", "sslcert", "sslkey")

# libpq's own prefix, which repeats the host and port the message already names.
_LIBPQ_PREFIX = re.compile(
    r'^(connection failed: )?connection to server at "[^"]*", port \d+ failed: '
)


def _detail(exc: BaseException) -> str:
    """libpq's reason on one line (its messages run over several), without its prefix."""
    text = " ".join(str(getattr(exc, "orig", exc)).split())
    return _LIBPQ_PREFIX.sub("", text).replace("FATAL: ", "")


def connect_failure(where: str, user: str, exc: BaseException) -> StoreError:
    """What a failed first connection to ``where`` means, as the error that carries its
    exit code: 3 refused credentials, 2 unusable TLS files, 7 full, else 8 unreachable."""
    detail = _detail(exc)
    lowered = detail.lower()
    if any(s in lowered for s in ("certificate file", "private key file", "not private key")):
        return BadServerAddress(where, f"{where}: a TLS file in the URL cannot be used: {detail}")
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return WrongPassphrase(where, user)
    if 'role "' in lowered and "does not exist" in lowered:
        return WrongPassphrase(where, user)
    if "certificate authentication failed" in lowered or "valid client certificate" in lowered:
        return CertificateRefused(
            where,
            f"{where} refused the client certificate of user {user!r} ({detail}): it takes "
            "one its CA signed whose CN is the user name",
        )
    if "does not exist" in lowered and "database" in lowered:
        return ServerUnreachable(where, f"{where}: no such database on the server ({detail})")
    if "too many" in lowered:
        return DatabaseInUse(where, f"{where}: the server refuses more connections ({detail})")
    if "certificate verify failed" in lowered:
        detail += " (the server's certificate is not signed by the CA in sslrootcert)"
    return ServerUnreachable(where, f"cannot reach the server {where}: {detail}")


def reachable(engine: Engine, where: str, user: str) -> None:
    """Open and close one connection, so that a failure says why (:func:`connect_failure`)."""
    try:
        with engine.connect():
            pass
    except sa_exc.OperationalError as exc:
        raise connect_failure(where, user, exc) from None


class ConnectionLost(ServerUnreachable):
    """The server went away in the middle of a change (restarted, killed, network):
    unreachable (exit 8) like a server that never answered."""

    def __init__(self, where: str) -> None:
        super().__init__(
            where,
            f"lost the connection to {where} during a change: the server rolls back what it "
            "had not committed; if it went while saving, see whether the change is there "
            "('workbench audit log')",
        )


def _connection_lost(exc: BaseException | None) -> bool:
    if isinstance(exc, psycopg.errors.AdminShutdown | psycopg.errors.CrashShutdown):
        return True
    return isinstance(exc, psycopg.OperationalError) and (
        "server closed the connection" in str(exc)
        or ("connection" in str(exc).lower() and "lost" in str(exc).lower())
    )


class ServerStore:
    """An open connection pool to a workbench schema on a PostgreSQL server."""

    dialect = "postgresql"
    slots = None  # no key slots: the server authenticates every user itself
    backup_written = None

    def __init__(self, url: str | URL, user: str, passphrase: str | None) -> None:
        parsed = url if isinstance(url, URL) else parse_url(url)
        if parsed.username and parsed.username != user:
            raise BadServerAddress(
                display_url(parsed),
                f"the URL names user {parsed.username!r} but you sign in as {user!r}: "
                "leave the user out of the URL or give the same --user",
            )
        # No passphrase (a client certificate signs in): None, never "" — libpq would then
        # look in PGPASSWORD and ~/.pgpass for one the person did not give.
        self.url = parsed._replace(username=user, password=passphrase or None)
        self.path = display_url(self.url)
        self.user = user
        self._closed = False
        # Tells this session's own announcements from other sessions' (NOTIFY_CHANNEL).
        self.session_id = secrets.token_hex(8)
        self.engine: Engine = create_engine(
            self.url,
            pool_size=4,
            max_overflow=8,
            pool_pre_ping=True,
            hide_parameters=True,
            isolation_level="READ COMMITTED",
            connect_args={
                "application_name": "workbench",
                "connect_timeout": 10,
                "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
            },
        )
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

        @event.listens_for(self.engine, "connect")
        def _refuse_when_closed(dbapi_conn: Any, record: Any) -> None:
            if self._closed:
                raise StoreClosed(self.path, f"{self.path} is closed (the session ended)")

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | URL, user: str, passphrase: str | None) -> ServerStore:
        """Connect as ``user`` and check the schema is a workbench schema at head."""
        store = cls(url, user, passphrase)
        try:
            store._check_schema()
        except BaseException:
            store.close()
            raise
        return store

    def _check_schema(self) -> None:
        try:
            current = migrate.current_revision(self.engine)
        except sa_exc.OperationalError as exc:
            raise connect_failure(self.path, self.user, exc) from None
        head = migrate.head_revision()
        if current is None:
            raise NotAWorkbenchDatabase(
                self.path,
                f"{self.path} holds no workbench schema (set it up with 'workbench server init')",
            )
        if current != head:
            if not migrate.is_known(current):
                raise NotAWorkbenchDatabase(
                    self.path,
                    f"{self.path} has schema {current}, newer than this workbench understands",
                )
            raise SchemaOutdated(
                self.path,
                f"{self.path} has an older schema ({current}): its owner upgrades it with "
                "'workbench server init --url …'",
            )

    # -- sessions ------------------------------------------------------------------

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any exception."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except sa_exc.OperationalError as exc:
            if isinstance(exc.orig, psycopg.errors.LockNotAvailable):
                raise DatabaseInUse(
                    self.path,
                    f"{self.path}: another session held the records this change needs for "
                    f"longer than {LOCK_TIMEOUT_MS / 1000:.0f} s; nothing was changed",
                ) from None
            if isinstance(exc.orig, psycopg.errors.DeadlockDetected):
                raise DatabaseInUse(
                    self.path,
                    f"{self.path}: this change and another session's waited for each other; "
                    "the server cancelled this one and nothing of it was changed: try again",
                ) from None
            if exc.connection_invalidated or _connection_lost(exc.orig):
                raise ConnectionLost(self.path) from None
            raise
        finally:
            session.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def listener(self) -> Listener:
        """A connection of its own that waits for other sessions' announcements."""
        if self._closed:
            raise StoreClosed(self.path, f"{self.path} is closed (the session ended)")
        args, kwargs = self.engine.dialect.create_connect_args(self.url)
        return Listener(*args, **kwargs)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()

    def __enter__(self) -> ServerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Listener:
    """LISTEN on ``NOTIFY_CHANNEL``: waits on the socket, no polling of tables."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The arguments psycopg.connect takes (the store's own, from its URL)."""
        kwargs.update(autocommit=True, connect_timeout=10, application_name="workbench")
        self._conn = psycopg.connect(*args, **kwargs)
        self._conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(NOTIFY_CHANNEL)))

    def wait(self, timeout: float) -> list[str]:
        """The payloads that arrive within ``timeout`` seconds (as soon as one does, with
        any that follow it at once); [] when none did."""
        got = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
        if got:
            got += [n.payload for n in self._conn.notifies(timeout=0.05)]
        return got

    def close(self) -> None:
        self._conn.close()


def staged_insert(
    connection: Connection,
    stage: str,
    stage_columns: str,
    rows: Iterable[Sequence[object]],
    insert: str,
    params: Sequence[object] = (),
) -> int:
    """Many rows in two statements: COPY them into the temporary table ``stage``
    (``stage_columns``, dropped at commit, emptied on reuse), then ``insert``, which
    reads it (``INSERT … SELECT … FROM stage``, with its ON CONFLICT); returns how many
    rows that inserted. COPY sends the rows in libpq's own stream (psycopg's C dumpers),
    where an array or one INSERT per row costs the client seconds a million."""
    raw = connection.connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    table = sql.Identifier(stage)
    raw.execute(
        sql.SQL("CREATE TEMPORARY TABLE IF NOT EXISTS {} ({}) ON COMMIT DROP").format(
            table, sql.SQL(stage_columns)
        )
    )
    raw.execute(sql.SQL("TRUNCATE {}").format(table))
    with raw.cursor() as cursor:
        with cursor.copy(sql.SQL("COPY {} FROM STDIN").format(table)) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(insert, params)
        return int(cursor.rowcount)


def announce(session: Session, payload: str) -> None:
    """Tell listening sessions, when this transaction commits, what it changed."""
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": NOTIFY_CHANNEL, "payload": payload},
    )


# -- login roles (run inside the caller's transaction, on its connection) ---------------


def _dbapi(session: Session) -> psycopg.Connection[Any]:
    conn = session.connection().connection.dbapi_connection
    assert conn is not None
    return conn  # type: ignore[return-value]


def scram_secret(conn: psycopg.Connection[Any], user: str, passphrase: str) -> str:
    """The SCRAM verifier of ``passphrase``, computed here: the server never sees it."""
    secret = conn.pgconn.encrypt_password(passphrase.encode(), user.encode(), b"scram-sha-256")
    return secret.decode("ascii")


def create_login(session: Session, user: str, passphrase: str, role: str) -> None:
    """A login role for a new workbench user, member of its role's group role. Admins may
    create and manage login roles (CREATEROLE, ADMIN OPTION on the group roles)."""
    conn = _dbapi(session)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(
        sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
            sql.SQL(verb), sql.Identifier(user), sql.Literal(scram_secret(conn, user, passphrase))
        )
    )
    set_login_group(session, user, role)


def set_login_group(session: Session, user: str, role: str) -> None:
    """``user``'s login role joins the group role of ``role`` and leaves the others; an
    admin holds every group role WITH ADMIN OPTION (to manage the others' roles)."""
    conn = _dbapi(session)
    for group in GROUP_ROLES.values():
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(user))
        )
    if role == "admin":
        grant_admin_powers(session, user)
        return
    conn.execute(sql.SQL("ALTER ROLE {} NOCREATEROLE").format(sql.Identifier(user)))
    conn.execute(
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP_ROLES[role]), sql.Identifier(user))
    )


def grant_admin_powers(session: Session, user: str) -> None:
    """An admin creates login roles for new users and moves them between group roles."""
    _admin_powers(_dbapi(session), user)


def _admin_powers(conn: psycopg.Connection[Any], user: str) -> None:
    conn.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(sql.Identifier(user)))
    for group in GROUP_ROLES.values():
        conn.execute(
            sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(
                sql.Identifier(group), sql.Identifier(user)
            )
        )


def login_roles(session: Session) -> set[str]:
    """The roles that may log in (pg_roles is readable by every role)."""
    return set(session.execute(text("SELECT rolname FROM pg_roles WHERE rolcanlogin")).scalars())


def set_password(session: Session, user: str, passphrase: str) -> None:
    conn = _dbapi(session)
    conn.execute(
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(user), sql.Literal(scram_secret(conn, user, passphrase))
        )
    )


def disable_login(session: Session, user: str) -> None:
    """A removed user's role can no longer log in (its audit history stays)."""
    conn = _dbapi(session)
    conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(user)))


__all__ = [
    "AUDIT_LOCK_KEY",
    "GROUP_ROLES",
    "ServerAddress",
    "ServerStore",
    "by_certificate",
    "connect_failure",
    "create_login",
    "disable_login",
    "display_url",
    "is_server_url",
    "parse_url",
    "reachable",
    "set_login_group",
    "set_password",
    "staged_insert",
]


def copied_login(conn: Connection, user: str, role: str, *, active: bool) -> None:
    """A login role for a user arriving with a copied database (``workbench copy``): in
    their role's group, with no password until an admin gives them one."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    name = sql.Identifier(user)
    if not raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone():
        raw.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(name))
    raw.execute(sql.SQL("ALTER ROLE {} {}").format(name, sql.SQL("LOGIN" if active else "NOLOGIN")))
    raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP_ROLES[role]), name))
    if role == "admin":
        _admin_powers(raw, user)  # type: ignore[arg-type]


# -- setting a server up ---------------------------------------------------------------


def initialize(owner_url: str, admin: str, passphrase: str) -> str:
    """Schema (migrated to head), group roles, grants, policies and ``admin``'s login role
    on the database ``owner_url`` names, connecting as its owner (a superuser or a role
    with CREATEROLE that owns the database; its password from the URL or PGPASSWORD).
    Safe to run again: upgrades the schema and re-applies the access rules. Returns the
    URL users connect with (no user, no password)."""
    parsed = parse_url(owner_url)
    where = display_url(parsed)
    engine = create_engine(parsed, isolation_level="READ COMMITTED", hide_parameters=True)
    try:
        reachable(engine, where, parsed.username or "")
        current = migrate.current_revision(engine)
        if current is not None and not migrate.is_known(current):
            raise NotAWorkbenchDatabase(
                where, f"{where} has schema {current}, newer than this workbench understands"
            )
        if current is not None:
            with engine.connect() as conn:
                names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM app_user")]
            if names and admin not in names:
                raise NotEmpty(
                    where,
                    f"{where} already has workbench users; {admin!r} is not one of them "
                    "(an admin adds users with 'workbench user add')",
                )
        migrate.upgrade(engine, "head")
        with engine.begin() as conn:
            server_access.apply(conn)  # again: tables added since 0009 get their rules
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            exists = dbapi.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (admin,)).fetchone()
            dbapi.execute(
                sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
                    sql.SQL("ALTER" if exists else "CREATE"),
                    sql.Identifier(admin),
                    sql.Literal(scram_secret(dbapi, admin, passphrase)),  # type: ignore[arg-type]
                )
            )
            _admin_powers(dbapi, admin)  # type: ignore[arg-type]
            dbapi.execute(
                sql.SQL("GRANT CONNECT ON DATABASE {} TO workbench_user").format(
                    sql.Identifier(parsed.database or "postgres")
                )
            )
    finally:
        engine.dispose()
    return display_url(parsed._replace(username=None))
