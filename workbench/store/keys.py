"""All key handling for the database lives here.

A database is keyed by a random 256-bit raw key (:class:`RawKey`) that the per-user key
slots (``slots.py``) unwrap; databases of the foundation release were keyed by a shared
passphrase through SQLCipher's own PBKDF2 (:class:`PassphraseKey`) and are converted on
their owner's first sign-in. Nothing outside this module builds a ``PRAGMA key``.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from typing import Protocol

# SQLCipher 4 defaults, pinned so that a library upgrade cannot silently change them.
# AES-256-CBC is fixed by SQLCipher 4 and has no PRAGMA.
PAGE_SIZE = 4096
KDF_ITER = 256_000
HMAC_ALGORITHM = "HMAC_SHA512"
KDF_ALGORITHM = "PBKDF2_HMAC_SHA512"

# (pragma, value) pairs applied right after the key on every connection, and to every
# attached database (backups) under its schema name. Values are constants, not input.
CIPHER_SETTINGS: tuple[tuple[str, str], ...] = (
    ("cipher_page_size", str(PAGE_SIZE)),
    ("kdf_iter", str(KDF_ITER)),
    ("cipher_hmac_algorithm", HMAC_ALGORITHM),
    ("cipher_kdf_algorithm", KDF_ALGORITHM),
    ("cipher_use_hmac", "ON"),
    ("cipher_plaintext_header_size", "0"),
)


class _KeyableConnection(Protocol):
    def set_key(self, key: str | bytes, /) -> None: ...

    def execute(self, sql: str, /) -> object: ...


class _Cursorable(Protocol):
    def execute(self, sql: str, /) -> object: ...


class DatabaseKey(ABC):
    """Something that can key a SQLCipher connection.

    The key goes through ``sqlite3_key`` (sqlcipher3's ``set_key``), never through a
    formatted SQL string, so no quoting can go wrong whatever the passphrase holds.
    """

    @abstractmethod
    def material(self) -> str:
        """What ``sqlite3_key`` and ``ATTACH … KEY ?`` receive."""

    def apply(self, conn: _KeyableConnection) -> None:
        conn.set_key(self.material())  # the first thing done on every connection
        apply_cipher_settings(conn)

    def forget(self) -> None:  # noqa: B027 - a passphrase object is the caller's to keep
        """Drop the secret where this object owns it (raw keys); a no-op otherwise."""


class PassphraseKey(DatabaseKey):
    """A passphrase typed by a person; SQLCipher derives the key with PBKDF2."""

    def __init__(self, passphrase: str) -> None:
        if not passphrase:
            raise ValueError("the passphrase is empty")
        if "\x00" in passphrase:
            raise ValueError("a passphrase cannot contain a NUL character")
        self._passphrase = passphrase

    def material(self) -> str:
        return self._passphrase

    def __repr__(self) -> str:  # never show the secret in a traceback or log
        return "PassphraseKey(<hidden>)"


class RawKey(DatabaseKey):
    """A 256-bit key used as is (no KDF): the form the key slots unwrap.

    Kept in a bytearray this object owns, so :meth:`forget` can overwrite it when the
    session locks. The hex text handed to SQLCipher is an immutable ``str`` Python may
    keep until it is collected: overwriting is as far as Python allows.
    """

    def __init__(self, key: bytes | bytearray, salt: bytes | None = None) -> None:
        if len(key) != 32:
            raise ValueError("a raw database key is 32 bytes")
        if salt is not None and len(salt) != 16:
            raise ValueError("a database salt is 16 bytes")
        self._key = bytearray(key)
        self._salt = salt
        self._forgotten = False

    def with_salt(self, salt: bytes) -> RawKey:
        """The same key, creating files with ``salt`` (a new file or exported copy)."""
        return RawKey(self.raw(), salt)

    def material(self) -> str:
        if self._forgotten:
            raise ValueError("this database key was dropped when the session locked")
        salt = self._salt.hex() if self._salt is not None else ""
        return f"x'{self._key.hex()}{salt}'"

    def raw(self) -> bytes:
        """The key bytes (for wrapping into key slots and for the slot file's MAC)."""
        if self._forgotten:
            raise ValueError("this database key was dropped when the session locked")
        return bytes(self._key)

    def forget(self) -> None:
        """Overwrite the key in place; the object is useless afterwards."""
        for i in range(len(self._key)):
            self._key[i] = 0
        self._forgotten = True

    def __repr__(self) -> str:
        return "RawKey(<hidden>)"


# Files keyed through key slots start with this in their SQLCipher salt (the other 12
# bytes are random), so a missing slot file is told apart from a wrong passphrase on a
# passphrase-keyed database of the foundation release without any key.
SLOT_SALT_MARK = b"TFWK"


def marked_salt() -> bytes:
    return SLOT_SALT_MARK + secrets.token_bytes(16 - len(SLOT_SALT_MARK))


def apply_cipher_settings(conn: _Cursorable, schema: str = "") -> None:
    prefix = f"{schema}." if schema else ""
    for pragma, value in CIPHER_SETTINGS:
        conn.execute(f"PRAGMA {prefix}{pragma} = {value}")
