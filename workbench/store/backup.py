"""A consistent encrypted copy, made with ``sqlcipher_export`` and proven by reopening.

The export runs as one statement inside one read transaction, so the copy is a
snapshot even while another connection writes. It is written beside the target under a
temporary name and only renamed into place after it opens with the key and checks clean.
A database unlocked through key slots gets its slot file copied beside the backup
(``OUT.keys``, re-signed for the copy), so the backup opens with the same passphrases.

The copy is verified through a bare keyed connection, not a ``Store``: the store calls
this module before a schema upgrade, so this module must not need the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlcipher3 import dbapi2

from workbench.store.check import RawSource, check_connection
from workbench.store.connection import APPLICATION_ID, open_keyed, prove_key
from workbench.store.errors import DatabaseDamaged, DatabaseExists
from workbench.store.files import remove_database_files, replace_file
from workbench.store.keys import DatabaseKey, RawKey, apply_cipher_settings, marked_salt
from workbench.store.slots import SlotFile, database_salt, slot_path


class BackupSource(RawSource, Protocol):
    """What a backup needs of an open store."""

    @property
    def path(self) -> Path: ...
    @property
    def key(self) -> DatabaseKey: ...
    @property
    def slots(self) -> SlotFile | None: ...


@dataclass(frozen=True)
class BackupReport:
    path: Path
    pages: int
    tables: dict[str, int]


def _table_counts(raw: dbapi2.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {n: int(raw.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def backup_database(
    store: BackupSource, out: Path | str, key: DatabaseKey | None = None
) -> BackupReport:
    out = Path(out)
    if out.exists():
        raise DatabaseExists(out)
    key = key or store.key
    if isinstance(key, RawKey):  # a slot-keyed copy is marked as one (keys.SLOT_SALT_MARK)
        key = key.with_salt(marked_salt())
    partial = out.with_name(out.name + ".partial")
    remove_database_files(partial)
    out_slots = slot_path(out)
    try:
        export_copy(store, partial, key)
        with store.raw_connection() as raw:
            expected = _table_counts(raw)
        pages, found, problems = _verify_copy(partial, key)
        if not problems and found != expected:
            problems = [f"row counts differ: {found} != {expected}"]
        if problems:
            raise DatabaseDamaged(out, f"the backup of {store.path} did not verify: {problems[0]}")
        if store.slots is not None and isinstance(key, RawKey):
            store.slots.for_copy(database_salt(partial), key.raw()).save(out_slots)
        replace_file(partial, out)
    except BaseException:
        remove_database_files(partial)
        if not out.exists():
            out_slots.unlink(missing_ok=True)
        raise
    return BackupReport(out, pages, found)


def verify_copy(path: Path, key: DatabaseKey) -> list[str]:
    """What fails to verify in the copy at ``path`` (cipher, structure, foreign keys)."""
    return _verify_copy(path, key)[2]


def _verify_copy(path: Path, key: DatabaseKey) -> tuple[int, dict[str, int], list[str]]:
    """Open the copy with ``key``: pages, rows per table, and what failed to verify."""
    conn = open_keyed(path, key)
    try:
        prove_key(conn)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        report = check_connection(conn)
        problems = report.problems()
        if app_id != APPLICATION_ID:
            problems.insert(0, "the copy is not marked as a workbench database")
        return report.pages, _table_counts(conn), problems
    finally:
        conn.close()


def export_copy(store: RawSource, target: Path, key: DatabaseKey) -> None:
    """``sqlcipher_export`` of the whole database into a new file keyed with ``key``.

    One statement in one read transaction: a snapshot even while another connection
    writes. The copy gets a new SQLCipher salt (its first 16 bytes).
    """
    with store.raw_connection() as raw:
        raw.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), key.material()))
        try:
            apply_cipher_settings(raw, "backup")
            raw.execute("SELECT sqlcipher_export('backup')")
            version = raw.execute("PRAGMA main.user_version").fetchone()[0]
            raw.execute(f"PRAGMA backup.user_version = {int(version)}")
            raw.execute(f"PRAGMA backup.application_id = {APPLICATION_ID}")
        finally:
            raw.execute("DETACH DATABASE backup")
