"""``import``: one file into one case, all or nothing (exit 5 on rejected rows)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.cli.base import EXIT_OK, Registrar, UsageError
from workbench.cli.session import lang, signed_in
from workbench.domain.coded_messages import coded_message
from workbench.importers.csvsafe import write_csv
from workbench.importers.errors import ImportFileError
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
        help="language of the reasons a file or its rows are refused (default: the locale)",
    )


def _zh(language: str) -> bool:
    return language.startswith("zh")


def report_lines(report: ImportReport, language: str = "en") -> list[str]:
    zh = _zh(language)
    lines = []
    if report.errors:
        if zh:
            lines.append("拒收(仅列出前 1000 处)：" if report.errors_truncated else "拒收：")
        else:
            lines.append(f"rejected{' (first 1000 shown)' if report.errors_truncated else ''}:")
        lines += [f"  {issue.said(language)}" for issue in report.errors]
    if report.warnings:
        lines.append("警告：" if zh else "warnings:")
        lines += [f"  {issue.said(language)}" for issue in report.warnings]
    return lines


_DERIVED_ZH = {
    "links": "生成关联",
    "numbers_matched": "匹配到人员的号码",
    "accounts_matched": "匹配到人员的账户",
}
_DERIVED_EN = {
    "links": "links made",
    "numbers_matched": "numbers matched to persons",
    "accounts_matched": "accounts matched to persons",
}


def summary_line(report: ImportReport, language: str) -> str:
    """What was (or would be) written, in the user's words."""
    target = report.case_code or ("登记库" if _zh(language) else "registry")
    encoding = report.encoding or "Excel"
    if _zh(language):
        verb = "可导入" if report.dry_run else "导入"
        derived = "；".join(f"{_DERIVED_ZH.get(k, k)} {v}" for k, v in report.derived.items())
        return (
            f"{report.file} → {target}({_kind_label(report.kind, language)}，{encoding})："
            f"读取 {report.rows_read} 行，{verb} {report.added} 行，"
            f"{report.skipped} 行已存在" + (f"；{derived}" if derived else "")
        )
    verb = "would add" if report.dry_run else "added"
    derived = ", ".join(f"{_DERIVED_EN.get(k, k)}: {v}" for k, v in report.derived.items())
    return (
        f"{report.file} → {target} ({report.kind}, {encoding}): "
        f"{report.rows_read} rows read, {verb} {report.added}, "
        f"{report.skipped} already present" + (f"; {derived}" if derived else "")
    )


def _kind_label(kind: str, language: str) -> str:
    found = KINDS.get(kind)
    return kind if found is None else found.label(language)


def _save_report(path: str, report: ImportReport, language: str) -> None:
    zh = _zh(language)
    severity = {"error": "错误", "warning": "警告"} if zh else {}
    rows = [
        (
            severity.get(i.severity, i.severity),
            "" if i.line is None else i.line,
            i.column,
            coded_message(i.code, i.params, i.message, language),
        )
        for i in [*report.errors, *report.warnings]
    ]
    header = ("类别", "行", "列", "原因") if zh else ("severity", "line", "column", "reason")
    write_csv(path, header, rows)


def cmd_import(args: argparse.Namespace) -> int:
    mapping = None
    if args.mapping:
        try:
            mapping = load_mapping_file(args.mapping, args.kind)
        except ImportFileError as exc:
            raise UsageError(exc.message(lang(args))) from None
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
    language = lang(args)
    if args.report_csv:
        _save_report(args.report_csv, report, language)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    out: Any = sys.stdout
    if report.written or (report.dry_run and report.ok):
        print(summary_line(report, language), file=out)
        if report.dry_run:
            print("试运行：未写入任何内容" if _zh(language) else "dry run: nothing was written")
    for line in report_lines(report, language):
        print(line, file=out)


def register(r: Registrar) -> None:
    _add_arguments(r.command("import", cmd_import, "import a CSV/Excel file into a case"))
