"""One keyed SQLCipher connection, set up the same way every time.

Order matters: the key is the first statement; the cipher settings follow before any
page is read; nothing that writes (journal mode) runs until the key is proven.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from workbench.logs import log_file
from workbench.store.keys import DatabaseKey

log = logging.getLogger(__name__)

# Scattered indexed reads decrypt a page per cache miss: a 64 MiB page cache keeps the
# working set of a large case decrypted in memory (measured in benchmarks/).
CACHE_SIZE_KIB = 65_536
# How long a write waits for another session's write lock before giving up with
# "in use by another session" (exit 7). WORKBENCH_BUSY_TIMEOUT_MS shortens it (tests).
BUSY_TIMEOUT_MS = 15_000
BUSY_TIMEOUT_ENV = "WORKBENCH_BUSY_TIMEOUT_MS"

# Set on every connection once the key is proven.
#   WAL: readers (the window) never block the writer (an import in a worker thread) and
#   a crash leaves the database consistent; with synchronous=FULL each commit is durable.
#   The -wal file is encrypted like the database and removed when the last connection
#   closes after a checkpoint.
SESSION_PRAGMAS: tuple[str, ...] = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA synchronous = FULL",
    f"PRAGMA cache_size = -{CACHE_SIZE_KIB}",
)

# PRAGMA application_id: tells our databases from any other SQLCipher file that the
# same passphrase happens to open. "TFWB".
APPLICATION_ID = 0x54465742

DatabaseError = dbapi2.DatabaseError


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def is_locked(exc: BaseException) -> bool:
    """SQLite's answer when another session holds the lock a statement needs."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database table is locked" in text


def route_cipher_log(conn: dbapi2.Connection) -> None:
    """SQLCipher logs to stderr by default; send its lines to our log file instead."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home: keep quiet rather than fail the open
        conn.execute("PRAGMA cipher_log_level = NONE")
        return
    conn.execute("PRAGMA cipher_log_level = WARN")
    conn.execute(f"PRAGMA cipher_log = '{_plain_path_literal(path)}'")


def _plain_path_literal(path: Path) -> str:
    return str(path).replace("'", "''")


def open_keyed(path: Path, key: DatabaseKey) -> dbapi2.Connection:
    """A connection with the key and cipher settings applied, nothing read yet."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        key.apply(conn)  # key first, then the pinned cipher settings
        route_cipher_log(conn)
        # Before the first read: a session closing elsewhere holds the file for a moment.
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    except BaseException:
        conn.close()
        raise
    return conn


def prove_key(conn: dbapi2.Connection) -> None:
    """Read page 1; raises ``DatabaseError`` when the key (or page 1) is wrong."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def configure_session(conn: dbapi2.Connection) -> None:
    for statement in SESSION_PRAGMAS:
        conn.execute(statement)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        log.warning("journal_mode stayed %s", mode)
