"""The case list dock: every case file on the database, filtered by text, status and level.

A database holds tens or hundreds of cases, not millions: the list is kept in memory and
filtered with a QSortFilterProxyModel; the case *contents* are what is paged from SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.casefile.cases import CaseRow
from workbench.views.i18n import arg

Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    CodeRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("code", "title", "level", "status", "persons", "suspects")

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[CaseRow] = []

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[CaseRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Code"),
            self.tr("Title"),
            self.tr("Level"),
            self.tr("Status"),
            self.tr("Persons"),
            self.tr("Suspects"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "level":
                return vocab.label(vocab.CASE_LEVELS, row.level, self.lang)
            if key == "status":
                return vocab.label(vocab.CASE_STATUSES, row.status, self.lang)
            if key == "title" and row.nickname:
                return f"{row.title} ({row.nickname})"
            return str(getattr(row, key))
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("persons", "suspects"):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == self.CodeRole:
            return row.code
        if role == Qt.ItemDataRole.UserRole:  # raw value, for sorting
            return getattr(row, key)
        return None


class CaseFilterProxy(QSortFilterProxyModel):
    """Text over code, title and nickname; exact status and level (None = any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self._text = ""
        self._status: str | None = None
        self._level: str | None = None

    def set_criteria(self, text: str, status: str | None, level: str | None) -> None:
        self.beginFilterChange()
        self._text, self._status, self._level = text.strip().casefold(), status, level
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CaseListModel):
            return True
        row = model.rows()[source_row]
        if self._status and row.status != self._status:
            return False
        if self._level and row.level != self._level:
            return False
        haystack = f"{row.code} {row.title} {row.nickname}".casefold()
        return all(word in haystack for word in self._text.split())


class CaseListDock(QDockWidget):
    """Lists the case files; activating one asks the window to open it."""

    case_activated = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_list_dock")
        self.setWindowTitle(self.tr("Case files"))
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.model = CaseListModel(lang, self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by code or title"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), None)
        for key in vocab.CASE_STATUSES:
            self.status_combo.addItem(vocab.label(vocab.CASE_STATUSES, key, lang), key)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("Any level"), None)
        for key in vocab.CASE_LEVELS:
            self.level_combo.addItem(vocab.label(vocab.CASE_LEVELS, key, lang), key)
        for combo in (self.status_combo, self.level_combo):  # narrow docks stay possible
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)

        self.view = QTableView()
        self.view.setObjectName("case_list")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        # A long title wraps onto a second line rather than ending in "…": the list is
        # tens or hundreds of cases, so measuring every row's height is cheap.
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the title takes whatever width the other columns leave
        header.setSectionResizeMode(
            CaseListModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
        )
        header.setStretchLastSection(False)
        for hidden in ("level", "persons"):
            self.view.setColumnHidden(CaseListModel.COLUMNS.index(hidden), True)
        self.view.viewport().installEventFilter(self)

        self.filter_edit.textChanged.connect(self._apply)
        self.status_combo.currentIndexChanged.connect(self._apply)
        self.level_combo.currentIndexChanged.connect(self._apply)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)

        combos = QHBoxLayout()
        combos.addWidget(self.status_combo, 1)
        combos.addWidget(self.level_combo, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addLayout(combos)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.setWidget(body)
        self._update_count()

    # Shown while the title keeps this many characters' width; a narrow dock drops them
    # (the last first) rather than pushing the title out of sight.
    OPTIONAL_COLUMNS = ("status", "suspects")
    TITLE_CHARS = 9

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        room = self.view.viewport().width()
        code = CaseListModel.COLUMNS.index("code")
        used = header.sectionSize(code) + self.fontMetrics().horizontalAdvance(
            "案" * self.TITLE_CHARS
        )
        for key in self.OPTIONAL_COLUMNS:
            column = CaseListModel.COLUMNS.index(key)
            width = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
            fits = used + width <= room
            if fits:
                used += width
            if self.view.isColumnHidden(column) == fits:
                self.view.setColumnHidden(column, not fits)

    def set_cases(self, rows: Sequence[CaseRow]) -> None:
        current = self.selected_code()
        self.model.set_rows(rows)
        self._update_count()
        self._fit_columns()
        if current:
            self.select(current)

    def clear(self) -> None:
        self.model.set_rows([])
        self._update_count()

    def select(self, code: str | None) -> None:
        """Highlight ``code`` without emitting case_activated."""
        self.view.clearSelection()
        if code is None:
            return
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CaseListModel.CodeRole) == code:
                self.view.selectRow(row)
                self.view.scrollTo(index)
                return

    def selected_code(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return str(rows[0].data(CaseListModel.CodeRole)) if rows else None

    def visible_codes(self) -> list[str]:
        return [
            str(self.proxy.index(r, 0).data(CaseListModel.CodeRole))
            for r in range(self.proxy.rowCount())
        ]

    def set_filter(
        self, text: str = "", status: str | None = None, level: str | None = None
    ) -> None:
        self.filter_edit.setText(text)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(level)))
        self._apply()

    def _apply(self) -> None:
        self.proxy.set_criteria(
            self.filter_edit.text(),
            self.status_combo.currentData(),
            self.level_combo.currentData(),
        )
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        suspects = sum(r.suspects for r in self.model.rows())
        self.count_label.setText(
            arg(self.tr("%1 of %2 case files, %3 suspects in all"), shown, total, suspects)
        )

    def _activated(self, index: QModelIndex) -> None:
        code = index.data(CaseListModel.CodeRole)
        if code:
            self.case_activated.emit(str(code))
