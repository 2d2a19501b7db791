"""Paragraph and table styles of the package, built for the chosen CJK font."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

BODY_SIZE = 9.5
TABLE_SIZE = 7.5
GRID = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.88, 0.90, 0.93)
TOTAL_FILL = colors.Color(0.95, 0.95, 0.95)
CELL_PADDING = 2.5
FIELD_SIZE = 8.5


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    marking: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    field: ParagraphStyle
    toc: ParagraphStyle
    toc_sub: ParagraphStyle


def make_styles(font: str) -> Styles:
    # CJK word wrap breaks between any two Chinese characters (there are no spaces).
    base = ParagraphStyle("base", fontName=font, fontSize=BODY_SIZE, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=base, fontSize=TABLE_SIZE, leading=9.2)
    return Styles(
        font=font,
        title=ParagraphStyle(
            "title", parent=base, fontSize=24, leading=32, alignment=TA_CENTER, spaceAfter=8
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=base, fontSize=12, leading=18, alignment=TA_CENTER
        ),
        marking=ParagraphStyle("marking", parent=base, fontSize=14, leading=18, alignment=TA_RIGHT),
        h1=ParagraphStyle("h1", parent=base, fontSize=15, leading=20, spaceBefore=4, spaceAfter=8),
        h2=ParagraphStyle(
            "h2", parent=base, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4
        ),
        body=ParagraphStyle("body", parent=base, spaceAfter=4, firstLineIndent=0),
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        field=ParagraphStyle("field", parent=base, fontSize=FIELD_SIZE, leading=11),
        toc=ParagraphStyle("toc", parent=base, fontSize=10.5, leading=15),
        toc_sub=ParagraphStyle("toc_sub", parent=base, fontSize=9, leading=12.5, leftIndent=18),
    )


def grid_style(font: str, *, header_rows: int = 1, right_cols: tuple[int, ...] = ()) -> TableStyle:
    """A bordered table: shaded repeated header, small font, numbers right-aligned."""
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, TABLE_SIZE, TABLE_SIZE + 1.7),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    for col in right_cols:
        commands.append(("ALIGN", (col, header_rows), (col, -1), "RIGHT"))
    return TableStyle(commands)


def field_style(font: str, label_cols: tuple[int, ...] = (0, 2)) -> TableStyle:
    """Label/value pairs (particulars, cover): label columns shaded."""
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, FIELD_SIZE, 11),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    commands += [("BACKGROUND", (col, 0), (col, -1), HEADER_FILL) for col in label_cols]
    return TableStyle(commands)
