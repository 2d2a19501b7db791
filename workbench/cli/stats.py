"""``stats``: a period's brigade figures beside the same period last year (and exports).

``--json`` gives one key per figure with ``value``, ``last_year`` and ``yoy_percent``;
weights are grams and money yuan, as exact decimal strings.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from workbench.cli.base import EXIT_OK, Registrar, UsageError
from workbench.cli.columns import cells, fit
from workbench.cli.session import emit, lang, signed_in
from workbench.domain import periods, vocab
from workbench.domain.errors import DomainError
from workbench.services.statistics.definitions import FIGURES, figure
from workbench.services.statistics.figures import StatisticsService, StatsReport, as_json


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def period_of(args: argparse.Namespace) -> periods.Period:
    try:
        return periods.custom(_day(args.from_, "--from"), _day(args.to, "--to"))
    except DomainError as exc:
        raise UsageError(f"--from/--to: {exc.message}") from None


def _text(report: StatsReport, language: str) -> str:
    from workbench.services.statistics.export import shown  # loads openpyxl and reportlab

    p, q = report.period, report.last_period
    zh = language.startswith("zh")
    head = (
        f"统计期 {p.first} 至 {p.last}(去年同期 {q.first} 至 {q.last})"
        if zh
        else f"{p.first} to {p.last} (same period last year {q.first} to {q.last})"
    )
    rows: list[tuple[str, str, str, str]] = []

    def add(label: str, unit: str, v: Any) -> None:
        value, last = shown(v.value, unit, language), shown(v.last_year, unit, language)
        rows.append((label, value, last, periods.format_yoy(v.yoy_percent)))

    for f in FIGURES:
        add(("  " if f.parent else "") + f.label(language), f.unit, report.figures[f.key])
    for drug, v in report.drugs.items():
        add("    " + vocab.label(vocab.DRUGS, drug, language), "grams", v)
    for unit, values in report.by_unit.items():
        rows.append((f"[{unit or '—'}]", "", "", ""))
        for key, v in values.items():
            add("  " + figure(key).label(language), figure(key).unit, v)
    width = max(cells(r[0]) for r in rows) + 2
    lines = [head]
    for label, value, last, yoy in rows:
        if not value:
            lines.append(f"  {label}")
            continue
        lines.append(f"  {fit(label, width)}{fit(value, 18, '>')} {fit(last, 18, '>')} {yoy:>10}")
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    period = period_of(args)
    language = args.lang or lang()
    chart = args.chart
    if chart is not None and (chart not in {f.key for f in FIGURES} or not figure(chart).chart):
        raise UsageError(f"--chart: no monthly series for {chart!r}")
    with signed_in(args) as ctx:
        service = StatisticsService(ctx)
        report = service.report(period, by_unit=args.by_unit)
        monthly = (chart or "user_findings", service.monthly(chart or "user_findings", period))
        written: dict[str, str] = {}
        if args.xlsx or args.pdf:
            from workbench.services.statistics.export import StatisticsExport  # openpyxl …

            exports = StatisticsExport(ctx)
        if args.xlsx:
            written[str(args.xlsx)] = exports.xlsx(report, Path(args.xlsx), language, monthly)
        if args.pdf:
            written[str(args.pdf)] = exports.pdf(report, Path(args.pdf), language, monthly)[0]
    data = as_json(report)
    if written:
        data["written"] = {path: {"sha256": digest} for path, digest in written.items()}
    emit(args, data, lambda: _text(report, language))
    return EXIT_OK


def register(r: Registrar) -> None:
    p = r.command("stats", cmd_stats, "brigade figures for a period, with last year and y/y")
    p.add_argument("--from", dest="from_", required=True, metavar="DATE", help="first day")
    p.add_argument("--to", required=True, metavar="DATE", help="last day (included)")
    p.add_argument("--by-unit", action="store_true", help="break every figure down by unit")
    p.add_argument("--xlsx", metavar="PATH", help="also write the figures as a spreadsheet")
    p.add_argument("--pdf", metavar="PATH", help="also write a 1-2 page PDF report")
    p.add_argument("--chart", metavar="FIGURE", help="the figure charted by month (exports)")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="language of text and exports")
