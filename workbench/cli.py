"""The command line: argparse over the services, with the exit codes of DESIGN.md.

Errors are one ``error:`` line on stderr (the traceback only with ``--debug``; it always
goes to the log file).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import exc as sa_exc
from sqlcipher3 import dbapi2

from workbench import __version__
from workbench.domain import vocab
from workbench.domain.quantities import format_cny, format_grams
from workbench.logs import configure_logging
from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import SignInNotes, UserService, create_database, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.store import DatabaseMissing, PassphraseKey, StoreError
from workbench.store.backup import backup_database
from workbench.store.check import check_store

log = logging.getLogger("workbench.cli")

EXIT_OK, EXIT_BUG, EXIT_USAGE, EXIT_AUTH, EXIT_INTEGRITY, EXIT_REJECTED, EXIT_DENIED = (
    0,
    1,
    2,
    3,
    4,
    5,
    6,
)


class UsageError(Exception):
    exit_code = EXIT_USAGE


class IntegrityFailure(Exception):
    exit_code = EXIT_INTEGRITY


# -- credentials -------------------------------------------------------------------


def _db_path(args: argparse.Namespace) -> Path:
    value = args.db or os.environ.get("WORKBENCH_DB")
    if not value:
        raise UsageError("no database: give --db PATH or set WORKBENCH_DB")
    return Path(value)


def _read_secret(
    file: str | None, env: str, prompt: str, option: str, *, confirm: bool = False
) -> str:
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read passphrase file {file}: {exc.strerror}") from None
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


def _passphrase_text(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return _read_secret(
        args.passphrase_file,
        "WORKBENCH_PASSPHRASE",
        "Passphrase",
        "--passphrase-file",
        confirm=confirm,
    )


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> PassphraseKey:
    try:
        return PassphraseKey(_passphrase_text(args, confirm=confirm))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _new_passphrase(args: argparse.Namespace) -> str:
    """The passphrase of the user being added (or changed), never the signed-in one's."""
    return _read_secret(
        args.new_passphrase_file,
        "WORKBENCH_NEW_PASSPHRASE",
        "New user's passphrase",
        "--new-passphrase-file",
        confirm=True,
    )


def _user(args: argparse.Namespace) -> str:
    return args.user or os.environ.get("WORKBENCH_USER") or getpass.getuser()


@contextlib.contextmanager
def _signed_in(args: argparse.Namespace) -> Iterator[Context]:
    """The signed-in session of one command, closed (and its key dropped) when it ends."""
    ctx = _open(args)
    try:
        yield ctx
    finally:
        ctx.store.close()


def _open(args: argparse.Namespace) -> Context:
    """Sign in through the user's key slot; the role comes from the database, always."""
    path = _db_path(args)
    if not path.exists():
        raise DatabaseMissing(path)
    notes = SignInNotes()
    ctx = sign_in(path, _user(args), _passphrase_text(args), notes=notes, sleep=_wait)
    _print_notes(notes)
    return ctx


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


def _emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text())


def _lang() -> str:
    return "zh_CN" if os.environ.get("LANG", "").startswith("zh") else "en"


