"""Integrity checks: every page's HMAC (SQLCipher), then SQLite's own structure checks."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from sqlcipher3 import dbapi2


class RawSource(Protocol):
    """What the checks need of a store: a DB-API connection to the keyed database."""

    def raw_connection(self) -> AbstractContextManager[dbapi2.Connection]: ...


@dataclass
class CheckReport:
    cipher_problems: list[str] = field(default_factory=list)
    sqlite_problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not (self.cipher_problems or self.sqlite_problems or self.foreign_key_problems)

    def problems(self) -> list[str]:
        return self.cipher_problems + self.sqlite_problems + self.foreign_key_problems


def check_store(store: RawSource) -> CheckReport:
    with store.raw_connection() as raw:
        return check_connection(raw)


def page_problems(raw: dbapi2.Connection) -> list[str]:
    """SQLCipher's check of every page's HMAC ("HMAC verification failed for page 7")."""
    return [str(r[0]) for r in raw.execute("PRAGMA cipher_integrity_check").fetchall()]


def check_connection(raw: dbapi2.Connection) -> CheckReport:
    report = CheckReport()
    report.pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    report.cipher_problems = page_problems(raw)
    try:
        rows = [str(r[0]) for r in raw.execute("PRAGMA integrity_check").fetchall()]
    except dbapi2.DatabaseError as exc:
        rows = [f"integrity check stopped: {exc}"]
    report.sqlite_problems = [r for r in rows if r != "ok"]
    try:
        fks = raw.execute("PRAGMA foreign_key_check").fetchall()
    except dbapi2.DatabaseError as exc:
        fks = [(f"foreign key check stopped: {exc}",)]
    report.foreign_key_problems = [
        f"{r[0]} row {r[1]} refers to a missing {r[2]}" if len(r) >= 3 else str(r[0]) for r in fks
    ]
    return report
