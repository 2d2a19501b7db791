"""``import``: one file into one case, all or nothing (exit 5 on rejected rows)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.cli.base import EXIT_OK, Registrar, UsageError
from workbench.cli.session import signed_in
from workbench.importers.csvsafe import write_csv
from workbench.importers.kinds import KINDS
from workbench.importers.mapping import load_mapping_file
from workbench.importers.report import ImportReport


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--case", help="case code (findings: optional, the case they were made in)")
    p.add_argument("--kind", required=True, choices=list(KINDS))
    p.add_argument("file", help=".csv, .tsv, .xlsx (or .xls with xlrd installed)")
    p.add_argument("--mapping", metavar="M", help="JSON preset: field → column header")
    p.add_argument("--encoding", help="text encoding (default: detected)")
    p.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    p.add_argument(
        "--report-csv", metavar="CSV", help="also write the rejected rows and warnings here"
    )
    p.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="language of the reason a file is refused (default: the locale)",
    )


def report_lines(report: ImportReport) -> list[str]:
    lines = []
    if report.errors:
        more = " (first 1000 shown)" if report.errors_truncated else ""
        lines.append(f"rejected{more}:")
        lines += [f"  {issue}" for issue in report.errors]
    if report.warnings:
        lines.append("warnings:")
        lines += [f"  {issue}" for issue in report.warnings]
    return lines


def _save_report(path: str, report: ImportReport) -> None:
    rows = [
        (i.severity, "" if i.line is None else i.line, i.column, i.message)
        for i in [*report.errors, *report.warnings]
    ]
    write_csv(path, ("severity", "line", "column", "reason"), rows)


def cmd_import(args: argparse.Namespace) -> int:
    mapping = None
    if args.mapping:
        try:
            mapping = load_mapping_file(args.mapping, args.kind)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if not Path(args.file).exists():
        raise UsageError(f"no such file: {args.file}")
    if args.case is None and KINDS[args.kind].scope == "case":
        raise UsageError(f"--case is required for {args.kind}")
    from workbench.services.imports.importing import ImportRejected, ImportService  # loads pandas

    try:
        with signed_in(args) as ctx:
            outcome = ImportService(ctx).run(
                args.case,
                args.kind,
                Path(args.file),
                mapping,
                encoding=args.encoding,
                dry_run=args.dry_run,
            )
    except ImportRejected as exc:
        _finish(args, exc.report)
        raise
    report = outcome.report
    _finish(args, report)
    return EXIT_OK


def _finish(args: argparse.Namespace, report: ImportReport) -> None:
    if args.report_csv:
        _save_report(args.report_csv, report)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    out: Any = sys.stdout
    if report.written or (report.dry_run and report.ok):
        verb = "would add" if report.dry_run else "added"
        derived = ", ".join(f"{k}: {v}" for k, v in report.derived.items())
        target = report.case_code or "registry"
        print(
            f"{report.file} → {target} ({report.kind}, {report.encoding or 'excel'}): "
            f"{report.rows_read} rows read, {verb} {report.added}, "
            f"{report.skipped} already present" + (f"; {derived}" if derived else ""),
            file=out,
        )
        if report.dry_run:
            print("dry run: nothing was written", file=out)
    for line in report_lines(report):
        print(line, file=out)


def register(r: Registrar) -> None:
    _add_arguments(r.command("import", cmd_import, "import a CSV/Excel file into a case"))
