"""Databases keyed through per-user key slots: create, unlock, change slots, switch keys.

Switching the database key (``rekey``, and converting a passphrase-keyed database of
the foundation release) is crash-safe. The steps, each durable before the next:

1. a verified backup of the database (with its slot file) beside it;
2. ``sqlcipher_export`` into ``DB.rekey-tmp`` under the new key (a new SQLCipher salt);
3. the new slot file, naming that salt, written as ``DB.keys.new``;
4. the store is closed (WAL folded in) and ``DB.rekey-tmp`` renamed over ``DB``: the
   commit point, one atomic rename;
5. ``DB.keys.new`` renamed over ``DB.keys``.

A slot file names the database it unlocks by the salt at the start of the file, so
whatever step a crash interrupts, :func:`recover` (run before every unlock) keeps the one
slot file that matches the database file and removes the other leftovers: exactly one
key opens the database afterwards. ``WORKBENCH_REKEY_KILL_AT=N`` makes the process kill
itself right after step N (the crash tests use it).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import secrets
import signal
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from workbench.store.backup import backup_database, export_copy
from workbench.store.database import Store
from workbench.store.errors import (
    DatabaseExists,
    DatabaseInUse,
    DatabaseMissing,
    KeySlotsDamaged,
    StoreError,
    UnknownUser,
    WrongPassphrase,
)
from workbench.store.files import remove_database_files
from workbench.store.keys import SLOT_SALT_MARK, PassphraseKey, RawKey, marked_salt
from workbench.store.slots import (
    KdfParams,
    SlotFile,
    database_salt,
    fsync_dir,
    slot_path,
)

log = logging.getLogger(__name__)

KILL_ENV = "WORKBENCH_REKEY_KILL_AT"
TMP_SUFFIX = ".rekey-tmp"
NEW_SLOTS_SUFFIX = ".new"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _raw(store: Store) -> bytes:
    key = store.key
    if not isinstance(key, RawKey):
        raise StoreError(store.path, f"{store.path} is not keyed through key slots")
    return key.raw()


@contextlib.contextmanager
def slot_lock(db: Path) -> Iterator[None]:
    """One process at a time reads-modifies-writes slot files: an advisory lock on the
    database's directory (the files themselves are replaced by renames)."""
    fd = os.open(db.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# -- create and unlock ---------------------------------------------------------------


def create_database(
    path: Path | str,
    user: str,
    passphrase: str,
    *,
    params: KdfParams | None = None,
    revision: str = "head",
) -> Store:
    """A new database under a random key, with ``user``'s slot; nothing left on failure."""
    path = Path(path)
    slots_file = slot_path(path)
    if slots_file.exists():
        raise DatabaseExists(slots_file)
    key = RawKey(secrets.token_bytes(32), marked_salt())
    store = Store.create(path, key, revision=revision, owns_key=True)
    try:
        slots = SlotFile.new(database_salt(path), key.raw())
        slots.add(user, passphrase, key.raw(), params)
        slots.save(slots_file)
        store.slots = slots
    except BaseException:
        store.close()
        remove_database_files(path)
        slots_file.unlink(missing_ok=True)
        raise
    return store


def unlock(
    path: Path | str,
    user: str,
    passphrase: str,
    *,
    now: Callable[[], datetime] = _utc_now,
    sleep: Callable[[float], None] = time.sleep,
) -> Store:
    """Open ``path`` with ``user``'s key slot.

    A failed attempt is counted in the slot file and the next one waits longer. Without
    a slot file the database may be one of the foundation release: it is opened with
    the passphrase itself (``store.slots`` is None) for the caller to convert.
    """
    path = Path(path)
    if not path.exists():
        raise DatabaseMissing(path)
    recover(path)
    slots_file = slot_path(path)
    if not slots_file.exists():
        if database_salt(path).startswith(SLOT_SALT_MARK):
            raise KeySlotsDamaged(
                slots_file,
                f"the key-slot file {slots_file} is missing: without it nobody can sign in "
                "(restore it from the backup beside the database)",
            )
        return _open_foundation(path, passphrase)
    slots = SlotFile.load(slots_file)
    if database_salt(path) != slots.database_salt:
        raise KeySlotsDamaged(slots_file, f"{slots_file} belongs to another database than {path}")
    wait = slots.delay(user, now())
    if wait > 0:
        log.info("waiting %.2f s after earlier failed sign-ins of %s", wait, user)
        sleep(wait)
    try:
        raw = slots.unwrap(path, user, passphrase)
    except (WrongPassphrase, UnknownUser):
        record_failure(path, user, now())
        raise
    slots.verify(raw, slots_file)
    return Store.open(path, RawKey(raw), owns_key=True, slots=slots)


def _open_foundation(path: Path, passphrase: str) -> Store:
    """A database of the foundation release: keyed by the shared passphrase itself."""
    return Store.open(path, PassphraseKey(passphrase))


def record_failure(path: Path, user: str, at: datetime) -> int:
    """Count a failed sign-in in the slot file (kept there until the audit trail has it)."""
    slots_file = slot_path(path)
    with slot_lock(path):
        try:
            slots = SlotFile.load(slots_file)
        except KeySlotsDamaged:
            return 0
        count = slots.record_failure(user, at)
        slots.save(slots_file)
    return count


# -- slot changes (the caller holds the database key) --------------------------------


def _update_slots(store: Store, change: Callable[[SlotFile, bytes], None]) -> None:
    slots_file = slot_path(store.path)
    raw = _raw(store)
    with slot_lock(store.path):
        current = SlotFile.load(slots_file)
        current.verify(raw, slots_file)
        change(current, raw)
        current.save(slots_file)
    store.slots = current


def add_slot(store: Store, user: str, passphrase: str, params: KdfParams | None = None) -> None:
    """Give ``user`` a slot (or a new one: a changed passphrase)."""
    _update_slots(store, lambda slots, raw: slots.add(user, passphrase, raw, params))


def remove_slot(store: Store, user: str) -> None:
    _update_slots(store, lambda slots, raw: slots.remove(user, raw))


def peek_attempts(store: Store, user: str) -> tuple[int, list[dict[str, str]]]:
    """``user``'s failures in a row before this sign-in, and every failure not yet in the
    audit trail (clear them with :func:`clear_attempts` once the trail has them)."""
    current = SlotFile.load(slot_path(store.path))
    record = current.failures.get(user)
    return (record.count if record else 0), list(current.unaudited)


def clear_attempts(store: Store, user: str, audited: list[dict[str, str]]) -> None:
    slots_file = slot_path(store.path)
    with slot_lock(store.path):
        current = SlotFile.load(slots_file)
        current.failures.pop(user, None)
        current.unaudited = [e for e in current.unaudited if e not in audited]
        current.save(slots_file)
    store.slots = current


# -- switching the key ---------------------------------------------------------------


def _kill_point(step: int) -> None:
    if os.environ.get(KILL_ENV) == str(step):
        os.kill(os.getpid(), signal.SIGKILL)


def recover(path: Path) -> None:
    """Finish or undo a key switch a crash interrupted (see the module docstring)."""
    slots_file = slot_path(path)
    pending = slots_file.with_name(slots_file.name + NEW_SLOTS_SUFFIX)
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with slot_lock(path):
        if pending.exists():
            try:
                matches = SlotFile.load(pending).database_salt == database_salt(path)
            except KeySlotsDamaged:
                matches = False
            if matches:  # the database was switched: its slot file must follow
                os.replace(pending, slots_file)
                fsync_dir(path.parent)
                log.warning("finished an interrupted key switch of %s", path)
            else:
                pending.unlink()
        if tmp.exists():
            remove_database_files(tmp)
            log.warning("removed the copy of an interrupted key switch of %s", path)


def switch_key(
    store: Store,
    new_slots: Callable[[bytes, bytes], SlotFile],
    label: str,
) -> tuple[Store, Path]:
    """Re-encrypt ``store``'s database under a new random key (steps in the docstring).

    ``new_slots(new_key, new_salt)`` builds the slot file of the new key. Returns the
    reopened store (``store`` is closed) and the backup taken first.
    """
    path = store.path
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = path.with_name(f"{path.name}.pre-{label}-{stamp}.bak")
    backup_database(store, backup)
    _kill_point(1)
    new_key = RawKey(secrets.token_bytes(32))
    tmp = path.with_name(path.name + TMP_SUFFIX)
    remove_database_files(tmp)
    export_copy(store, tmp, new_key.with_salt(marked_salt()))
    Store.open(tmp, new_key, schema="as_is").close()  # proves the copy and its key
    _kill_point(2)
    slots = new_slots(new_key.raw(), database_salt(tmp))
    slots_file = slot_path(path)
    pending = slots_file.with_name(slots_file.name + NEW_SLOTS_SUFFIX)
    slots.save(pending)
    _kill_point(3)
    store.close()
    try:
        _refuse_if_open_elsewhere(path)
    except DatabaseInUse:
        remove_database_files(tmp)
        pending.unlink(missing_ok=True)
        raise
    with slot_lock(path):
        os.replace(tmp, path)  # the commit point
        fsync_dir(path.parent)
        _kill_point(4)
        os.replace(pending, slots_file)
        fsync_dir(path.parent)
    _kill_point(5)
    return Store.open(path, new_key, owns_key=True, slots=slots), backup


def _refuse_if_open_elsewhere(path: Path) -> None:
    """The last connection to close removes the WAL and its index; if they are still
    there, another session has the file open and would go on writing to the old one
    (and an old WAL must never be replayed onto the new file)."""
    if any(Path(str(path) + suffix).exists() for suffix in ("-wal", "-shm")):
        raise DatabaseInUse(
            path,
            f"{path} is open in another session (a window or command): close or lock it "
            "and try again; nothing was changed",
        )


def rekey(store: Store, keep: set[str]) -> tuple[Store, Path]:
    """A new database key, sealed for those of ``keep`` who hold a slot now (the file
    on disk is the truth: another session may have added one since this store opened)."""
    if store.slots is None:
        raise StoreError(store.path, f"{store.path} is not keyed through key slots")
    old = SlotFile.load(slot_path(store.path))
    old.verify(_raw(store), slot_path(store.path))
    kept = keep & set(old.slots)
    return switch_key(store, lambda key, salt: old.rekeyed(key, kept, salt), "rekey")


def convert_foundation(
    store: Store, user: str, passphrase: str, params: KdfParams | None = None
) -> tuple[Store, Path]:
    """A passphrase-keyed database becomes slot-keyed, ``user`` holding the first slot."""
    if store.slots is not None:
        raise StoreError(store.path, f"{store.path} is already keyed through key slots")

    def first_slots(key: bytes, salt: bytes) -> SlotFile:
        slots = SlotFile.new(salt, key)
        slots.add(user, passphrase, key, params)
        return slots

    return switch_key(store, first_slots, "accounts")


def remove_backup(backup: Path) -> None:
    """Delete a pre-rekey backup (it still opens with the old key, for the old users)."""
    remove_database_files(backup)
    slot_path(backup).unlink(missing_ok=True)
