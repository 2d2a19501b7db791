"""The side table of who matters: a Qt item model over the service's MetricRow values.

Plain rows in, sorted in Python (a chart holds thousands of nodes, not millions); the
node id of a row is under ``NodeIdRole`` so selecting a row can select the node.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workbench.services.analysis.network_metrics import MetricRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("label", "kind", "degree", "betweenness", "closeness", "eigenvector", "community")
_NUMERIC = frozenset(COLUMNS[2:])


class MetricsModel(QAbstractTableModel):
    NodeIdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, kind_label: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[MetricRow] = []
        self._kind_label = kind_label
        self._sort: tuple[int, Qt.SortOrder] = (
            COLUMNS.index("degree"),
            Qt.SortOrder.DescendingOrder,
        )
        self._headers = {
            "label": self.tr("Node"),
            "kind": self.tr("Kind"),
            "degree": self.tr("Degree"),
            "betweenness": self.tr("Betweenness"),
            "closeness": self.tr("Closeness"),
            "eigenvector": self.tr("Eigenvector"),
            "community": self.tr("Community"),
        }

    def set_rows(self, rows: Sequence[MetricRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def rows(self) -> list[MetricRow]:
        return list(self._rows)

    def row_of(self, node_id: str) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == node_id:
                return i
        return None

    def node_id(self, row: int) -> str:
        return self._rows[row].id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def value(self, row: int, column: int) -> Any:
        """The raw value of a cell (what sorting compares)."""
        key = COLUMNS[column]
        record = self._rows[row]
        return self._kind_label(record.kind) if key == "kind" else getattr(record, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.value(index.row(), index.column())
            if key in ("betweenness", "closeness", "eigenvector"):
                return f"{value:.3f}"
            if key == "community":
                return str(value + 1)  # people count from 1
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SortRole:
            return self.value(index.row(), index.column())
        if role == self.NodeIdRole:
            return self._rows[index.row()].id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sort = (column, order)
        self._sort_rows()
        where = {row.id: i for i, row in enumerate(self._rows)}
        after = [self.index(where[n], i.column()) for n, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder

        def sort_key(row: MetricRow) -> Any:
            return self._kind_label(row.kind) if key == "kind" else getattr(row, key)

        # ties keep the label order, whichever way the column sorts
        self._rows.sort(key=lambda r: r.label)
        self._rows.sort(key=sort_key, reverse=descending)
