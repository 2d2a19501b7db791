"""Ctrl+K: one box over every case (逢嫌必检 — where else does this person appear?).

Results come live from ``SearchService.search`` as the user types (after a short pause,
so a fast typist costs one query); choosing a hit asks the main window to open that
case on the right tab and select the record.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.services.casefile.search import SearchHit
from workbench.views.i18n import arg, current_language
from workbench.views.namesakes import identity_text

DEBOUNCE_MS = 180
LIMIT = 100
VIEW_FOR_ENTITY = {"person": "persons", "vehicle": "vehicles", "seizure": "seizures"}


class _Searcher(Protocol):
    def search(self, text: str, limit: int = ...) -> list[SearchHit]: ...


class SearchDialog(QDialog):
    """A search box with live hits; Enter or double-click emits ``hit_chosen(SearchHit)``."""

    hit_chosen = Signal(object)  # SearchHit

    def __init__(self, search: _Searcher | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self._search = search
        self._hits: list[SearchHit] = []
        self.setWindowTitle(self.tr("Search all cases"))
        self.resize(900, 480)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(
            self.tr("Name, alias, ID number, phone, plate, VIN or exhibit number")
        )
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.textChanged.connect(self._schedule)
        self.query_edit.returnPressed.connect(self.choose_current)
        self.query_edit.installEventFilter(self)

        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setHeaderLabels(
            [
                self.tr("Case"),
                self.tr("Type"),
                self.tr("Record"),
                self.tr("Born · ID number · role"),
                self.tr("Matched"),
                self.tr("Value"),
            ]
        )
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("M")
        # in ems: code, type, record, (identity), field
        for column, width in enumerate((10, 5, 8, 0, 6)):
            self.results.setColumnWidth(column, width * em)
        # what tells two 郭某 apart is read whole: as wide as a long example of it
        sample = "0000-00-00 · 0000************0X · 上线(供货人)"
        self.results.setColumnWidth(3, self.fontMetrics().horizontalAdvance(sample) + em)
        self.results.itemActivated.connect(
            lambda item, _col: self.choose(self.results.indexOfTopLevelItem(item))
        )

        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_label)
        self._show_status()

    # -- wiring --------------------------------------------------------------------

    def set_service(self, search: _Searcher | None) -> None:
        """A fresh service after each unlock (the old store is closed)."""
        self._search = search
        if search is None:
            self.clear_results()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def open_fresh(self) -> None:
        """Show, raise and focus the box with its text selected for retyping."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    # -- searching -----------------------------------------------------------------

    def _schedule(self) -> None:
        self._timer.start()

    def run_search(self) -> None:
        """Query now (the debounce timer calls this; tests may call it directly)."""
        self._timer.stop()
        text = self.query_edit.text().strip()
        if not text or self._search is None:
            self.clear_results()
            return
        try:
            hits = self._search.search(text, limit=LIMIT)
        except Exception as exc:  # a closed or failing store: say so, keep the dialog alive
            self.clear_results()
            self.status_label.setText(arg(self.tr("Search failed: %1"), exc))
            return
        self._fill(hits)

    def clear_results(self) -> None:
        self._hits = []
        self.results.clear()
        self._show_status()

    def _fill(self, hits: list[SearchHit]) -> None:
        self._hits = list(hits)
        self.results.clear()
        entities = self._entity_labels()
        fields = self._field_labels()
        items = []
        for hit in self._hits:
            identity = self.identity(hit)
            item = QTreeWidgetItem(
                [
                    hit.case_code,
                    entities.get(hit.entity, hit.entity),
                    hit.title,
                    identity,
                    fields.get(hit.field, hit.field),
                    hit.value,
                ]
            )
            item.setToolTip(2, hit.title)
            item.setToolTip(3, identity)
            items.append(item)
        self.results.addTopLevelItems(items)
        if items:
            self.results.setCurrentItem(items[0])
        self._show_status()

    def _show_status(self) -> None:
        text = self.query_edit.text().strip()
        if not text:
            self.status_label.setText(
                self.tr("Type to search every case. Enter opens the selected record.")
            )
        elif not self._hits:
            self.status_label.setText(self.tr("No matches."))
        elif len(self._hits) >= LIMIT:
            self.status_label.setText(
                arg(self.tr("The first %1 matches; type more to narrow them."), LIMIT)
            )
        else:
            cases = len({hit.case_code for hit in self._hits})
            self.status_label.setText(
                arg(
                    self.tr("%1 in %2."),
                    self.tr("%n match(es)", "", len(self._hits)),
                    self.tr("%n case(s)", "", cases),
                )
            )

    def identity(self, hit: SearchHit) -> str:
        """What tells two persons of one name apart: born, ID number (masked), role."""
        return identity_text(hit.birth_date, hit.id_masked, hit.role, current_language())

    def _entity_labels(self) -> dict[str, str]:
        return {
            "person": self.tr("Person"),
            "vehicle": self.tr("Vehicle"),
            "seizure": self.tr("Exhibit"),
        }

    def _field_labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "alias": self.tr("Alias"),
            "id_number": self.tr("ID number"),
            "phone": self.tr("Phone"),
            "plate": self.tr("Plate"),
            "vin": self.tr("VIN"),
            "exhibit_no": self.tr("Exhibit no."),
        }

    # -- choosing ------------------------------------------------------------------

    def choose(self, row: int) -> None:
        if 0 <= row < len(self._hits):
            hit = self._hits[row]
            self.hit_chosen.emit(hit)
            self.accept()

    def choose_current(self) -> None:
        if self._timer.isActive():  # Enter before the pause ended: search first
            self.run_search()
        row = self.results.indexOfTopLevelItem(self.results.currentItem())
        self.choose(row if row >= 0 else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the box move through the results without leaving the box."""
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self.results.topLevelItemCount():
                row = self.results.indexOfTopLevelItem(self.results.currentItem()) + step
                row = max(0, min(self.results.topLevelItemCount() - 1, row))
                self.results.setCurrentItem(self.results.topLevelItem(row))
                return True
        return super().eventFilter(watched, event)


def install_search(window: Any) -> QAction:
    """Add "Search all cases" (Ctrl+K) to ``window.tools_menu`` and wire the choice back.

    A chosen hit opens its case (``window.open_case``), shows the matching tab
    (``window.show_view``) and, when the window offers ``select_record(entity, id)``,
    selects the record. The dialog is closed whenever the window locks.
    """

    action = QAction(QCoreApplication.translate("SearchDialog", "&Search all cases…"), window)
    action.setObjectName("searchAction")
    action.setShortcut(QKeySequence("Ctrl+K"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip(
        QCoreApplication.translate(
            "SearchDialog", "Find a person, vehicle or exhibit in every case"
        )
    )
    window.tools_menu.addAction(action)
    window.addAction(action)  # the shortcut works even while the menu bar is hidden

    dialog = SearchDialog(None, window)
    window.search_dialog = dialog

    def open_dialog() -> None:
        # The shortcut lives on the window, so it fires even while the menus are
        # disabled: a locked window's closed store must not be queried (it would reopen).
        is_locked = getattr(window, "is_locked", None)
        services = getattr(window, "services", None)
        if services is None or (callable(is_locked) and is_locked()):
            return
        dialog.set_service(services.search)
        dialog.open_fresh()

    def chosen(hit: SearchHit) -> None:
        window.open_case(hit.case_code)
        window.show_view(VIEW_FOR_ENTITY.get(hit.entity, "overview"))
        select = getattr(window, "select_record", None)
        if callable(select):
            select(hit.entity, hit.record_id)

    def hide_on_lock() -> None:
        dialog.set_service(None)
        dialog.query_edit.clear()
        dialog.close()

    action.triggered.connect(open_dialog)
    dialog.hit_chosen.connect(chosen)
    locked = getattr(window, "locked", None)  # the window's signal, when it has one
    if locked is not None and hasattr(locked, "connect"):
        locked.connect(hide_on_lock)
    return action
