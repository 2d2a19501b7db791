"""The exit-code table of DESIGN.md, the errors that carry a code, and the parser class
every command group registers with."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NoReturn

EXIT_OK = 0  # done
EXIT_BUG = 1  # anything else: a bug, never the answer to bad input
EXIT_USAGE = 2  # usage error (also: no such database file)
EXIT_AUTH = 3  # authentication failed (wrong passphrase, unknown user)
EXIT_INTEGRITY = 4  # not a workbench database, damaged, audit chain broken
EXIT_REJECTED = 5  # input rejected (validation); nothing was written
EXIT_DENIED = 6  # permission denied for this user's role
EXIT_IN_USE = 7  # the database is in use by another session; nothing was changed
EXIT_UNREACHABLE = 8  # the server cannot be reached (refused, unknown host, TLS refused)

# The table of DESIGN.md and README, for ``workbench --help``.
EXIT_CODES_HELP = """exit codes:
  0  done
  2  usage error (also: no such database file, a directory given as the database, a
     server URL or a TLS file it names that cannot be used, a target that is not empty)
  3  authentication failed (wrong passphrase, unknown user)
  4  integrity failure (not a workbench database, damaged, audit chain broken; also a
     schema older or newer than this workbench that it may not upgrade)
  5  input rejected (validation, import errors); nothing was written
  6  permission denied for this user's role (a case you may not read answers the same
     whether it exists or not)
  7  the database is in use by another session (it holds the file or its write lock);
     nothing was changed
  8  the server cannot be reached (refused, unknown host, timed out, TLS refused, no
     such database there, the connection lost during a change)
  1  anything else: a bug"""

Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    exit_code = EXIT_USAGE


class IntegrityFailure(Exception):
    exit_code = EXIT_INTEGRITY


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"error: {message}\n")


class Registrar:
    """Adds commands and command groups; every command takes the common options."""

    def __init__(self, sub: Any, common: argparse.ArgumentParser) -> None:
        self.sub = sub
        self.common = common

    def command(
        self, name: str, fn: Command, help_: str, parent: Any = None
    ) -> argparse.ArgumentParser:
        target = self.sub if parent is None else parent
        p: argparse.ArgumentParser = target.add_parser(name, help=help_, parents=[self.common])
        p.set_defaults(func=fn)
        return p

    def group(self, name: str, help_: str) -> Any:
        """``workbench NAME …``: the subparsers its commands are added to."""
        p = self.sub.add_parser(name, help=help_)
        return p.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)
