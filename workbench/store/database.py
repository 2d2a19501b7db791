"""Open, create and close the encrypted database; one engine and pool per session.

Opening costs a key derivation (~0.1 s): a :class:`Store` is opened once per session
and its pooled connections are reused; the connection that proved the key becomes the
pool's first connection. A closed store stays closed: it refuses to reconnect, and a key
it owns (one unwrapped from a key slot) is overwritten.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2

import workbench.store.locks as locks
import workbench.store.migrate as migrate
from workbench.store.backup import backup_database
from workbench.store.check import page_problems
from workbench.store.connection import (
    APPLICATION_ID,
    busy_timeout_ms,
    configure_session,
    is_locked,
    open_keyed,
    prove_key,
)
from workbench.store.errors import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NotAFile,
    NotAWorkbenchDatabase,
    SchemaOutdated,
    StoreClosed,
    StoreError,
    WrongPassphrase,
)
from workbench.store.files import remove_database_files
from workbench.store.keys import PAGE_SIZE, DatabaseKey

if TYPE_CHECKING:
    from workbench.store.slots import SlotFile

log = logging.getLogger(__name__)

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


class Store:
    """An open workbench database."""

    def __init__(
        self,
        path: Path,
        key: DatabaseKey,
        first: dbapi2.Connection,
        *,
        owns_key: bool = False,
        slots: SlotFile | None = None,
    ) -> None:
        self.path = path
        self._key = key
        self._owns_key = owns_key
        self._closed = False
        # The key-slot file this store was unlocked through (None: a passphrase-keyed
        # database of the foundation release, or a test's bare store).
        self.slots: SlotFile | None = slots
        self._spare: dbapi2.Connection | None = first
        self._lock = threading.Lock()
        self.engine: Engine = _make_engine(self._connect)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(bind=self._writer, expire_on_commit=False)
        self.backup_written: Path | None = None
        locks.register_open(path)

    # -- opening -------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        key: DatabaseKey,
        *,
        revision: str = "head",
        owns_key: bool = False,
    ) -> Store:
        """A new, empty database at ``path``; refuses to touch an existing file."""
        path = Path(path)
        if path.exists():
            raise DatabaseExists(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = open_keyed(path, key)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            configure_session(conn)
        except BaseException:
            conn.close()
            remove_database_files(path)
            raise
        store = cls(path, key, conn, owns_key=owns_key)
        try:
            migrate.upgrade(store.engine, revision)
        except BaseException:
            store.close()
            remove_database_files(path)
            raise
        log.info("created %s at schema %s", path, revision)
        return store

    @classmethod
    def open(
        cls,
        path: Path | str,
        key: DatabaseKey,
        *,
        schema: str = "upgrade",
        owns_key: bool = False,
        slots: SlotFile | None = None,
        verify_pages: bool = True,
    ) -> Store:
        """Open an existing database.

        ``schema``: "upgrade" brings an older schema up to date after a backup; "refuse"
        raises on an older schema; "as_is" leaves it (verifying a backup copy).
        ``owns_key``: the key object is this store's, overwritten on close. ``slots``: the
        key-slot file it was unlocked through (backups carry it). ``verify_pages``: every
        page's HMAC is checked before anything can write to the file (a sign-in writes
        its audit entry): a damaged file is refused, not written to. ``workbench check``
        opens without it, to report every problem itself.
        """
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(path)
        _check_file_shape(path)
        conn = open_keyed(path, key)
        try:
            prove_key(conn)
        except dbapi2.DatabaseError as exc:
            conn.close()
            raise _classify_key_failure(path, key, exc) from None
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotAWorkbenchDatabase(
                    path,
                    f"{path} opens with this passphrase but is not a workbench database",
                )
            if verify_pages:
                _refuse_damaged_pages(path, conn)
            configure_session(conn)
        except BaseException:
            conn.close()
            raise
        store = cls(path, key, conn, owns_key=owns_key, slots=slots)
        try:
            if schema != "as_is":
                store._bring_schema_up_to_date(upgrade=schema == "upgrade")
        except BaseException:
            store.close()
            raise
        return store

    def _bring_schema_up_to_date(self, upgrade: bool) -> None:
        current = migrate.current_revision(self.engine)
        head = migrate.head_revision()
        if current == head:
            return
        if current is None:
            raise DatabaseDamaged(self.path, f"{self.path} has no schema version: damaged")
        if not migrate.is_known(current):
            raise NotAWorkbenchDatabase(
                self.path,
                f"{self.path} has schema {current}, newer than this workbench understands",
            )
        if not upgrade:
            raise SchemaOutdated(self.path, f"{self.path} has an older schema ({current})")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.pre-{head}-{stamp}.bak")
        backup_database(self, target)
        self.backup_written = target
        log.info("backed up %s to %s before upgrading %s -> %s", self.path, target, current, head)
        migrate.upgrade(self.engine, "head")

    # -- connections and sessions --------------------------------------------------

    def _connect(self) -> dbapi2.Connection:
        if self._closed:
            raise StoreClosed(self.path, f"{self.path} is closed (the session locked or ended)")
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is not None:
            return spare
        conn = open_keyed(self.path, self._key)
        try:
            prove_key(conn)
            configure_session(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def key(self) -> DatabaseKey:
        return self._key

    def session(self) -> Session:
        """A session for reading (deferred transaction)."""
        return self._sessions()

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock up front (BEGIN IMMEDIATE).

        Commits on success, rolls back on any exception: one change, one transaction.
        """
        session = self._write_sessions()
        try:
            with session.begin():
                yield session
        except (sa_exc.OperationalError, dbapi2.OperationalError) as exc:
            if is_locked(exc):
                raise locks.in_use(self.path, busy_seconds=busy_timeout_ms() / 1000) from None
            raise
        finally:
            session.close()

    @contextmanager
    def raw_connection(self) -> Iterator[dbapi2.Connection]:
        """A pooled DB-API connection, for the store's own maintenance work."""
        with self.engine.connect() as conn:
            dbapi_conn = conn.connection.dbapi_connection
            assert dbapi_conn is not None
            yield dbapi_conn

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Checkpoint the WAL into the file, close every connection, refuse new ones, and
        overwrite the key if this store owns it. Closing twice is harmless."""
        if self._closed:
            return
        try:
            with self.raw_connection() as raw:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except dbapi2.Error as exc:  # a damaged file must still close
            log.warning("checkpoint on close failed: %s", exc)
        self._closed = True
        self.engine.dispose()
        with self._lock:
            if self._spare is not None:
                self._spare.close()
                self._spare = None
        locks.register_closed(self.path)
        if self._owns_key:
            self._key.forget()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _make_engine(creator: Any) -> Engine:
    engine = create_engine(
        "sqlite://",
        module=dbapi2,
        creator=creator,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_pre_ping=False,
        # A failing statement's values (case content) stay out of its error message,
        # which reaches the plain-text log file.
        hide_parameters=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def opens_with_salt(path: Path, key: DatabaseKey) -> bool:
    """Does ``key`` (carrying its salt) open ``path`` whatever its first 16 bytes say?
    Tells a damaged salt from a slot file of another database; reads only."""
    conn = open_keyed(path, key)
    try:
        prove_key(conn)
        return bool(conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)
    except dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def _check_file_shape(path: Path) -> None:
    """Reject what is plainly not one of our databases before any key is tried."""
    if path.is_dir() or not path.is_file():
        what = "a directory" if path.is_dir() else "not a regular file"
        raise NotAFile(path, f"{path} is {what}: give the path of the database file")
    size = path.stat().st_size
    if size == 0:
        raise NotAWorkbenchDatabase(path, f"{path} is empty: not a workbench database")
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_PLAIN_HEADER))
    if head == SQLITE_PLAIN_HEADER:
        raise NotAWorkbenchDatabase(
            path, f"{path} is an unencrypted SQLite file, not a workbench database"
        )
    if size % PAGE_SIZE:
        raise DatabaseDamaged(
            path,
            f"{path} is truncated or not a workbench database "
            f"({size} bytes is not a whole number of {PAGE_SIZE}-byte pages)",
        )


def _refuse_damaged_pages(path: Path, conn: dbapi2.Connection) -> None:
    """Every page's HMAC, before anything writes: a damaged file stays as it is."""
    problems = page_problems(conn)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DatabaseDamaged(
            path,
            f"{path} is damaged: {problems[0]}{more}; nothing was written to it. "
            "Restore it from a backup ('workbench check' lists every damaged page)",
        )


