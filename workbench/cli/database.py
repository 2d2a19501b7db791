"""``init``, ``demo``, ``check``, ``backup``: making, checking and copying a database file."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.base import EXIT_OK, IntegrityFailure, Registrar, UsageError
from workbench.cli.session import (
    db_location,
    db_path,
    emit,
    emit_json,
    passphrase_text,
    signed_in,
    user_name,
)
from workbench.services.accounts.users import UserService, create_database
from workbench.services.casefile.cases import CaseService
from workbench.store.backup import backup_database
from workbench.store.check import check_store


def cmd_init(args: argparse.Namespace) -> int:
    path = db_path(args)
    passphrase = passphrase_text(args, confirm=True)
    user = user_name(args)
    create_database(path, user, passphrase).store.close()
    emit(
        args,
        {"db": str(path), "user": user, "role": "admin"},
        lambda: f"created {path}; {user} is its administrator",
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.demo.load import load_demo

    if isinstance(db_location(args), str):
        return _demo_on_server(args)
    path = db_path(args)
    passphrase = passphrase_text(args, confirm=True)
    if path.exists() and args.force:
        for suffix in ("", "-wal", "-shm", "-journal", ".keys"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    user = user_name(args)
    ctx = create_database(path, user, passphrase)
    try:
        codes = load_demo(ctx)
    finally:
        ctx.store.close()
    emit(
        args,
        {"db": str(path), "cases": codes},
        lambda: f"created {path} with the demo cases {', '.join(codes)}",
    )
    return EXIT_OK


def _demo_on_server(args: argparse.Namespace) -> int:
    """The demo cases into a server set up with 'workbench server init' (as its admin)."""
    from workbench.demo.load import load_demo

    if args.force:
        raise UsageError("--force replaces a database file; a server's cases stay")
    with signed_in(args) as ctx:
        if CaseService(ctx).list():
            raise UsageError(f"{ctx.store.path} already holds cases; the demo needs none")
        codes = load_demo(ctx, history=False)
    emit(
        args,
        {"db": str(ctx.store.path), "cases": codes},
        lambda: f"loaded the demo cases {', '.join(codes)} into {ctx.store.path}",
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Reads only: no sign-in entry, no tidying, no upgrade (README, "The database")."""
    db_path(args)  # a file: a server checks its own pages (data_checksums, amcheck)
    with signed_in(args, read_only=True) as ctx:
        report = check_store(ctx.store)
        if report.ok:  # the user's account is read once the file is known sound
            UserService(ctx).authenticate()
    data = {"ok": report.ok, "pages": report.pages, "problems": report.problems()}
    if not report.ok:
        if args.json:
            emit_json(data)
        problems = report.problems()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IntegrityFailure(f"{ctx.store.path} failed its check: {problems[0]}{more}")
    emit(args, data, lambda: f"{ctx.store.path}: {report.pages} pages verified, no problems")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    db_path(args)  # a file; a server is backed up with pg_dump / PITR (README)
    with signed_in(args) as ctx:
        report = backup_database(ctx.store, Path(args.out))
    emit(
        args,
        {"out": str(report.path), "pages": report.pages, "tables": report.tables},
        lambda: f"backed up to {report.path} ({report.pages} pages, verified)",
    )
    return EXIT_OK


def register_create(r: Registrar) -> None:
    r.command("init", cmd_init, "create a new empty encrypted database")
    demo = r.command("demo", cmd_demo, "create a database holding the demo case files")
    demo.add_argument("--force", action="store_true", help="replace an existing file")


def register_maintenance(r: Registrar) -> None:
    r.command("check", cmd_check, "cipher page check and SQLite integrity check")
    backup = r.command("backup", cmd_backup, "a consistent, verified encrypted copy")
    backup.add_argument("--out", required=True)
