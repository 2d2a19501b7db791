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


class ServerUnreachable(StoreError):
    """No session with the server: refused, unknown host, timed out, TLS refused (a
    server certificate the site CA did not sign), or no such database there. Exit 8,
    so that exit 1 stays "a bug"; the message names the server, never its password."""

    exit_code = 8


class CertificateRefused(StoreError):
    """The server wants a client certificate whose CN is the user and got none, or
    another: an authentication failure like a wrong passphrase (exit 3)."""

    exit_code = 3


class BadServerAddress(StoreError):
    """The server URL, or a certificate or key file it names, cannot be used as given:
    a usage error (exit 2), found before or by libpq, never by the server."""

    exit_code = 2


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


class SchemaOutdated(StoreError):
    """An older schema this command may not upgrade (a server: only its owner upgrades,
    with 'workbench server init'): exit 4, like a database this workbench cannot use."""

    exit_code = 4


class NotEmpty(StoreError):
    """A command that needs an empty store (``copy``'s target, another admin's ``server
    init``) met one holding workbench data: a usage error like an existing target file
    (exit 2), and nothing was changed."""

    exit_code = 2


class DatabaseExists(StoreError):
    exit_code = 2

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"{path} already exists; refusing to overwrite it")
