"""The parser, built from the command groups, and ``main``: one ``error:`` line on stderr
and an exit code from the table in ``base`` (the traceback only with ``--debug``; it
always goes to the log file)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlcipher3 import dbapi2

from workbench import __version__
from workbench.cli import (
    audit,
    cases,
    database,
    export,
    graph,
    gui,
    imports,
    registry,
    server,
    stats,
    users,
)
from workbench.cli.base import (
    EXIT_BUG,
    EXIT_CODES_HELP,
    EXIT_IN_USE,
    EXIT_INTEGRITY,
    EXIT_UNREACHABLE,
    IntegrityFailure,
    Parser,
    Registrar,
    UsageError,
)
from workbench.cli.session import lang
from workbench.logs import configure_logging
from workbench.services.core.errors import ServiceError
from workbench.store import StoreError, locks
from workbench.store.connection import busy_timeout_ms, is_locked

log = logging.getLogger("workbench.cli")


def _common_options(
    p: argparse.ArgumentParser, default: Any, flag_default: Any
) -> argparse.ArgumentParser:
    p.add_argument(
        "--db",
        default=default,
        help="database file or postgresql://HOST:PORT/DB server URL (default: $WORKBENCH_DB)",
    )
    p.add_argument("--passphrase-file", default=default, help="read the passphrase from this file")
    p.add_argument(
        "--user", default=default, help="user name (default: $WORKBENCH_USER or login name)"
    )
    p.add_argument(
        "--json", action="store_true", default=flag_default, help="machine-readable output"
    )
    p.add_argument("--debug", action="store_true", default=flag_default, help="show tracebacks")
    return p


def build_parser() -> argparse.ArgumentParser:
    # The options are accepted before or after the command; the subcommands' copies
    # default to SUPPRESS so they never overwrite a value given before the command.
    top = _common_options(argparse.ArgumentParser(add_help=False), None, False)
    common = _common_options(
        argparse.ArgumentParser(add_help=False), argparse.SUPPRESS, argparse.SUPPRESS
    )

    parser = Parser(
        prog="workbench",
        description="Task Force Workbench",
        parents=[top],
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    # Plain `workbench` opens the window, as a desktop user expects.
    sub = parser.add_subparsers(dest="command", required=False, parser_class=Parser)
    r = Registrar(sub, common)
    database.register_create(r)
    cases.register(r)
    users.register(r)
    audit.register(r)
    database.register_maintenance(r)
    server.register(r)
    imports.register(r)
    export.register(r)
    graph.register(r)
    stats.register(r)
    registry.register(r)
    gui.register(r)
    return parser


def _is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("malformed", "not a database", "disk image", "hmac"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    with contextlib.suppress(OSError):
        configure_logging()
    try:
        code: int = args.func(args)
        return code
    except (StoreError, ServiceError, UsageError, IntegrityFailure) as exc:
        code = int(getattr(exc, "exit_code", EXIT_BUG))
        # The kind of failure only: its message may quote case content (a rejected cell,
        # a case title), and the log file is plain text (the person sees the message).
        log.info("command %s failed: %s (exit %d)", args.command, type(exc).__name__, code)
        # A coded refusal (a file that cannot be imported) in the language of --lang or
        # the locale; every other message as it is.
        _fail(args, exc.message_in(lang(args)) if isinstance(exc, ServiceError) else str(exc))
        return code
    except (sa_exc.DatabaseError, dbapi2.DatabaseError) as exc:
        log.exception("database error")
        original = getattr(exc, "orig", exc)
        if is_locked(original):  # a store normally says this itself (DatabaseInUse)
            path = Path(args.db or os.environ.get("WORKBENCH_DB") or "the database")
            _fail(args, str(locks.in_use(path, busy_seconds=busy_timeout_ms() / 1000)))
            return EXIT_IN_USE
        if _is_damage(original):
            _fail(
                args,
                f"{args.db or os.environ.get('WORKBENCH_DB')} is damaged: {original} "
                "(run 'workbench check')",
            )
            return EXIT_INTEGRITY
        if getattr(exc, "connection_invalidated", False):  # a server gone after sign-in
            _fail(args, f"lost the connection to the server: {' '.join(str(original).split())}")
            return EXIT_UNREACHABLE
        _fail(args, f"database error: {original}")
        return EXIT_BUG
    except KeyboardInterrupt:
        _fail(args, "interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`workbench graph metrics | head`): not an error of ours.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: say so, keep the traceback in the log
        log.exception("unexpected failure")
        _fail(args, f"internal error: {exc!r} (details in the log; --debug shows them)")
        return EXIT_BUG


def _fail(args: argparse.Namespace, message: str) -> None:
    if getattr(args, "debug", False):
        import traceback

        traceback.print_exc()
    print(f"error: {message}", file=sys.stderr)
