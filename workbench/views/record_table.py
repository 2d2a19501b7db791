"""One table of a case: a filter box, a row count and a QTableView on a RecordTableModel.

The view is tuned for very long lazy tables: fixed row heights (no per-row measuring),
column widths fitted once from the first page, sorting through the model (SQL).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.views.table_model import RecordTableModel

FILTER_DELAY_MS = 250
MAX_FIT_WIDTH = 320
FIT_ROWS = 40  # the rows a first screen shows
CELL_PADDING = 12  # the item view's text margins and grid line


class RecordTable(QWidget):
    def __init__(
        self, model: RecordTableModel, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._fitted = False

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter: words to find in any text column"))
        self.filter_edit.setObjectName(f"filter_{model.entity}")
        self.count_label = QLabel()
        self.count_label.setObjectName(f"count_{model.entity}")

        self.view = QTableView()
        self.view.setObjectName(f"table_{model.entity}")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(100)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the table's own order
        self.view.setSortingEnabled(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        model.total_changed.connect(self._update_count)
        model.modelReset.connect(self._fit_columns)

        top = QHBoxLayout()
        if title:
            heading = QLabel(f"<b>{title}</b>")
            top.addWidget(heading)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._update_count(model.total())

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.filter_edit.text())

    def _update_count(self, total: int) -> None:
        if self.model.filter_text():
            self.count_label.setText(self.tr("%n matching row(s)", "", total))
        else:
            self.count_label.setText(self.tr("%n row(s)", "", total))

    def _fit_columns(self) -> None:
        """Fit widths to the first rows once; later reloads keep the user's widths.

        Measured from the display text alone: Qt's resizeColumnsToContents asks the
        delegate for every role of a hundred rows, a third of the time a case takes to open.
        """
        if self._fitted or self.model.rowCount() == 0:
            return
        self._fitted = True
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        rows = min(self.model.rowCount(), FIT_ROWS)
        for column in range(self.model.columnCount()):
            texts = (self.model.data(self.model.index(row, column)) for row in range(rows))
            widest = max((metrics.horizontalAdvance(str(t)) for t in texts if t), default=0)
            width = max(widest + CELL_PADDING, header.sectionSizeHint(column))
            header.resizeSection(column, min(width, MAX_FIT_WIDTH))

    def refit(self) -> None:
        self._fitted = False
        self._fit_columns()
