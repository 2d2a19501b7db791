"""Databases keyed through per-user key slots: create, unlock, change slots, switch keys.

Switching the database key (``rekey``, ``user remove``, and converting a
passphrase-keyed database of the foundation release) is one recoverable operation, run
under the slot lock from start to end (no other session starts meanwhile) and refused
before anything changes while another session has the file open. The steps, each
durable before the next:

1. a verified backup of the database (with its slot file) beside it — not for a user's
   removal, whose old passphrase would still open it;
2. ``sqlcipher_export`` into ``DB.rekey-tmp`` under the new key (a new SQLCipher salt);
   the caller's changes written into that copy (audit entries, a deactivation), and the
   copy verified like a backup;
3. the new slot file, naming that salt, written as ``DB.keys.new``;
4. the store is closed (WAL folded in) and, unless the file changed or was opened
   meanwhile (then all is undone), ``DB.rekey-tmp`` renamed over ``DB``: the commit
   point, one atomic rename;
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import workbench.store.locks as locks
from workbench.store.backup import backup_database, export_copy, verify_copy
from workbench.store.database import Store, opens_with_salt
from workbench.store.errors import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseInUse,
    DatabaseMissing,
    KeySlotsDamaged,
    NotAFile,
    StoreError,
    UnknownUser,
    WrongPassphrase,
)
from workbench.store.files import remove_database_files
from workbench.store.keys import (
    SLOT_SALT_MARK,
    DatabaseKey,
    PassphraseKey,
    RawKey,
    marked_salt,
)
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
    read_only: bool = False,
) -> Store:
    """Open ``path`` with ``user``'s key slot.

    A failed attempt is counted in the slot file and the next one waits longer. Without
    a slot file the database may be one of the foundation release: it is opened with
    the passphrase itself (``store.slots`` is None) for the caller to convert.
    ``read_only`` (``workbench check``): nothing is renamed, upgraded or verified up front;
    the database is opened as it is for the caller to check (failed attempts are still
    counted: otherwise ``check`` would be a way around the wait).
    """
    path = Path(path)
    require_database_file(path)
    slots_file = current_slot_file(path) if read_only else recover(path)
    if not slots_file.exists():
        if database_salt(path).startswith(SLOT_SALT_MARK):
            raise KeySlotsDamaged(
                slots_file,
                f"the key-slot file {slots_file} is missing: without it nobody can sign in "
                "(restore it from the backup beside the database)",
            )
        return Store.open(
            path,
            PassphraseKey(passphrase),
            schema="as_is" if read_only else "upgrade",
            verify_pages=not read_only,
        )
    slots = SlotFile.load(slots_file)
    if database_salt(path) != slots.database_salt:
        raise _salt_mismatch(path, slots_file, slots, user, passphrase)
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
    return Store.open(
        path,
        RawKey(raw),
        owns_key=True,
        slots=slots,
        schema="as_is" if read_only else "upgrade",
        verify_pages=not read_only,
    )


def require_database_file(path: Path) -> None:
    """A path that is no file at all is a usage error, told before anything is tried."""
    if not path.exists():
        raise DatabaseMissing(path)
    if path.is_dir():
        raise NotAFile(path, f"{path} is a directory: give the path of the database file")
    if not path.is_file():
        raise NotAFile(path, f"{path} is not a regular file: give the path of the database file")


def _salt_mismatch(
    path: Path, slots_file: Path, slots: SlotFile, user: str, passphrase: str
) -> StoreError:
    """The slot file names another salt than the database starts with. Either the
    database's first 16 bytes are damaged (the key then opens it with the slot file's
    salt), or the slot file belongs to another database: the passphrase tells which."""
    try:
        raw = slots.unwrap(path, user, passphrase)
        slots.verify(raw, slots_file)
    except (WrongPassphrase, UnknownUser, KeySlotsDamaged):
        return KeySlotsDamaged(
            slots_file,
            f"{slots_file} does not belong to {path}: the slot file comes from another "
            "database, or the database's first bytes are damaged. Restore the two from "
            "the same backup",
        )
    if opens_with_salt(path, RawKey(raw, slots.database_salt)):
        return DatabaseDamaged(
            path,
            f"{path} is damaged: its first 16 bytes (the salt its key is derived with) were "
            "changed, while its key-slot file is intact. Restore the database from a backup",
        )
    return KeySlotsDamaged(
        slots_file,
        f"{slots_file} belongs to another database than {path}: restore the slot file "
        "that came with this database (a backup keeps one beside it as BACKUP.keys)",
    )


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


def current_slot_file(path: Path) -> Path:
    """The slot file that opens ``path`` now, without tidying anything (``check``): the
    pending one of an interrupted key switch once the database was switched."""
    slots_file = slot_path(path)
    pending = slots_file.with_name(slots_file.name + NEW_SLOTS_SUFFIX)
    if pending.exists():
        try:
            if SlotFile.load(pending).database_salt == database_salt(path):
                return pending
        except KeySlotsDamaged:
            pass
    return slots_file


def recover(path: Path) -> Path:
    """Finish or undo a key switch a crash interrupted (see the module docstring);
    returns the slot file of ``path``."""
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
    return slots_file


@dataclass(frozen=True)
class _FileState:
    """What changes when anyone commits to the file (after our own checkpoint)."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> _FileState:
        st = path.stat()
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


class KeySwitchRefused(DatabaseInUse):
    """Another session opened (or wrote to) the file while the key switch was under way:
    nothing was changed; ``store`` is the original file reopened for the caller."""

    def __init__(self, refusal: DatabaseInUse, store: Store) -> None:
        super().__init__(refusal.path, refusal.message)
        self.store = store


