"""The brigade's statistics report: one or two A4 pages (reportlab, CJK font embedded).

Takes plain values (``StatsDocument``: texts already in the reader's language and units)
so it knows nothing of the database: the statistics service fills it. The figures
table, the drugs by type, a monthly bar chart against last year, the units, and the
definitions of every figure; the footer says "第 x 页 共 y 页".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from workbench.reports.fonts import FontChoice, cjk_font
from workbench.reports.pages import PackageCanvas, PageBook
from workbench.reports.styles import Styles, grid_style, make_styles

MARGIN = 16 * mm
BOTTOM = 18 * mm
THIS_COLOUR = colors.Color(0.16, 0.38, 0.67)
LAST_COLOUR = colors.Color(0.70, 0.74, 0.80)


@dataclass(frozen=True)
class StatsRow:
    label: str
    value: str
    last_year: str
    yoy: str
    indent: bool = False


@dataclass(frozen=True)
class MonthlyChart:
    title: str
    months: Sequence[str]
    this_year: Sequence[int]
    last_year: Sequence[int]
    this_label: str
    last_label: str


@dataclass(frozen=True)
class StatsDocument:
    lang: str
    title: str
    period_line: str  # "统计期 … ;去年同期 …"
    headers: tuple[str, str, str, str]  # figure, this period, same period last year, y/y
    rows: Sequence[StatsRow]
    drugs_title: str = ""
    drug_rows: Sequence[StatsRow] = ()
    chart: MonthlyChart | None = None
    units_title: str = ""
    unit_headers: Sequence[str] = ()
    unit_rows: Sequence[Sequence[str]] = ()
    definitions_title: str = ""
    definitions: Sequence[tuple[str, str]] = ()  # (figure, which date counts)
    notes: Sequence[str] = ()
    footer_left: str = ""
    footer_right: str = ""
    page_label: str = "第 {x} 页  共 {y} 页"
    creation_date: str = "D:20000101000000+00'00'"
    meta: dict[str, str] = field(default_factory=dict)


def _p(text: str, style: Any) -> Paragraph:
    return Paragraph(escape(text), style)


def _lines(text: str, style: Any) -> Paragraph:
    """A cell of several lines ("58\n+163.64%")."""
    return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), style)


def _figures_table(doc: StatsDocument, st: Styles, width: float) -> Table:
    head = [_p(h, st.cell) for h in doc.headers]
    sub = ParagraphStyle("sub_figure", parent=st.cell, leftIndent=12)
    body = [
        [
            _p(r.label, sub if r.indent else st.cell),
            _p(r.value, st.cell_right),
            _p(r.last_year, st.cell_right),
            _p(r.yoy, st.cell_right),
        ]
        for r in doc.rows
    ]
    table = Table(
        [head, *body],
        colWidths=[width * 0.40, width * 0.22, width * 0.22, width * 0.16],
        repeatRows=1,
    )
    table.setStyle(grid_style(st.font, right_cols=(1, 2, 3)))
    return table


def _chart(chart: MonthlyChart, font: str, width: float) -> Drawing:
    height = 150
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else the renderer selects Helvetica, unembedded
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 36, 34, width - 60, height - 62
    bars.data = [list(chart.this_year), list(chart.last_year)]
    bars.categoryAxis.categoryNames = list(chart.months)
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    top = max([*chart.this_year, *chart.last_year, 1])
    bars.valueAxis.valueMax = top * 1.15
    bars.valueAxis.valueStep = max(1, round(top / 4))
    bars.bars[0].fillColor = THIS_COLOUR
    bars.bars[1].fillColor = LAST_COLOUR
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 6
    bars.barLabelFormat = "%d"
    bars.barLabels.nudge = 6
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y = 40, 12
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.colorNamePairs = [(THIS_COLOUR, chart.this_label), (LAST_COLOUR, chart.last_label)]
    drawing.add(legend)
    drawing.add(String(0, height - 12, chart.title, fontName=font, fontSize=9))
    return drawing


def _story(doc: StatsDocument, st: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        _p(doc.title, st.h1),
        _p(doc.period_line, st.small),
        Spacer(1, 6),
        _figures_table(doc, st, width),
    ]
    if doc.drug_rows:
        drugs = [
            [_p(r.label, st.cell), _p(r.value, st.cell_right), _p(r.last_year, st.cell_right),
             _p(r.yoy, st.cell_right)]
            for r in doc.drug_rows
        ]  # fmt: skip
        table = Table(
            [[_p(h, st.cell) for h in doc.headers], *drugs],
            colWidths=[width * 0.40, width * 0.22, width * 0.22, width * 0.16],
        )
        table.setStyle(grid_style(st.font, right_cols=(1, 2, 3)))
        story += [Spacer(1, 6), KeepTogether([_p(doc.drugs_title, st.h2), table])]
    if doc.chart is not None:
        story += [Spacer(1, 6), _chart(doc.chart, st.font, width)]
    if doc.unit_rows:
        n = len(doc.unit_headers)
        first = width * 0.28
        widths = [first, *([(width - first) / max(n - 1, 1)] * (n - 1))]
        table = Table(
            [
                [_p(h, st.cell) for h in doc.unit_headers],
                *[
                    [
                        _p(c, st.cell) if i == 0 else _lines(c, st.cell_right)
                        for i, c in enumerate(row)
                    ]
                    for row in doc.unit_rows
                ],
            ],
            colWidths=widths,
            repeatRows=1,
        )
        table.setStyle(grid_style(st.font, right_cols=tuple(range(1, n))))
        story += [Spacer(1, 6), _p(doc.units_title, st.h2), table]
    if doc.definitions:
        story += [Spacer(1, 6), _p(doc.definitions_title, st.h2)]
        story += [_p(f"{name}:{text}", st.small) for name, text in doc.definitions]
    story += [Spacer(1, 4)] + [_p(note, st.small) for note in doc.notes]
    return story


def build_statistics_pdf(doc: StatsDocument, out: BinaryIO) -> tuple[int, FontChoice]:
    """Write the report to ``out``; returns the page count and the font used."""
    font = cjk_font()
    st = make_styles(font.name)
    book = PageBook(
        font=font.name,
        footer_left=doc.footer_left,
        footer_right=doc.footer_right,
        page_label=doc.page_label,
        creation_date=doc.creation_date,
    )
    width = A4[0] - 2 * MARGIN
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        title=doc.title,
        creator="Task Force Workbench",
        lang="zh-CN" if doc.lang.startswith("zh") else "en",
        initialFontName=font.name,
        **doc.meta,
    )
    frame = Frame(
        MARGIN,
        BOTTOM,
        width,
        A4[1] - MARGIN - BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate("portrait", [frame], pagesize=A4)])

    def canvasmaker(*args: Any, **kwargs: Any) -> PackageCanvas:
        return PackageCanvas(*args, book=book, **kwargs)

    template.build(_story(doc, st, width), canvasmaker=canvasmaker)
    return book.pages, font
