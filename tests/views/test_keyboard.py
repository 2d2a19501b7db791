"""Locking and the keyboard, on the real window over a copy of the demo database.

While locked nothing can be created or exported; Ctrl+F reaches the table filter,
Ctrl+Tab / Ctrl+Shift+Tab move between tabs, no menu or dialog repeats a mnemonic (in
English and in Chinese), and Escape on an edited form asks before discarding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE, WINDOW_SIZE
from workbench.app import build_window
from workbench.services.core.context import Context
from workbench.views.forms import FORMS, RecordForm
from workbench.views.forms.editors import TextEditor
from workbench.views.i18n import install_translators, remove_translators
from workbench.views.main_window import MainWindow

# What may still be used while locked: the File menu itself and Quit.
USABLE_WHILE_LOCKED = {"action_quit"}


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QCoreApplication) -> Iterator[str]:
    lang = str(request.param)
    install_translators(lang)
    yield lang
    remove_translators()
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> Iterator[MainWindow]:
    win = build_window(demo_ctx, "en", interactive=True)
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def all_actions(win: MainWindow) -> list[QAction]:
    return [a for a in win.findChildren(QAction) if not a.isSeparator()]


# -- locked -----------------------------------------------------------------------------


def test_while_locked_nothing_can_be_created_or_exported(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(CASE)
    window.show_view("persons")
    named = {a.objectName(): a for a in all_actions(window)}
    for name in ("action_new_case", "exportAction", "importAction", "action_new"):
        assert name in named
    assert named["action_new_case"].isEnabled() and named["exportAction"].isEnabled()

    window.lock()
    usable = [
        a.objectName() or a.text()
        for a in all_actions(window)
        if a.isEnabled() and a is not window.file_menu.menuAction()
    ]
    assert set(usable) <= USABLE_WHILE_LOCKED, usable
    # Focus moving to the passphrase box makes the editing controller re-check its
    # actions (the case is still remembered for the unlock): they must stay off.
    window.lock_screen.passphrase_edit.setFocus()
    window.editing.update_actions()  # type: ignore[attr-defined]
    assert not named["action_new"].isEnabled()
    for keys in ("Ctrl+Shift+N", "Ctrl+E", "Ctrl+N", "Ctrl+K"):
        qtbot.keyClick(window, keys[-1], _modifiers(keys))
    assert QApplication.activeModalWidget() is None
    opened = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm) and w.isVisible()
    ]
    assert opened == []
    assert getattr(window, "export_dialog", None) is None

    window.lock_screen.passphrase_edit.setText(PASSPHRASE)
    assert window.lock_screen.try_unlock()
    assert named["action_new_case"].isEnabled() and named["exportAction"].isEnabled()
    window.show_view("persons")
    window.editing.update_actions()  # type: ignore[attr-defined]
    assert named["action_new"].isEnabled()


def _modifiers(keys: str) -> Qt.KeyboardModifier:
    mods = Qt.KeyboardModifier.ControlModifier
    if "Shift" in keys:
        mods |= Qt.KeyboardModifier.ShiftModifier
    return mods


# -- Ctrl+F and Ctrl+Tab ---------------------------------------------------------------


def test_ctrl_f_goes_to_the_filter_of_the_table_in_front(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(CASE)
    window.show_view("vehicles")
    window.case_view.table_view("vehicles").setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_view.record_table("vehicles").filter_edit

    window.show_view("overview")  # no table here: the case list's filter
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.filter_edit


def test_ctrl_tab_moves_between_tabs_from_anywhere(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(CASE)
    window.show_view("overview")
    window.case_list.view.setFocus()  # even from the case list
    qtbot.keyClick(window.case_list.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.current_view() == "persons"
    back = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.case_list.view, Qt.Key.Key_Backtab, back)
    qtbot.keyClick(window.case_list.view, Qt.Key.Key_Backtab, back)
    names = window.case_view.view_names()
    assert window.case_view.current_view() == names[-1]  # wrapped round


# -- mnemonics -------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def duplicates(pairs: list[tuple[str, str]]) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for key, text in pairs:
        if key in seen:
            clashes.append(f"{seen[key]!r} and {text!r} both use &{key}")
        seen[key] = text
    return clashes


def menu_clashes(menu: QMenu, where: str) -> list[str]:
    menu.aboutToShow.emit()  # menus that fill or enable themselves when opened
    pairs = []
    problems = []
    for action in menu.actions():
        key = mnemonic(action.text())
        if key:
            pairs.append((key, action.text()))
        if action.menu() is not None:
            problems += menu_clashes(action.menu(), f"{where} ▸ {action.text()}")
    return problems + [f"{where}: {c}" for c in duplicates(pairs)]


def widget_clashes(root: QWidget, where: str) -> list[str]:
    """Mnemonics of what is visible together in ``root`` (buttons, buddied labels,
    group boxes, tabs)."""
    pairs = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        pairs += [(key, text) for text in texts if (key := mnemonic(text))]
    return [f"{where}: {c}" for c in duplicates(pairs)]


def dialogs(win: MainWindow, ctx: Context, tmp_path: Path) -> Iterator[tuple[str, QWidget]]:
    from workbench.services.package.completeness import CompletenessService
    from workbench.services.package.export import PackageService
    from workbench.views.case_access_dialog import CaseAccessDialog
    from workbench.views.export_dialog import ExportDialog
    from workbench.views.import_wizard import ImportWizard
    from workbench.views.search_dialog import SearchDialog
    from workbench.views.settings import Settings, SettingsDialog
    from workbench.views.unlock_dialog import UnlockDialog
    from workbench.views.users_dialog import UsersDialog

    editing = win.editing  # type: ignore[attr-defined]
    for entity in FORMS:
        form = editing.form(entity)
        yield f"{entity} form", form
        form.confirm_discard = lambda: True
    settings = Settings()
    yield "settings", SettingsDialog(settings, win)
    yield "users", UsersDialog(ctx, win)
    yield "case members", CaseAccessDialog(ctx, CASE, win)
    yield "export", ExportDialog(PackageService(ctx), CompletenessService(ctx), CASE, "en", win)
    yield "search", SearchDialog(None, win)
    unlock = UnlockDialog(settings, path=tmp_path / "x.db", user="tester")
    yield "unlock", unlock
    wizard = ImportWizard(win.services, CASE, "en", win)
    yield "import wizard", wizard
    yield "lock screen", win.lock_screen


def test_no_menu_or_dialog_repeats_a_mnemonic(
    qtbot: QtBot, language: str, demo_ctx: Context, tmp_path: Path
) -> None:
    win = build_window(demo_ctx, language, interactive=True)
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    win.open_case(CASE)
    problems = []
    bar = [(mnemonic(a.text()) or "", a.text()) for a in win.menuBar().actions()]
    problems += [f"menu bar: {c}" for c in duplicates([p for p in bar if p[0]])]
    for action in win.menuBar().actions():
        problems += menu_clashes(action.menu(), action.text())
    for name, dialog in dialogs(win, demo_ctx, tmp_path):
        qtbot.addWidget(dialog) if dialog.parent() is None else None
        dialog.show()
        if isinstance(dialog, QWizard):  # each page is shown on its own
            for page_id in dialog.pageIds():
                page = dialog.page(page_id)
                problems += widget_clashes(page, f"{name} page {page.title()}")
        else:
            problems += widget_clashes(dialog, name)
        for menu in dialog.findChildren(QMenu):
            problems += menu_clashes(menu, f"{name} menu")
        dialog.hide()
    assert problems == [], "\n".join(problems)
    win.close()


# -- Escape on an edited form --------------------------------------------------------


def test_escape_on_an_edited_form_asks_before_discarding(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(CASE)
    form: RecordForm = window.editing.form("location")  # type: ignore[attr-defined]
    qtbot.addWidget(form)
    form.show()
    qtbot.waitActive(form)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not form.isVisible()

    form = window.editing.form("location")  # type: ignore[attr-defined]
    form.show()
    qtbot.waitActive(form)
    editor = form.editors[("location", "name")]
    assert isinstance(editor, TextEditor)
    qtbot.keyClicks(editor.edit, "Hotel")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert asked and form.isVisible()  # kept editing
    assert editor.edit.text() == "Hotel"

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not form.isVisible()
