"""``export-pdf``: the prosecution package, written atomically and audited with its SHA-256."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.session import emit, signed_in


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from workbench.services.package.export import PackageService  # loads reportlab

    sections = [s.strip() for s in args.sections.split(",") if s.strip()] if args.sections else None
    with signed_in(args) as ctx:
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
    emit(
        args,
        data,
        lambda: (
            f"wrote {result.path} ({result.pages} pages, sha256 {result.sha256}); "
            f"{result.open_items} open items; audit entry {result.audit_seq}"
        ),
    )
    return EXIT_OK


def register(r: Registrar) -> None:
    pdf = r.command("export-pdf", cmd_export_pdf, "write the prosecution package (PDF), audited")
    pdf.add_argument("--case", required=True, help="case code")
    pdf.add_argument("--out", required=True, help="the PDF file to write")
    pdf.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    pdf.add_argument(
        "--redact", action="store_true", help="mask ID numbers, phones, addresses of non-suspects"
    )
    pdf.add_argument("--sections", help="comma-separated sections to include (default: all)")