# -- commands ----------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    path = _db_path(args)
    passphrase = _passphrase_text(args, confirm=True)
    user = _user(args)
    create_database(path, user, passphrase).store.close()
    _emit(
        args,
        {"db": str(path), "user": user, "role": "admin"},
        lambda: f"created {path}; {user} is its administrator",
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.demo.load import load_demo

    path = _db_path(args)
    passphrase = _passphrase_text(args, confirm=True)
    if path.exists() and args.force:
        for suffix in ("", "-wal", "-shm", "-journal", ".keys"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    user = _user(args)
    ctx = create_database(path, user, passphrase)
    try:
        codes = load_demo(ctx)
    finally:
        ctx.store.close()
    _emit(
        args,
        {"db": str(path), "cases": codes},
        lambda: f"created {path} with the demo cases {', '.join(codes)}",
    )
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        rows = CaseService(ctx).list()
    lang = _lang()
    data = [
        {
            "code": r.code,
            "title": r.title,
            "nickname": r.nickname,
            "level": r.level,
            "status": r.status,
            "opened_on": r.opened_on.isoformat() if r.opened_on else None,
            "persons": r.persons,
            "suspects": r.suspects,
        }
        for r in rows
    ]

    def text() -> str:
        if not rows:
            return "no cases"
        lines = []
        for r in rows:
            lines.append(
                f"{r.code:<16} {vocab.label(vocab.CASE_LEVELS, r.level, lang):<28} "
                f"{vocab.label(vocab.CASE_STATUSES, r.status, lang):<22} "
                f"{r.suspects:>4} suspects  {r.title}"
            )
        return "\n".join(lines)

    _emit(args, data, text)
    return EXIT_OK


def cmd_case_show(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        summary = CaseService(ctx).summary(args.code)
    lang = _lang()

    def text() -> str:
        c = summary.counts
        lines = [
            f"{summary.code}  {summary.title}",
            f"  level: {vocab.label(vocab.CASE_LEVELS, summary.level, lang)}   "
            f"status: {vocab.label(vocab.CASE_STATUSES, summary.status, lang)}",
            f"  unit: {summary.unit}",
            "  " + "  ".join(f"{k}: {v}" for k, v in c.items()),
        ]
        for drug, mg in sorted(summary.drug_totals_mg.items()):
            lines.append(f"  {vocab.label(vocab.DRUGS, drug, lang)}: {format_grams(mg)} g")
        for drug, mg in sorted(summary.precursor_totals_mg.items()):
            lines.append(
                f"  {vocab.label(vocab.PRECURSORS, drug, lang)}: {format_grams(mg)} g (precursor)"
            )
        lines.append(f"  cash: ¥{format_cny(summary.cash_total_fen)}")
        for kind, n in sorted(summary.measures.items()):
            lines.append(f"  {vocab.label(vocab.MEASURES, kind, lang)}: {n}")
        return "\n".join(lines)

    _emit(args, summary.as_json(), text)
    return EXIT_OK


def cmd_case_new(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        fields = {"level": args.level} if args.level else {}
        result = CaseService(ctx).create(args.code, args.title, **fields)
    _emit(
        args,
        {"id": result.value, "code": args.code, "warnings": list(result.warnings)},
        lambda: f"created case {args.code}",
    )
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        report = AuditService(ctx).verify()
    data = {
        "ok": report.ok,
        "entries": report.count,
        "head_hash": report.head_hash,
        "problem": None
        if report.problem is None
        else {
            "seq": report.problem.seq,
            "kind": report.problem.kind,
            "message": report.problem.message,
        },
    }
    if report.problem is not None:
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        raise IntegrityFailure(f"audit chain broken: {report.problem.message}")
    _emit(
        args, data, lambda: f"audit chain verified: {report.count} entries, head {report.head_hash}"
    )
    return EXIT_OK


def cmd_audit_log(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        if args.case:
            CaseService(ctx).summary(args.case)  # NotFound for an unknown code
        records = AuditService(ctx).log(args.case)

    def text() -> str:
        return (
            "\n".join(
                f"{r.seq:>6} {r.at} {r.user:<12} {r.action:<14} {r.entity:<12} "
                f"{r.entity_id or '':<8} {r.case_code or ''}"
                for r in records
            )
            or "no entries"
        )

    _emit(args, [r.as_json() for r in records], text)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        report = check_store(ctx.store)
    data = {"ok": report.ok, "pages": report.pages, "problems": report.problems()}
    if not report.ok:
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        problems = report.problems()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IntegrityFailure(f"{ctx.store.path} failed its check: {problems[0]}{more}")
    _emit(args, data, lambda: f"{ctx.store.path}: {report.pages} pages verified, no problems")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        report = backup_database(ctx.store, Path(args.out))
    _emit(
        args,
        {"out": str(report.path), "pages": report.pages, "tables": report.tables},
        lambda: f"backed up to {report.path} ({report.pages} pages, verified)",
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from workbench import cli_import

    return cli_import.run(args, _signed_in, UsageError)


def cmd_export_pdf(args: argparse.Namespace) -> int:
    """The prosecution package, written atomically and audited with its SHA-256."""
    from workbench.services.package.export import PackageService

    sections = [s.strip() for s in args.sections.split(",") if s.strip()] if args.sections else None
    with _signed_in(args) as ctx:
        result = PackageService(ctx).export(
            args.case, Path(args.out), lang=args.lang, redact=args.redact, sections=sections
        )
    if result.font_warning:
        print(f"warning: {result.font_warning}", file=sys.stderr)
    data = {
        "out": str(result.path),
        "sha256": result.sha256,
        "size": result.size,
        "pages": result.pages,
        "open_items": result.open_items,
        "audit_seq": result.audit_seq,
        "font_embedded": result.font_warning is None,
    }
    _emit(
        args,
        data,
        lambda: (
            f"wrote {result.path} ({result.pages} pages, sha256 {result.sha256}); "
            f"{result.open_items} open items; audit entry {result.audit_seq}"
        ),
    )
    return EXIT_OK


def cmd_case_grant(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        AccessService(ctx).grant(args.code, args.name)
    _emit(
        args,
        {"case": args.code, "member": args.name},
        lambda: f"{args.name} may now work on {args.code}",
    )
    return EXIT_OK


def cmd_case_revoke(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        AccessService(ctx).revoke(args.code, args.name)
    _emit(args, {"case": args.code, "removed": args.name}, lambda: f"{args.name} left {args.code}")
    return EXIT_OK


def cmd_case_members(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        names = AccessService(ctx).members_of(args.code)
    _emit(args, names, lambda: "\n".join(names) or "no members")
    return EXIT_OK


# -- users and keys ----------------------------------------------------------------


def cmd_user_add(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        passphrase = _new_passphrase(args)
        UserService(ctx).add(args.name, args.role, args.display_name or "", passphrase=passphrase)
    _emit(
        args,
        {"user": args.name, "role": args.role},
        lambda: f"added {args.name} ({vocab.label(vocab.USER_ROLES, args.role, _lang())})",
    )
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        rows = UserService(ctx).rows()
    data = [
        {
            "name": r.name,
            "role": r.role,
            "display_name": r.display_name,
            "active": r.active,
            "key_slot": r.has_slot,
        }
        for r in rows
    ]

    def text() -> str:
        return "\n".join(
            f"{r.name:<16} {r.role:<13} {'active' if r.active else 'removed':<8} "
            f"{'key slot' if r.has_slot else 'no key slot'}  {r.display_name}"
            for r in rows
        )

    _emit(args, data, text)
    return EXIT_OK


def cmd_user_remove(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        _, rekeyed = UserService(ctx).remove(args.name)
    _emit(
        args,
        {"removed": args.name, "generation": rekeyed.generation, "users": list(rekeyed.users)},
        lambda: f"removed {args.name}; the database has a new key for {', '.join(rekeyed.users)}",
    )
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        name = args.name or ctx.user
        UserService(ctx).change_passphrase(name, _new_passphrase(args))
    _emit(args, {"user": name}, lambda: f"changed the passphrase of {name}")
    return EXIT_OK


def cmd_user_role(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        UserService(ctx).set_role(args.name, args.role)
    _emit(args, {"user": args.name, "role": args.role}, lambda: f"{args.name} is now {args.role}")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    with _signed_in(args) as ctx:
        result = UserService(ctx).rekey()
    _emit(
        args,
        {
            "generation": result.generation,
            "users": list(result.users),
            "backup": str(result.backup) if result.backup else None,
        },
        lambda: (
            f"new database key (generation {result.generation}) for "
            f"{', '.join(result.users)}; the previous file is kept as {result.backup}"
        ),
    )
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """The window; with --screenshot, a PNG of it built offscreen (no screen needed)."""
    from workbench import app  # Qt is loaded only for this command

    db_value = args.db or os.environ.get("WORKBENCH_DB")
    try:
        if args.screenshot:
            return app.run_screenshot(
                _db_path(args),
                _passphrase(args),
                _user(args),
                args.case,
                args.view,
                args.lang,
                Path(args.screenshot),
            )
        # Credentials given non-interactively open the database directly; otherwise
        # the unlock dialog asks (never a terminal prompt for a windowed program).
        noninteractive = args.passphrase_file or os.environ.get("WORKBENCH_PASSPHRASE")
        key = _passphrase(args) if db_value and noninteractive else None
        return app.run_gui(
            Path(db_value) if db_value else None,
            key,
            args.user or os.environ.get("WORKBENCH_USER"),
            lang=args.lang,
            case=args.case,
            view=args.view,
        )
    except app.UnknownView as exc:
        raise UsageError(str(exc)) from None


# -- parser ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"error: {message}\n")


def _common_options(
    p: argparse.ArgumentParser, default: Any, flag_default: Any
) -> argparse.ArgumentParser:
    p.add_argument("--db", default=default, help="database file (default: $WORKBENCH_DB)")
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

    parser = _Parser(prog="workbench", description="Task Force Workbench", parents=[top])
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    # Plain `workbench` opens the window, as a desktop user expects.
    sub = parser.add_subparsers(dest="command", required=False, parser_class=_Parser)

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help_: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_, parents=[common])
        p.set_defaults(func=fn)
        return p

    add("init", cmd_init, "create a new empty encrypted database")
    demo = add("demo", cmd_demo, "create a database holding the demo case files")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    add("cases", cmd_cases, "list the case files")

    case = sub.add_parser("case", help="one case file")
    case_sub = case.add_subparsers(dest="case_command", required=True, parser_class=_Parser)
    show = add("show", cmd_case_show, "a case's key figures", case_sub)
    show.add_argument("code")
    new = add("new", cmd_case_new, "create a case file", case_sub)
    new.add_argument("--code", required=True)
    new.add_argument("--title", required=True)
    new.add_argument("--level", choices=list(vocab.CASE_LEVELS))

    grant = add("grant", cmd_case_grant, "let a user work on a case", case_sub)
    grant.add_argument("code")
    grant.add_argument("name", help="the user name")
    revoke = add("revoke", cmd_case_revoke, "take a user off a case", case_sub)
    revoke.add_argument("code")
    revoke.add_argument("name", help="the user name")
    members = add("members", cmd_case_members, "the users who may work on a case", case_sub)
    members.add_argument("code")

    users = sub.add_parser("user", help="workbench users and their key slots")
    user_sub = users.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    uadd = add("add", cmd_user_add, "add a user with a passphrase and a role", user_sub)
    uadd.add_argument("name")
    uadd.add_argument("--role", required=True, choices=list(vocab.USER_ROLES))
    uadd.add_argument("--display-name")
    uadd.add_argument(
        "--new-passphrase-file", help="the new user's passphrase (else $WORKBENCH_NEW_PASSPHRASE)"
    )
    add("list", cmd_user_list, "list the users", user_sub)
    uremove = add("remove", cmd_user_remove, "remove a user and rekey the database", user_sub)
    uremove.add_argument("name")
    upasswd = add("passwd", cmd_user_passwd, "change a passphrase (yours by default)", user_sub)
    upasswd.add_argument("name", nargs="?")
    upasswd.add_argument(
        "--new-passphrase-file", help="the new passphrase (else $WORKBENCH_NEW_PASSPHRASE)"
    )
    urole = add("role", cmd_user_role, "change a user's role", user_sub)
    urole.add_argument("name")
    urole.add_argument("role", choices=list(vocab.USER_ROLES))
    add("rekey", cmd_rekey, "a new database key, rewrapped for every active user")

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, parser_class=_Parser)
    add("verify", cmd_audit_verify, "recompute the hash chain", audit_sub)
    alog = add("log", cmd_audit_log, "list audit entries", audit_sub)
    alog.add_argument("--case", help="only this case's entries")

    add("check", cmd_check, "cipher page check and SQLite integrity check")
    backup = add("backup", cmd_backup, "a consistent, verified encrypted copy")
    backup.add_argument("--out", required=True)

    from workbench.cli_import import add_arguments as import_arguments

    import_arguments(add("import", cmd_import, "import a CSV/Excel file into a case"))

    pdf = add("export-pdf", cmd_export_pdf, "write the prosecution package (PDF), audited")
    pdf.add_argument("--case", required=True, help="case code")
    pdf.add_argument("--out", required=True, help="the PDF file to write")
    pdf.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    pdf.add_argument(
        "--redact", action="store_true", help="mask ID numbers, phones, addresses of non-suspects"
    )
    pdf.add_argument("--sections", help="comma-separated sections to include (default: all)")

    gui = add("gui", cmd_gui, "open the window (or save a screenshot of it)")
    gui.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for this run")
    gui.add_argument("--case", help="open this case file")
    gui.add_argument(
        "--view", help="show this tab (overview, persons, vehicles, …, timeline, audit-timeline)"
    )
    gui.add_argument(
        "--screenshot", metavar="PNG", help="build the window offscreen, save it, and exit"
    )
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
        log.info("command failed: %s", exc, exc_info=True)
        _fail(args, str(exc))
        return int(getattr(exc, "exit_code", EXIT_BUG))
    except (sa_exc.DatabaseError, dbapi2.DatabaseError) as exc:
        log.exception("database error")
        original = getattr(exc, "orig", exc)
        if _is_damage(original):
            _fail(
                args,
                f"{args.db or os.environ.get('WORKBENCH_DB')} is damaged: {original} "
                "(run 'workbench check')",
            )
            return EXIT_INTEGRITY
        _fail(args, f"database error: {original}")
        return EXIT_BUG
    except KeyboardInterrupt:
        _fail(args, "interrupted")
        return 130
    except Exception as exc:  # a bug: say so, keep the traceback in the log
        log.exception("unexpected failure")
        _fail(args, f"internal error: {exc!r} (details in the log; --debug shows them)")
        return EXIT_BUG


def _fail(args: argparse.Namespace, message: str) -> None:
    if getattr(args, "debug", False):
        import traceback

        traceback.print_exc()
    print(f"error: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
