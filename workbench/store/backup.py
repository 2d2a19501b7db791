"""A consistent encrypted copy, made with ``sqlcipher_export`` and proven by reopening.

The export runs as one statement inside one read transaction, so the copy is a
snapshot even while another connection writes. It is written beside the target under a
temporary name and only renamed into place after it opens with the key and checks clean.
A database unlocked through key slots gets its slot file copied beside the backup
(``OUT.keys``, re-signed for the copy), so the backup opens with the same passphrases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.store.check import check_store
from workbench.store.database import APPLICATION_ID, Store, _remove_database_files, replace_file
from workbench.store.errors import DatabaseDamaged, DatabaseExists
from workbench.store.keys import DatabaseKey, RawKey, apply_cipher_settings, marked_salt
from workbench.store.slots import database_salt, slot_path


@dataclass(frozen=True)
class BackupReport:
    path: Path
    pages: int
    tables: dict[str, int]


def _table_counts(store: Store) -> dict[str, int]:
    with store.raw_connection() as raw:
        names = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: int(raw.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def backup_database(store: Store, out: Path | str, key: DatabaseKey | None = None) -> BackupReport:
    out = Path(out)
    if out.exists():
        raise DatabaseExists(out)
    key = key or store.key
    if isinstance(key, RawKey):  # a slot-keyed copy is marked as one (keys.SLOT_SALT_MARK)
        key = key.with_salt(marked_salt())
    partial = out.with_name(out.name + ".partial")
    _remove_database_files(partial)
    out_slots = slot_path(out)
    try:
        export_copy(store, partial, key)
        expected = _table_counts(store)
        copy = Store.open(partial, key, schema="as_is")
        try:
            report = check_store(copy)
            found = _table_counts(copy)
        finally:
            copy.close()
        if not report.ok or found != expected:
            problems = report.problems() or [f"row counts differ: {found} != {expected}"]
            raise DatabaseDamaged(out, f"the backup of {store.path} did not verify: {problems[0]}")
        if store.slots is not None and isinstance(key, RawKey):
            store.slots.for_copy(database_salt(partial), key.raw()).save(out_slots)
        replace_file(partial, out)
    except BaseException:
        _remove_database_files(partial)
        if not out.exists():
            out_slots.unlink(missing_ok=True)
        raise
    return BackupReport(out, report.pages, found)


def export_copy(store: Store, target: Path, key: DatabaseKey) -> None:
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
