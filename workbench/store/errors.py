"""Store failures a person can act on; the CLI maps each to its exit code."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of every failure to open, read or copy a workbench database."""

    exit_code = 1

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WrongPassphrase(StoreError):
    exit_code = 3

    def __init__(self, path: Path | str, user: str | None = None) -> None:
        who = f" of user {user!r}" if user else ""
        super().__init__(path, f"wrong passphrase{who} for {path}")
        self.user = user


class UnknownUser(StoreError):
    """No key slot for this user name: the same exit as a wrong passphrase."""

    exit_code = 3

    def __init__(self, path: Path | str, user: str) -> None:
        super().__init__(path, f"unknown user {user!r} for {path}")
        self.user = user


class KeySlotsDamaged(StoreError):
    """The key-slot file is missing, altered, damaged or belongs to another database."""

    exit_code = 4


class DatabaseInUse(StoreError):
    """Another session has the file open, or has held its write lock for longer than
    the busy timeout: exit 7, and nothing was changed (``locks.in_use`` words it)."""

    exit_code = 7


class StoreClosed(StoreError):
    """The session locked or ended: a closed store refuses to reconnect."""


class NotAWorkbenchDatabase(StoreError):
    exit_code = 4


class DatabaseDamaged(StoreError):
    exit_code = 4


class DatabaseMissing(StoreError):
    exit_code = 2

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"no database at {path} (create one with 'workbench init')")


class NotAFile(StoreError):
    """The database path names a directory or a device: a usage error."""

    exit_code = 2


class DatabaseExists(StoreError):
    exit_code = 2

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"{path} already exists; refusing to overwrite it")
