"""A tool button whose popup is a check list: several persons or kinds at once.

The popup stays open while boxes are ticked (a menu of checkable actions closes after
each click), has "All" and "None", and a filter box once the list is long (a case with
two hundred persons). ``changed`` is emitted with the chosen keys after every change;
``chosen()`` is None while everything is ticked (no filter).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

FILTER_FROM = 12  # items from which the popup offers a filter box
KEY_ROLE = Qt.ItemDataRole.UserRole


class CheckListButton(QToolButton):
    changed = Signal(object)  # set of keys, or None for all

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.popup = QMenu(self)
        panel = QWidget()
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter"))
        self.filter_edit.textChanged.connect(self._filter)
        self.all_button = QPushButton(self.tr("All"))
        self.none_button = QPushButton(self.tr("None"))
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        self.list = QListWidget()
        self.list.setMinimumWidth(220)
        self.list.itemChanged.connect(lambda _item: self._emit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        action = QWidgetAction(self.popup)
        action.setDefaultWidget(panel)
        self.popup.addAction(action)
        self.setMenu(self.popup)
        self._update_text()

    def set_items(self, items: Sequence[tuple[Hashable, str]], off: set[Hashable]) -> None:
        """Show ``items`` (key, label), ticked unless their key is in ``off``."""
        self.list.blockSignals(True)
        self.list.clear()
        for key, label in items:
            item = QListWidgetItem(label)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if key in off else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        long_list = len(items) >= FILTER_FROM
        self.filter_edit.setVisible(long_list)
        if not long_list:
            self.filter_edit.clear()
        rows = min(len(items), 14)
        self.list.setFixedHeight(max(rows, 1) * (self.list.sizeHintForRow(0) or 20) + 6)
        self._update_text()

    def item_keys(self) -> list[Hashable]:
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def chosen(self) -> set[Hashable] | None:
        """The ticked keys; None when every item is ticked (nothing filtered)."""
        ticked = {
            self.list.item(i).data(KEY_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        }
        return None if len(ticked) == self.list.count() else ticked

    def set_chosen(self, keys: set[Hashable] | None) -> None:
        """Tick exactly ``keys`` (None: all) and emit ``changed`` once."""
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = keys is None or item.data(KEY_ROLE) in keys
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._emit()

    def set_all(self, on: bool) -> None:
        """Tick (or untick) every item the filter shows."""
        self.list.blockSignals(True)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not item.isHidden():
                item.setCheckState(state)
        self.list.blockSignals(False)
        self._emit()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _emit(self) -> None:
        self._update_text()
        self.changed.emit(self.chosen())

    def _update_text(self) -> None:
        chosen = self.chosen()
        total = self.list.count()
        if chosen is None:
            self.setText(self._caption)
        else:
            self.setText(f"{self._caption} ({len(chosen)}/{total})")
