"""Who runs a command and on which database: the path, passphrases, the signed-in
session each command runs in, and how results are printed (text or ``--json``)."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from workbench.cli.base import UsageError
from workbench.services.accounts.users import SignInNotes, sign_in
from workbench.services.core.context import Context
from workbench.store import PassphraseKey
from workbench.store.accounts import require_database_file
from workbench.store.server import by_certificate, is_server_url


def db_location(args: argparse.Namespace) -> Path | str:
    """``--db`` (or WORKBENCH_DB): a database file's path, or a server's
    ``postgresql://`` URL (kept as text)."""
    value = args.db or os.environ.get("WORKBENCH_DB")
    if not value:
        raise UsageError("no database: give --db PATH or set WORKBENCH_DB")
    return value if is_server_url(value) else Path(value)


def db_path(args: argparse.Namespace) -> Path:
    """A database file's path, for the commands that work on a file only."""
    location = db_location(args)
    if isinstance(location, str):
        raise UsageError(
            f"'workbench {args.command}' works on a database file, not on a server "
            "(set a server up with 'workbench server init'; back it up with pg_dump)"
        )
    return location


def _read_secret(
    file: str | None, env: str, prompt: str, option: str, *, confirm: bool = False
) -> str:
    if file:
        text = _passphrase_file_text(file)
        text = text[:-1] if text.endswith("\n") else text
        text = text[:-1] if text.endswith("\r") else text
    elif os.environ.get(env):
        text = os.environ[env]
    elif sys.stdin.isatty():
        text = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} again: ") != text:
            raise UsageError("the two passphrases differ")
    else:
        raise UsageError(f"no passphrase: give {option}, set {env}, or run on a terminal")
    if not text:
        raise UsageError("the passphrase is empty")
    if "\x00" in text:
        raise UsageError("a passphrase cannot contain a NUL character")
    return text


def _passphrase_file_text(file: str) -> str:
    """The file's text; its bytes are never echoed (it holds a secret)."""
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read passphrase file {file}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"passphrase file {file} is not UTF-8 text (an undecodable byte at offset "
            f"{exc.start}): save it as UTF-8"
        ) from None


def passphrase_text(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return _read_secret(
        args.passphrase_file,
        "WORKBENCH_PASSPHRASE",
        "Passphrase",
        "--passphrase-file",
        confirm=confirm,
    )


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> PassphraseKey:
    try:
        return PassphraseKey(passphrase_text(args, confirm=confirm))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def new_passphrase(args: argparse.Namespace) -> str:
    """The passphrase of the user being added (or changed), never the signed-in one's."""
    return _read_secret(
        args.new_passphrase_file,
        "WORKBENCH_NEW_PASSPHRASE",
        "New user's passphrase",
        "--new-passphrase-file",
        confirm=True,
    )


def user_name(args: argparse.Namespace) -> str:
    return args.user or os.environ.get("WORKBENCH_USER") or getpass.getuser()


@contextlib.contextmanager
def signed_in(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Context]:
    """The signed-in session of one command, closed (and its key dropped) when it ends.
    ``read_only``: nothing is written to the database at all (``workbench check``)."""
    ctx = _open(args, read_only)
    try:
        yield ctx
    finally:
        ctx.store.close()


def _open(args: argparse.Namespace, read_only: bool) -> Context:
    """Sign in through the user's key slot; the role comes from the database, always."""
    path = db_location(args)
    if isinstance(path, Path):
        require_database_file(path)  # before asking for a passphrase
    notes = SignInNotes()
    ctx = sign_in(
        path,
        user_name(args),
        _sign_in_secret(args, path),
        notes=notes,
        sleep=_wait,
        read_only=read_only,
    )
    _print_notes(notes)
    return ctx


def _sign_in_secret(args: argparse.Namespace, location: Path | str) -> str:
    """The passphrase, or none for a server URL naming a client certificate when none is
    given: its key signs the user in (a 'cert' line asks for no passphrase; a server that
    asks for one as well refuses, exit 3)."""
    given = args.passphrase_file or os.environ.get("WORKBENCH_PASSPHRASE")
    if not given and by_certificate(location):
        return ""
    return passphrase_text(args)


def _wait(seconds: float) -> None:
    """Earlier failed sign-ins make this one wait (the slot file counts them)."""
    if seconds >= 0.5:
        print(f"note: earlier sign-ins failed; waiting {seconds:.1f} s", file=sys.stderr)
    time.sleep(seconds)


def _print_notes(notes: SignInNotes) -> None:
    if notes.schema_backup is not None:
        print(
            f"note: upgraded the schema; the previous file is kept as {notes.schema_backup}",
            file=sys.stderr,
        )
    if notes.converted_backup is not None:
        print(
            "note: the database now has personal key slots (you are its admin); the "
            f"passphrase-keyed original is kept as {notes.converted_backup}. Give the other "
            "users a passphrase with 'workbench user passwd NAME', then delete that file.",
            file=sys.stderr,
        )
    if notes.stale_slots:
        print(
            f"note: removed users still hold key slots ({', '.join(notes.stale_slots)}): "
            "run 'workbench rekey'",
            file=sys.stderr,
        )


def emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text())


def emit_json(data: Any) -> None:
    """The JSON of a failed check, printed before the error line."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def lang(args: argparse.Namespace | None = None) -> str:
    """The language of vocabulary in text output: ``--lang``, else the locale (LC_ALL,
    LC_MESSAGES, LANG in that order, as POSIX reads them)."""
    chosen = getattr(args, "lang", None)
    if chosen:
        return str(chosen)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh_CN" if value.startswith("zh") else "en"
    return "en"


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` for a command that lists vocabulary (default: the locale)."""
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="language of the listing's words and labels (default: the locale)",
    )