def _classify_key_failure(path: Path, key: DatabaseKey, exc: Exception) -> StoreError:
    """Page 1 failed to decrypt: a wrong passphrase, or a damaged first page.

    With the right key every other page still verifies, so page 2 decides: check a
    two-page copy (ciphertext only) so the cost does not grow with the database.
    """
    if is_locked(exc):
        return locks.in_use(path, busy_seconds=busy_timeout_ms() / 1000)
    if "not a database" not in str(exc):
        return DatabaseDamaged(path, f"{path} is damaged: {exc}")
    if path.stat().st_size < 2 * PAGE_SIZE:
        return WrongPassphrase(path)
    with tempfile.TemporaryDirectory(prefix="workbench-probe-") as tmp:
        probe = Path(tmp) / "probe.db"
        with path.open("rb") as src, probe.open("wb") as dst:
            dst.write(src.read(2 * PAGE_SIZE))
        conn = open_keyed(probe, key)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        except dbapi2.Error:
            rows = ["page 2"]
        finally:
            conn.close()
    if any("page 2" in row and "HMAC" in row for row in rows) or not rows:
        return WrongPassphrase(path)
    return DatabaseDamaged(path, f"{path} is damaged: its first page fails verification")


__all__ = ["APPLICATION_ID", "Store"]
