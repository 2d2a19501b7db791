"""The encrypted store against real files: keys, damage, pragmas, migrations, backup."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.conftest import PASSPHRASE
from workbench.models import Base
from workbench.store import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NotAWorkbenchDatabase,
    PassphraseKey,
    Store,
    WrongPassphrase,
    migrate,
)
from workbench.store.backup import backup_database
from workbench.store.check import check_store
from workbench.store.keys import PAGE_SIZE, RawKey


def _fill(store: Store, rows: int = 400) -> None:
    with store.raw_connection() as raw:
        raw.execute("BEGIN")
        raw.execute(
            "INSERT OR IGNORE INTO case_file (id, code, title, nickname, category, level, status,"
            " unit, lead, source, summary, created_at) VALUES"
            " (1, 'C1', 't', '', 'other', 'ordinary', 'open', '', '', '', '', 0)"
        )
        raw.executemany(
            "INSERT INTO location (case_id, name, address, kind, notes) VALUES (?, ?, ?, ?, ?)",
            [(1, f"地点{i}", "x" * 200, "other", "") for i in range(rows)],
        )
        raw.execute("COMMIT")


@pytest.fixture
def filled(db_path: Path, key: PassphraseKey) -> Path:
    with Store.create(db_path, key) as s:
        _fill(s)
    return db_path


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_file_is_encrypted_and_opens_with_plain_sqlcipher(filled: Path) -> None:
    assert not filled.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(filled).execute("SELECT * FROM sqlite_master").fetchall()
    raw = sqlcipher3.connect(str(filled))
    raw.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    raw.close()
    assert {"case_file", "person", "seizure", "audit_entry", "event"} <= tables


@pytest.mark.parametrize(
    "passphrase",
    ["it's", 'say "cheese"', "'; DROP TABLE person; --", "back\\slash", "空格 和 中文", "x" * 300],
)
def test_awkward_passphrases_work(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "a.db"
    Store.create(path, PassphraseKey(passphrase)).close()
    Store.open(path, PassphraseKey(passphrase)).close()
    with pytest.raises(WrongPassphrase):
        Store.open(path, PassphraseKey(passphrase + "!"))


def test_wrong_passphrase_leaves_file_untouched(filled: Path) -> None:
    before = filled.read_bytes()
    names = _siblings(filled)
    with pytest.raises(WrongPassphrase) as err:
        Store.open(filled, PassphraseKey("not the passphrase"))
    assert str(err.value) == f"wrong passphrase for {filled}"
    assert err.value.exit_code == 3
    assert filled.read_bytes() == before
    assert _siblings(filled) == names == {filled.name}


def test_empty_passphrase_and_nul_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        PassphraseKey("")
    with pytest.raises(ValueError, match="NUL"):
        PassphraseKey("a\x00b")


def test_truncated_file_is_reported_not_recreated(filled: Path, key: PassphraseKey) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: PAGE_SIZE * 3 + 100])
    with pytest.raises(DatabaseDamaged, match="truncated"):
        Store.open(filled, key)
    assert filled.stat().st_size == PAGE_SIZE * 3 + 100


def test_truncated_on_page_boundary_is_damaged(filled: Path, key: PassphraseKey) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) - 2 * PAGE_SIZE])
    with pytest.raises(DatabaseDamaged, match="is damaged"):
        Store.open(filled, key)


def test_flipped_byte_in_first_page_is_damage_not_wrong_passphrase(
    filled: Path, key: PassphraseKey
) -> None:
    data = bytearray(filled.read_bytes())
    data[300] ^= 0x01
    filled.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="first page"):
        Store.open(filled, key)


def test_flipped_byte_in_later_page_is_found_by_check(filled: Path, key: PassphraseKey) -> None:
    data = bytearray(filled.read_bytes())
    page = len(data) // PAGE_SIZE - 2
    data[page * PAGE_SIZE + 500] ^= 0x80
    filled.write_bytes(bytes(data))
    # An ordinary open refuses the file before anything could write to it ...
    with pytest.raises(DatabaseDamaged, match=f"page {page + 1}; nothing was written"):
        Store.open(filled, key)
    assert filled.read_bytes() == bytes(data)
    # ... and the check, which opens without verifying first, names the page.
    with Store.open(filled, key, verify_pages=False, schema="as_is") as s:
        report = check_store(s)
    assert not report.ok
    assert any(f"page {page + 1}" in p for p in report.cipher_problems)
    assert filled.read_bytes() == bytes(data)


def test_plain_sqlite_and_other_files_are_not_workbench_databases(
    tmp_path: Path, key: PassphraseKey
) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t(a)").connection.commit()
    with pytest.raises(NotAWorkbenchDatabase, match="unencrypted SQLite"):
        Store.open(plain, key)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotAWorkbenchDatabase, match="empty"):
        Store.open(empty, key)
    text = tmp_path / "notes.txt"
    text.write_text("案件笔记\n" * 10, encoding="utf-8")
    with pytest.raises(DatabaseDamaged, match="not a workbench database"):
        Store.open(text, key)
    assert text.read_text(encoding="utf-8").startswith("案件笔记")


def test_other_sqlcipher_database_with_same_passphrase(tmp_path: Path, key: PassphraseKey) -> None:
    other = tmp_path / "other.db"
    raw = sqlcipher3.connect(str(other))
    raw.set_key(PASSPHRASE)
    raw.execute("CREATE TABLE t(a)")
    raw.commit()
    raw.close()
    with pytest.raises(NotAWorkbenchDatabase, match="not a workbench database"):
        Store.open(other, key)


def test_missing_and_existing(tmp_path: Path, key: PassphraseKey, filled: Path) -> None:
    with pytest.raises(DatabaseMissing):
        Store.open(tmp_path / "nope.db", key)
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(DatabaseExists):
        Store.create(filled, key)


def test_cipher_settings_and_pragmas_are_pinned(store: Store) -> None:
    with store.raw_connection() as raw:
        settings = {r[0] for r in raw.execute("PRAGMA cipher_settings")}
        assert "PRAGMA kdf_iter = 256000;" in settings
        assert "PRAGMA cipher_page_size = 4096;" in settings
        assert "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;" in settings
        assert "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;" in settings
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert raw.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA cache_size").fetchone()[0] == -65536


def test_close_leaves_a_single_file(db_path: Path, key: PassphraseKey) -> None:
    s = Store.create(db_path, key)
    _fill(s, 50)
    s.close()
    assert _siblings(db_path) == {db_path.name}


def test_models_match_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_audit_table_refuses_update_and_delete(store: Store) -> None:
    with store.raw_connection() as raw:
        raw.execute(
            "INSERT INTO audit_entry VALUES (1, 'now', 'u', 'create', 'case', '1', NULL, '{}',"
            " 'p', 'h')"
        )
        with pytest.raises(sqlcipher3.dbapi2.DatabaseError, match="append-only"):
            raw.execute("UPDATE audit_entry SET user = 'x'")
        with pytest.raises(sqlcipher3.dbapi2.DatabaseError, match="append-only"):
            raw.execute("DELETE FROM audit_entry")


def test_older_schema_is_upgraded_after_a_backup(db_path: Path, key: PassphraseKey) -> None:
    with Store.create(db_path, key, revision="0001") as old:
        _fill(old, 10)
        assert migrate.current_revision(old.engine) == "0001"
    with Store.open(db_path, key) as s:
        assert migrate.current_revision(s.engine) == migrate.head_revision()
        assert s.backup_written is not None and s.backup_written.exists()
        backup = s.backup_written
        with s.raw_connection() as raw:
            triggers = {
                r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            }
            assert "audit_entry_no_update" in triggers
            assert raw.execute("SELECT count(*) FROM location").fetchone()[0] == 10
    with Store.open(backup, key, schema="as_is") as b:
        assert migrate.current_revision(b.engine) == "0001"
    with pytest.raises(WrongPassphrase):
        Store.open(backup, PassphraseKey("wrong"))


def test_newer_schema_is_refused(db_path: Path, key: PassphraseKey) -> None:
    with Store.create(db_path, key) as s, s.raw_connection() as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NotAWorkbenchDatabase, match="newer"):
        Store.open(db_path, key)


def test_backup_is_a_verified_encrypted_copy(filled: Path, key: PassphraseKey) -> None:
    out = filled.parent / "copy.db"
    with Store.open(filled, key) as s:
        report = backup_database(s, out)
    assert report.tables["location"] == 400
    assert not out.read_bytes().startswith(b"SQLite format 3")
    assert not (filled.parent / "copy.db.partial").exists()
    with Store.open(out, key) as copy:
        assert check_store(copy).ok
    with pytest.raises(WrongPassphrase):
        Store.open(out, PassphraseKey("wrong"))
    with Store.open(filled, key) as s, pytest.raises(DatabaseExists):
        backup_database(s, out)


def test_raw_key_round_trip(tmp_path: Path) -> None:
    key = RawKey(os.urandom(32))
    path = tmp_path / "raw.db"
    Store.create(path, key).close()
    Store.open(path, key).close()
    with pytest.raises(WrongPassphrase):
        Store.open(path, RawKey(os.urandom(32)))
