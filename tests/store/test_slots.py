"""Key slots on real encrypted files: unwrap, reject, attempts, backups, key switches."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbench.store import Store
from workbench.store.accounts import (
    add_slot,
    create_database,
    rekey,
    remove_slot,
    unlock,
)
from workbench.store.backup import backup_database
from workbench.store.errors import KeySlotsDamaged, StoreClosed, UnknownUser, WrongPassphrase
from workbench.store.keys import RawKey
from workbench.store.slots import (
    MAGIC,
    TEST_PARAMS,
    SlotFile,
    calibrate,
    database_salt,
    slot_path,
)

ALICE, BOB = "alice-passphrase 甲", "bob-passphrase 乙"


def _no_sleep(seconds: float) -> None:
    raise AssertionError(f"slept {seconds} s")


@pytest.fixture
def keyed(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    store = create_database(path, "alice", ALICE, params=TEST_PARAMS)
    with store:
        add_slot(store, "bob", BOB, TEST_PARAMS)
        with store.raw_connection() as raw:
            raw.execute("CREATE TABLE note (t TEXT)")
            raw.execute("INSERT INTO note VALUES ('秘密')")
    return path


def _note(store: Store) -> str:
    with store.raw_connection() as raw:
        return str(raw.execute("SELECT t FROM note").fetchone()[0])


def test_each_user_unwraps_the_same_random_key(keyed: Path) -> None:
    slots = SlotFile.load(slot_path(keyed))
    a = slots.unwrap(keyed, "alice", ALICE)
    b = slots.unwrap(keyed, "bob", BOB)
    assert a == b and len(a) == 32
    with unlock(keyed, "bob", BOB, sleep=_no_sleep) as store:
        assert _note(store) == "秘密"
    # The passphrase itself is not the database key: SQLCipher refuses it.
    from workbench.store.keys import PassphraseKey

    with pytest.raises(WrongPassphrase):
        Store.open(keyed, PassphraseKey(ALICE))


def test_file_is_versioned_text_without_secrets(keyed: Path) -> None:
    data = slot_path(keyed).read_bytes()
    lines = data.split(b"\n")
    assert lines[0] == f"{MAGIC} 1".encode() and lines[2].startswith(b"sha256 ")
    assert ALICE.encode() not in data and BOB.encode() not in data
    raw = SlotFile.load(slot_path(keyed)).unwrap(keyed, "alice", ALICE)
    assert raw.hex().encode() not in data and raw not in data


def test_wrong_passphrase_and_unknown_user(keyed: Path) -> None:
    with pytest.raises(WrongPassphrase, match="alice"):
        unlock(keyed, "alice", BOB, sleep=lambda s: None)
    with pytest.raises(UnknownUser, match="carol"):
        unlock(keyed, "carol", ALICE, sleep=lambda s: None)
    # A slot cannot be used under another name: the name is bound into its tag.
    slots = SlotFile.load(slot_path(keyed))
    slots.slots["mallory"] = dataclasses.replace(slots.slots["alice"], user="mallory")
    with pytest.raises(WrongPassphrase):
        slots.unwrap(keyed, "mallory", ALICE)


@pytest.mark.parametrize("where", [0, 30, 200, 400, -70, -3])
def test_one_changed_byte_is_rejected_as_damage(keyed: Path, where: int) -> None:
    path = slot_path(keyed)
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(KeySlotsDamaged):
        unlock(keyed, "alice", ALICE, sleep=_no_sleep)


def test_a_recomputed_checksum_does_not_hide_an_edit(keyed: Path) -> None:
    """Someone who edits the slots and fixes the checksum is caught by the keyed MAC."""
    import hashlib

    slots = SlotFile.load(slot_path(keyed))
    slots.generation += 1  # e.g. trying to replay an older file under a new number
    head = slots.dumps().rsplit(b"sha256 ", 1)[0]
    forged = head + f"sha256 {hashlib.sha256(head).hexdigest()}\n".encode()
    slot_path(keyed).write_bytes(forged)
    with pytest.raises((KeySlotsDamaged, WrongPassphrase)):
        unlock(keyed, "alice", ALICE, sleep=_no_sleep)


def test_missing_or_foreign_slot_file(keyed: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    create_database(other, "alice", ALICE, params=TEST_PARAMS).close()
    slot_path(keyed).write_bytes(slot_path(other).read_bytes())
    with pytest.raises(KeySlotsDamaged, match="another database"):
        unlock(keyed, "alice", ALICE, sleep=_no_sleep)
    slot_path(keyed).unlink()
    with pytest.raises(KeySlotsDamaged, match="missing"):
        unlock(keyed, "alice", ALICE, sleep=_no_sleep)


def test_failures_are_counted_and_delay_the_next_attempt(keyed: Path) -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    waits: list[float] = []
    for i in range(4):
        with pytest.raises(WrongPassphrase):
            unlock(
                keyed,
                "bob",
                "guess",
                now=lambda i=i: t0 + timedelta(seconds=i),  # type: ignore[misc]
                sleep=waits.append,
            )
    slots = SlotFile.load(slot_path(keyed))
    assert slots.failures["bob"].count == 4 and len(slots.unaudited) == 4
    assert waits == []  # a second apart: 0.25, 0.5 and 1 s had passed already
    # Each failure doubles the wait (minus the time already gone by).
    assert slots.delay("bob", t0 + timedelta(seconds=3)) == pytest.approx(2.0)
    assert slots.delay("bob", t0 + timedelta(seconds=60)) == 0.0
    assert slots.delay("alice", t0 + timedelta(seconds=3)) == 0.0
    with unlock(keyed, "bob", BOB, now=lambda: t0 + timedelta(seconds=4), sleep=waits.append):
        pass
    assert waits == [pytest.approx(1.0)]  # 2 s owed after the 4th failure, 1 s gone by


def test_backup_carries_the_slot_file(keyed: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.db"
    with unlock(keyed, "alice", ALICE) as store:
        backup_database(store, out)
    copy_slots = SlotFile.load(slot_path(out))
    assert copy_slots.database_salt == database_salt(out) != database_salt(keyed)
    with unlock(out, "bob", BOB) as copy:
        assert _note(copy) == "秘密"


def test_rekey_locks_out_the_removed_user(keyed: Path) -> None:
    old_key = SlotFile.load(slot_path(keyed)).unwrap(keyed, "bob", BOB)
    store = unlock(keyed, "alice", ALICE)
    new, backup = rekey(store, {"alice"})
    with new:
        assert _note(new) == "秘密"
    assert backup.exists() and slot_path(backup).exists()
    with pytest.raises(UnknownUser):
        unlock(keyed, "bob", BOB, sleep=lambda s: None)
    with pytest.raises(WrongPassphrase):  # the old key no longer opens the file
        Store.open(keyed, RawKey(old_key))
    with unlock(keyed, "alice", ALICE) as again:
        assert again.slots is not None and again.slots.generation == 2
    # The backup taken first still opens with the old slots.
    with unlock(backup, "bob", BOB) as old:
        assert _note(old) == "秘密"


def test_remove_slot_and_closed_store_refuses(keyed: Path) -> None:
    store = unlock(keyed, "alice", ALICE)
    remove_slot(store, "bob")
    key = store.key
    store.close()
    assert store.closed
    with pytest.raises(StoreClosed):
        store.session().execute(__import__("sqlalchemy").text("SELECT 1"))
    assert isinstance(key, RawKey)
    with pytest.raises(ValueError, match="dropped"):
        key.raw()
    with pytest.raises(UnknownUser):
        unlock(keyed, "bob", BOB, sleep=lambda s: None)


def test_calibration_aims_at_half_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from workbench.store.slots import derive

    monkeypatch.delenv("WORKBENCH_KDF_PROFILE", raising=False)
    params = calibrate()
    assert params.memory_kib == 65_536 and params.time_cost >= 2
    start = time.perf_counter()
    derive("x", os.urandom(16), params)
    elapsed = time.perf_counter() - start
    assert 0.1 < elapsed < 3.0  # about 0.5 s; a loaded machine varies
    monkeypatch.setenv("WORKBENCH_KDF_PROFILE", "test")
    assert calibrate() == TEST_PARAMS


def test_rekey_refuses_while_another_session_has_the_file_open(keyed: Path) -> None:
    from workbench.store.errors import DatabaseInUse

    other = unlock(keyed, "bob", BOB)
    try:
        _note(other)  # a window elsewhere, with a pooled connection open
        store = unlock(keyed, "alice", ALICE)
        with pytest.raises(DatabaseInUse, match="another session"):
            rekey(store, {"alice"})
        assert _note(other) == "秘密"  # still the same file, same key
    finally:
        other.close()
    assert not list(keyed.parent.glob("*.rekey-tmp*")) and not list(keyed.parent.glob("*.new"))
    with unlock(keyed, "bob", BOB) as again:  # bob was not removed: nothing changed
        assert again.slots is not None and again.slots.generation == 1


def test_a_session_opened_during_the_switch_undoes_it(keyed: Path) -> None:
    """Opened after the up-front check (a window elsewhere): the switch is undone at
    its commit point, the caller gets the old file back, nothing changed."""
    from workbench.store.accounts import KeySwitchRefused

    store = unlock(keyed, "alice", ALICE)
    old_key = SlotFile.load(slot_path(keyed)).unwrap(keyed, "alice", ALICE)
    late: list[Store] = []

    def open_elsewhere(copy: Store, slots: SlotFile, backup: Path | None) -> None:
        late.append(Store.open(keyed, RawKey(old_key)))
        _note(late[0])

    try:
        with pytest.raises(KeySwitchRefused, match="in use by another session") as caught:
            rekey(store, {"alice", "bob"}, prepare=open_elsewhere, keep_backup=False)
        reopened = caught.value.store
        assert _note(reopened) == "秘密" and not reopened.closed  # the caller carries on
        reopened.close()
    finally:
        for s in late:
            s.close()
    assert not list(keyed.parent.glob("*.rekey-tmp*")) and not list(keyed.parent.glob("*.new"))
    with unlock(keyed, "bob", BOB) as again:
        assert again.slots is not None and again.slots.generation == 1
