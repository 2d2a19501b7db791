"""Colours and marker shapes per kind: stable, so a kind looks the same in every case."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workbench.reports.timeline_chart import EVENT_STYLE, MEASURE_COLOURS

# A categorical palette readable on white (Tableau 20, darker half first).
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39",
    "#7b4173", "#3182bd", "#e6550d",
)  # fmt: skip
SYMBOLS = ("o", "s", "t", "d", "star", "p", "h", "t1", "+", "x", "t2", "t3")

# The same colours and shapes as the PDF chart's (one table, Qt-free, in reports).

AUDIT_STYLE: dict[str, tuple[str, str]] = {
    "create": ("#2ca02c", "o"),
    "update": ("#1f77b4", "d"),
    "delete": ("#d62728", "x"),
    "restore": ("#9467bd", "t"),
    "bulk_create": ("#17becf", "s"),
    "export": ("#ff7f0e", "star"),
    "login": ("#7f7f7f", "t1"),
    "login_failure": ("#d62728", "star"),
}

UNCERTAIN_ALPHA = 70
SPAN_ALPHA = 150
MEASURE_ALPHA = 110
OVERDUE = QColor("#d62728")
DUE = QColor("#ff7f0e")
TODAY = QColor("#1f77b4")
EVENTS_PER_DAY = QColor("#5b7fa8")
CALLS = QColor("#e6a23c")  # calls per day, beside the events per day
HIGHLIGHT = QColor("#000000")


def event_style(kind: str, index: int) -> tuple[QColor, str]:
    colour, symbol = EVENT_STYLE.get(kind, (PALETTE[index % len(PALETTE)], SYMBOLS[index % 12]))
    return QColor(colour), symbol


def audit_style(action: str, index: int) -> tuple[QColor, str]:
    colour, symbol = AUDIT_STYLE.get(action, (PALETTE[index % len(PALETTE)], SYMBOLS[index % 12]))
    return QColor(colour), symbol


def measure_colour(kind: str) -> QColor:
    return QColor(MEASURE_COLOURS.get(kind, "#c7c7c7"))


def with_alpha(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c
