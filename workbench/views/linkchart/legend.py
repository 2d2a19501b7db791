"""The chart's legend: what each colour, shape, line and mark means, for what is drawn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workbench.domain import vocab
from workbench.reports.chart_style import NODE_STYLE, ROLE_COLOURS
from workbench.services.analysis.network_data import GraphData
from workbench.views.linkchart import style

ICON = 22


def _icon(draw: Callable[[QPainter], None]) -> QIcon:
    pixmap = QPixmap(ICON, ICON)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(ICON / 2, ICON / 2)
    try:
        draw(painter)
    finally:
        painter.end()
    return QIcon(pixmap)


def _shape(kind: str, fill: QColor, edge: QPen | None = None) -> QIcon:
    def draw(p: QPainter) -> None:
        p.setPen(edge or QPen(QColor("white"), 1))
        p.setBrush(fill)
        p.drawPath(style.shape_path(kind, 7.0))

    return _icon(draw)


def _line(colour: QColor, dashed: bool = False) -> QIcon:
    def draw(p: QPainter) -> None:
        pen = QPen(colour, 2.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        p.setPen(pen)
        p.drawLine(QPointF(-9, 0), QPointF(9, 0))

    return _icon(draw)


def _ring(colour: QColor, dashed: bool) -> QIcon:
    def draw(p: QPainter) -> None:
        p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
        p.setBrush(QColor("#bdbdbd") if not dashed else Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(0, 0), 7, 7)

    return _icon(draw)


def _badge(colour: QColor) -> QIcon:
    def draw(p: QPainter) -> None:
        p.setPen(QPen(QColor("white"), 1))
        p.setBrush(colour)
        p.drawEllipse(QPointF(0, 0), 5, 5)

    return _icon(draw)


class Legend(QListWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkchart_legend")
        self.lang = lang
        self.setIconSize(QSize(ICON, ICON))
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)

    def _add(self, icon: QIcon, text: str) -> None:
        self.addItem(QListWidgetItem(icon, text))

    def fill(self, graph: GraphData) -> None:
        """Entries for the roles, kinds, link kinds and marks present in ``graph``."""
        self.clear()
        lang = self.lang
        roles = {n.role for n in graph.nodes if n.kind == "person"}
        for role in vocab.PARTY_ROLES:
            if role in roles:
                self._add(_shape("person", style.colour(ROLE_COLOURS[role])),
                          vocab.label(vocab.PARTY_ROLES, role, lang))  # fmt: skip
        for kind in graph.kinds_present():
            if kind != "person":
                self._add(_shape(kind, style.colour(NODE_STYLE[kind][0])),
                          vocab.label(vocab.NODE_KINDS, kind, lang))  # fmt: skip
        for kind in graph.link_kinds_present():
            self._add(
                _line(style.link_colour(kind)), vocab.label(vocab.CHART_LINK_KINDS, kind, lang)
            )
        if any(n.suspect for n in graph.nodes):
            self._add(
                _shape("person", QColor("#bdbdbd"), QPen(style.SUSPECT, 2.5)),
                self.tr("Suspect (dark outline)"),
            )
        if any(n.status in style.IN_CUSTODY for n in graph.nodes if n.kind == "person"):
            self._add(_badge(style.ARRESTED), self.tr("In custody (bars, lower right)"))
        if any(n.status == "at_large" for n in graph.nodes if n.kind == "person"):
            self._add(_ring(style.AT_LARGE_RING, True), self.tr("At large (red dashed ring)"))
        if any(k.weak for k in graph.links):
            self._add(_line(QColor("#555555"), dashed=True), self.tr("Statements only (dashed)"))
        if any(n.case_code and n.case_code != graph.case_code for n in graph.nodes):
            self._add(_badge(style.OTHER_CASE), self.tr("From another case file (brown badge)"))
        self._add(_badge(style.PIN), self.tr("Pinned (grey badge, upper left)"))