# Writes into the re-keyed copy before the commit point: (copy, its slot file, the backup).
PrepareCopy = Callable[[Store, SlotFile, Path | None], None]


def switch_key(
    store: Store,
    new_slots: Callable[[bytes, bytes], SlotFile],
    label: str,
    *,
    prepare: PrepareCopy | None = None,
    keep_backup: bool = True,
) -> tuple[Store, Path | None]:
    """Re-encrypt ``store``'s database under a new random key (steps in the docstring).

    ``new_slots(new_key, new_salt)`` builds the slot file of the new key. ``prepare``
    writes into the new copy before the commit point (its audit entries, a user's
    deactivation), so those changes and the new key arrive together or not at all.
    ``keep_backup=False`` takes no backup (``user remove``: a backup would still open
    with the removed passphrase); the original stays untouched until the rename anyway.
    Refuses (:class:`DatabaseInUse`, nothing changed) while another session has the file
    open. Returns the reopened store (``store`` is closed) and the backup, if taken.
    """
    path = store.path
    with slot_lock(path):  # no other session starts (``recover``) until this one ends
        locks.refuse_if_in_use(path, own_stores=1)
        backup = _backup_first(store, label) if keep_backup else None
        _kill_point(1)
        with store.raw_connection() as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _FileState.of(path)
        new_key, slots = _prepared_copy(store, new_slots, prepare, backup)
        _kill_point(2)
        slots_file = slot_path(path)
        pending = slots_file.with_name(slots_file.name + NEW_SLOTS_SUFFIX)
        slots.save(pending)
        _kill_point(3)
        _commit_copy(store, before, pending)
        _kill_point(4)
        os.replace(pending, slots_file)
        fsync_dir(path.parent)
    _kill_point(5)
    return Store.open(path, new_key, owns_key=True, slots=slots, verify_pages=False), backup


def _backup_first(store: Store, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = store.path.with_name(f"{store.path.name}.pre-{label}-{stamp}.bak")
    backup_database(store, backup)
    return backup


def _prepared_copy(
    store: Store,
    new_slots: Callable[[bytes, bytes], SlotFile],
    prepare: PrepareCopy | None,
    backup: Path | None,
) -> tuple[RawKey, SlotFile]:
    """``DB.rekey-tmp`` under a new key, with ``prepare``'s changes, checked like a backup."""
    path = store.path
    new_key = RawKey(secrets.token_bytes(32))
    tmp = path.with_name(path.name + TMP_SUFFIX)
    remove_database_files(tmp)
    try:
        export_copy(store, tmp, new_key.with_salt(marked_salt()))
        slots = new_slots(new_key.raw(), database_salt(tmp))
        with Store.open(tmp, new_key, schema="as_is", verify_pages=False) as copy:
            if prepare is not None:
                prepare(copy, slots, backup)
        problems = verify_copy(tmp, new_key)
        if problems:
            raise DatabaseDamaged(
                path, f"the re-keyed copy of {path} did not verify: {problems[0]}"
            )
    except BaseException:
        remove_database_files(tmp)
        raise
    return new_key, slots


def _commit_copy(store: Store, before: _FileState, pending: Path) -> None:
    """Close ``store`` and rename the copy over the database: the commit point. Refused
    if a session elsewhere has the file open or committed to it since the copy was taken
    (its change would be lost, or its WAL replayed onto the new file)."""
    path = store.path
    tmp = path.with_name(path.name + TMP_SUFFIX)
    key = store.key  # a copy survives the close (which overwrites a key the store owns)
    old_key: DatabaseKey = RawKey(key.raw()) if isinstance(key, RawKey) else key
    owns = isinstance(key, RawKey)
    slots = store.slots
    store.close()
    changed = not path.exists() or _FileState.of(path) != before
    if changed or locks.companions_left(path) or locks.holders(path):
        remove_database_files(tmp)
        pending.unlink(missing_ok=True)
        reopened = Store.open(path, old_key, owns_key=owns, slots=slots, verify_pages=False)
        raise KeySwitchRefused(locks.in_use(path), reopened)
    os.replace(tmp, path)  # the commit point
    fsync_dir(path.parent)


def rekey(
    store: Store,
    keep: set[str],
    *,
    prepare: PrepareCopy | None = None,
    keep_backup: bool = True,
) -> tuple[Store, Path | None]:
    """A new database key, sealed for those of ``keep`` who hold a slot now (the file
    on disk is the truth: another session may have added one since this store opened).
    ``prepare`` and ``keep_backup``: as :func:`switch_key`."""
    if store.slots is None:
        raise StoreError(store.path, f"{store.path} is not keyed through key slots")
    old = SlotFile.load(slot_path(store.path))
    old.verify(_raw(store), slot_path(store.path))
    kept = keep & set(old.slots)
    return switch_key(
        store,
        lambda key, salt: old.rekeyed(key, kept, salt),
        "rekey",
        prepare=prepare,
        keep_backup=keep_backup,
    )


def convert_foundation(
    store: Store,
    user: str,
    passphrase: str,
    params: KdfParams | None = None,
    *,
    prepare: PrepareCopy | None = None,
) -> tuple[Store, Path | None]:
    """A passphrase-keyed database becomes slot-keyed, ``user`` holding the first slot."""
    if store.slots is not None:
        raise StoreError(store.path, f"{store.path} is already keyed through key slots")

    def first_slots(key: bytes, salt: bytes) -> SlotFile:
        slots = SlotFile.new(salt, key)
        slots.add(user, passphrase, key, params)
        return slots

    return switch_key(store, first_slots, "accounts", prepare=prepare)
