"""The statistics as a spreadsheet (.xlsx, openpyxl) and as a 1–2 page PDF report.

Both hold the figures of one period beside the same period last year with the y/y
change, the drugs by type, the monthly series of one figure, the units when asked, and
the definitions. Files are written under a temporary name and renamed (a failure leaves
nothing), readable by the owner only; each export is one audit entry with the file's
SHA-256, as the prosecution package's are.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from workbench.domain import vocab
from workbench.domain.periods import format_yoy
from workbench.domain.quantities import fen_to_yuan, format_grams, mg_to_grams
from workbench.reports.formatting import money
from workbench.reports.statistics import MonthlyChart, StatsDocument, StatsRow
from workbench.reports.statistics import build_statistics_pdf as _build_pdf
from workbench.services.core.context import Context
from workbench.services.core.unit_of_work import unit_of_work
from workbench.services.statistics.definitions import FIGURES, figure
from workbench.services.statistics.figures import FigureValue, MonthBar, StatsReport

_T: dict[str, tuple[str, str]] = {
    "title": ("禁毒工作统计", "Narcotics work statistics"),
    "period": (
        "统计期 {a} 至 {b};去年同期 {c} 至 {d}",
        "Period {a} to {b}; same period last year {c} to {d}",
    ),
    "figure": ("指标", "Figure"),
    "this": ("本期", "This period"),
    "last": ("去年同期", "Same period last year"),
    "yoy": ("同比", "Year on year"),
    "drugs": ("缴获毒品(按种类)", "Drugs seized by type"),
    "units": ("分单位", "By unit"),
    "no_unit": ("(未填单位)", "(no unit)"),
    "monthly": ("{f}:按月,本期与去年同期", "{f} by month, this period and last year"),
    "definitions": (
        "统计口径(哪一日期将记录计入统计期)",
        "Definitions (which date puts a record in a period)",
    ),
    "computed": (
        "按 {at} 数据库中的记录计算;规则 {p};时区 {z}。",
        "Computed from the records at {at}; rules {p}; time zone {z}.",
    ),
    "sheet_figures": ("统计", "Figures"),
    "sheet_drugs": ("毒品种类", "Drugs"),
    "sheet_units": ("分单位", "Units"),
    "sheet_monthly": ("按月", "Monthly"),
    "definition": ("口径", "Definition"),
    "unit_col": ("单位", "Unit"),
    "month": ("月份", "Month"),
    "grams": ("克", "g"),
    "yuan": ("元", "yuan"),
}


def text(key: str, lang: str, **fields: object) -> str:
    zh, en = _T[key]
    return (zh if lang.startswith("zh") else en).format(**fields)


def shown(value: int | Decimal, unit: str, lang: str) -> str:
    """A value as the reader sees it: counts plain, weights in grams, money in yuan."""
    if unit == "grams":
        grams = format_grams(value) if isinstance(value, int) else format(value.normalize(), "f")
        return f"{grams} {text('grams', lang)}"
    if unit == "yuan":  # grouped as the package writes money: "4,177,656.00"
        return f"{money(int(value))} {text('yuan', lang)}"
    return str(int(value))


def cell_value(value: int | Decimal, unit: str) -> int | Decimal:
    """A value for a spreadsheet cell: a number in the unit the header names."""
    if unit == "grams":
        return mg_to_grams(value) if isinstance(value, int) else value
    if unit == "yuan":
        return fen_to_yuan(int(value))
    return int(value)


def _heading(f: Any, lang: str) -> str:
    unit = {"grams": text("grams", lang), "yuan": text("yuan", lang)}.get(f.unit)
    return f"{f.label(lang)}({unit})" if unit else f.label(lang)


def statistics_document(
    report: StatsReport, lang: str, monthly: tuple[str, Sequence[MonthBar]] | None = None
) -> StatsDocument:
    """The report in the reader's language and units, for the PDF."""

    def row(v: FigureValue, label: str, unit: str, indent: bool = False) -> StatsRow:
        return StatsRow(
            label,
            shown(v.value, unit, lang),
            shown(v.last_year, unit, lang),
            format_yoy(v.yoy_percent),
            indent,
        )

    rows = [row(report.figures[f.key], f.label(lang), f.unit, bool(f.parent)) for f in FIGURES]
    drugs = [row(v, vocab.label(vocab.DRUGS, k, lang), "grams") for k, v in report.drugs.items()]
    chart = None
    if monthly is not None:
        key, bars = monthly
        chart = MonthlyChart(
            text("monthly", lang, f=figure(key).label(lang)),
            [f"{b.period.first:%Y-%m}" for b in bars],
            [b.value for b in bars],
            [b.last_year for b in bars],
            text("this", lang),
            text("last", lang),
        )
    headers, unit_rows = _unit_table(report, lang)
    p, q = report.period, report.last_period
    at = (
        report.computed_at.astimezone(ZoneInfo(report.zone)).strftime("%Y-%m-%d %H:%M")
        if report.computed_at
        else ""
    )
    return StatsDocument(
        lang=lang,
        title=text("title", lang),
        period_line=text("period", lang, a=p.first, b=p.last, c=q.first, d=q.last),
        headers=(text("figure", lang), text("this", lang), text("last", lang), text("yoy", lang)),
        rows=rows,
        drugs_title=text("drugs", lang),
        drug_rows=drugs,
        chart=chart,
        units_title=text("units", lang),
        unit_headers=headers,
        unit_rows=unit_rows,
        definitions_title=text("definitions", lang),
        definitions=[(f.label(lang), f.definition(lang)) for f in FIGURES],
        notes=[text("computed", lang, at=at, p=report.profile_label, z=report.zone)],
        footer_left=text("title", lang),
        page_label="第 {x} 页  共 {y} 页" if lang.startswith("zh") else "Page {x} of {y}",
        creation_date=_pdf_date(report),
    )


