"""Keyboard paths through the window: Ctrl+F to the filter, Ctrl+Tab between tabs.

The actions sit in the View menu (so they are discoverable and carry their shortcut in
the menu) and on the window (so they work wherever the focus is, the case list too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from workbench.views.case_view import TAB_TABLES

if TYPE_CHECKING:
    from workbench.views.main_window import MainWindow


class KeyboardController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.find_action = self._action(
            QCoreApplication.translate("Keyboard", "&Find in table"),
            "action_find",
            [QKeySequence("Ctrl+F")],
            self.focus_filter,
        )
        self.next_tab_action = self._action(
            QCoreApplication.translate("Keyboard", "Ne&xt tab"),
            "action_next_tab",
            [QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")],
            lambda: self.step_tab(1),
        )
        self.previous_tab_action = self._action(
            QCoreApplication.translate("Keyboard", "Pre&vious tab"),
            "action_previous_tab",
            [QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")],
            lambda: self.step_tab(-1),
        )
        menu = window.view_menu
        menu.insertActions(
            menu.actions()[0] if menu.actions() else None,
            [self.find_action, self.next_tab_action, self.previous_tab_action],
        )
        menu.insertSeparator(menu.actions()[3] if len(menu.actions()) > 3 else None)

    def _action(self, text: str, name: str, keys: list[QKeySequence], slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)
        return action

    def filter_edit(self) -> QLineEdit:
        """The filter Ctrl+F goes to: the current table's, else the case list's."""
        window = self.window
        view = window.case_view
        if window.current_case_code() is not None and view.current_view() in TAB_TABLES:
            return view.record_table(view.current_entity()).filter_edit
        return window.case_list.filter_edit

    def focus_filter(self) -> None:
        if self.window.is_locked():
            return
        edit = self.filter_edit()
        if edit is self.window.case_list.filter_edit and not self.window.case_list.isVisible():
            self.window.case_list.show()
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def step_tab(self, step: int) -> None:
        """The next (1) or previous (-1) tab of the open case, wrapping around."""
        view = self.window.case_view
        if self.window.is_locked() or self.window.current_case_code() is None:
            return
        count = view.count()
        if count:
            view.setCurrentIndex((view.currentIndex() + step) % count)


def install_keyboard(window: MainWindow) -> KeyboardController:
    controller = KeyboardController(window)
    window.keyboard = controller  # type: ignore[attr-defined]
    return controller
