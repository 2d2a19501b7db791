"""Read-only tables of plain values (the registry and statistics windows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

OVERDUE = "#b00020"
DONE = "#5f6b7a"


def table(headers: Sequence[str]) -> QTableWidget:
    """Whole-row selection, one row at a time, nothing edited in place."""
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(list(headers))
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(24)
    widget.setAlternatingRowColors(True)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return widget


def cell(
    text: str, data: Any = None, *, right: bool = False, colour: str = "", tip: str = ""
) -> QTableWidgetItem:
    """A read-only cell; ``data`` (a record id) rides in the user role."""
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour:
        from PySide6.QtGui import QBrush, QColor

        item.setForeground(QBrush(QColor(colour)))
    if tip:
        item.setToolTip(tip)
    return item