# The units table shows the figures a unit is ranked on (counts, no weights).
_UNIT_FIGURES = (
    "cases_solved",
    "criminally_detained",
    "prosecuted",
    "user_findings",
    "newly_found",
    "compulsory_isolation",
    "community_rehab",
    "administrative_detention",
)


def _unit_table(report: StatsReport, lang: str) -> tuple[list[str], list[list[str]]]:
    if not report.by_unit:
        return [], []
    headers = [text("unit_col", lang), *(figure(k).label(lang) for k in _UNIT_FIGURES)]
    rows = []
    for unit, values in report.by_unit.items():
        cells = [unit or text("no_unit", lang)]
        for key in _UNIT_FIGURES:
            v = values.get(key)
            cells.append("0\n—" if v is None else f"{v.value}\n{format_yoy(v.yoy_percent)}")
        rows.append(cells)
    return headers, rows


def _pdf_date(report: StatsReport) -> str:
    if report.computed_at is None:
        return "D:20000101000000+00'00'"
    return f"D:{report.computed_at:%Y%m%d%H%M%S}+00'00'"


def build_workbook(
    report: StatsReport, lang: str, monthly: tuple[str, Sequence[MonthBar]] | None = None
) -> Workbook:
    """Numbers as numbers (grams, yuan, counts; y/y in percent), headers with units."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = text("sheet_figures", lang)
    p, q = report.period, report.last_period
    sheet.append([text("period", lang, a=p.first, b=p.last, c=q.first, d=q.last)])
    header = [text("figure", lang), text("this", lang), text("last", lang)]
    sheet.append([*header, f"{text('yoy', lang)} (%)", text("definition", lang)])
    for f in FIGURES:
        v = report.figures[f.key]
        label = ("    " if f.parent else "") + _heading(f, lang)
        sheet.append(
            [
                label,
                cell_value(v.value, f.unit),
                cell_value(v.last_year, f.unit),
                v.yoy_percent,
                f.definition(lang),
            ]
        )
    _style(sheet, widths=(34, 16, 16, 12, 90))
    drugs = book.create_sheet(text("sheet_drugs", lang))
    drugs.append([text("figure", lang), *header[1:], f"{text('yoy', lang)} (%)"])
    for key, v in report.drugs.items():
        label = f"{vocab.label(vocab.DRUGS, key, lang)}({text('grams', lang)})"
        drugs.append(
            [label, mg_to_grams(int(v.value)), mg_to_grams(int(v.last_year)), v.yoy_percent]
        )
    _style(drugs, widths=(30, 16, 16, 12), first_row_header=True)
    if report.by_unit:
        _unit_sheet(book, report, lang)
    if monthly is not None:
        key, bars = monthly
        months = book.create_sheet(text("sheet_monthly", lang))
        months.append([figure(key).label(lang)])
        months.append([text("month", lang), text("this", lang), text("last", lang)])
        for bar in bars:
            months.append([f"{bar.period.first:%Y-%m}", bar.value, bar.last_year])
        _style(months, widths=(14, 12, 12))
    return book


def _unit_sheet(book: Workbook, report: StatsReport, lang: str) -> None:
    sheet = book.create_sheet(text("sheet_units", lang))
    keys = [f for f in FIGURES if f.key != "heroin_equivalent"]
    sheet.append(
        [
            text("unit_col", lang),
            *(f"{_heading(f, lang)} {text('this', lang)}" for f in keys),
            *(f"{_heading(f, lang)} {text('last', lang)}" for f in keys),
        ]
    )
    for unit, values in report.by_unit.items():
        this = [cell_value(values[f.key].value, f.unit) if f.key in values else 0 for f in keys]
        last = [cell_value(values[f.key].last_year, f.unit) if f.key in values else 0 for f in keys]
        sheet.append([unit or text("no_unit", lang), *this, *last])
    _style(sheet, widths=(28,), first_row_header=True)


def _style(sheet: Any, widths: Sequence[int], *, first_row_header: bool = False) -> None:
    header_row = 1 if first_row_header else 2
    fill = PatternFill("solid", fgColor="E0E6EE")
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)


class StatisticsExport:
    """Writes the files and audits each export."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def xlsx(
        self,
        report: StatsReport,
        path: Path,
        lang: str,
        monthly: tuple[str, Sequence[MonthBar]] | None = None,
    ) -> str:
        book = build_workbook(report, lang, monthly)
        return self._write(path, lambda out: book.save(out), report, "xlsx")

    def pdf(
        self,
        report: StatsReport,
        path: Path,
        lang: str,
        monthly: tuple[str, Sequence[MonthBar]] | None = None,
    ) -> tuple[str, int]:
        document = statistics_document(report, lang, monthly)
        pages: list[int] = []

        def write(out: BinaryIO) -> None:
            count, _font = _build_pdf(document, out)
            pages.append(count)

        digest = self._write(path, write, report, "pdf")
        return digest, pages[0]

    def _write(
        self, path: Path, write: Callable[[BinaryIO], object], report: StatsReport, kind: str
    ) -> str:
        """Temporary file beside the target, 0600, renamed into place; then audited."""
        path = Path(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        tmp = Path(tmp_name)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "wb") as out:
                write(out)
            digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
            with unit_of_work(self.ctx) as uow:
                uow.audit(
                    "export",
                    "statistics",
                    None,
                    None,
                    {
                        "file": path.name,
                        "format": kind,
                        "sha256": digest,
                        "period": [report.period.first, report.period.last],
                    },
                )
                os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return digest
