"""The case list shows the titles, its width is remembered, a first start is sensible."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from workbench.app import build_window
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store
from workbench.views.case_list import CaseListModel
from workbench.views.main_window import MainWindow
from workbench.views.settings import Settings
from workbench.views.window_layout import (
    MAX_FIRST_SIZE,
    dock_width,
    first_start_size,
    size_docks,
)


@pytest.fixture
def reopen(demo_db: Path) -> Iterator[list[Store]]:
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close()


def interactive_window(qtbot: QtBot, demo_db: Path, stores: list[Store]) -> MainWindow:
    """The window as `workbench gui` builds it (settings restored or first start)."""
    store = Store.open(demo_db, PassphraseKey(PASSPHRASE))
    stores.append(store)
    window = build_window(Context(store, "tester"), "en", interactive=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_start_size_fits_the_screen() -> None:
    assert first_start_size(QSize(1024, 700)) == QSize(942, 644)
    assert first_start_size(QSize(3840, 2100)) == MAX_FIRST_SIZE
    assert dock_width(942) == 320 and dock_width(600) == 300 and dock_width(3000) == 480


def test_first_start_fills_most_of_the_screen_and_the_case_list_its_share(
    qtbot: QtBot, demo_db: Path, reopen: list[Store]
) -> None:
    window = interactive_window(qtbot, demo_db, reopen)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.width() >= area.width() * 0.85 and window.height() >= area.height() * 0.85
    room = window.width() - window.case_view.minimumSizeHint().width()
    assert window.case_list.width() >= min(dock_width(window.width()), room) - 12


def test_the_case_list_width_is_remembered(
    qtbot: QtBot, demo_db: Path, reopen: list[Store]
) -> None:
    window = interactive_window(qtbot, demo_db, reopen)
    dock = window.case_list
    window.resize(790, 640)  # inside the test screen (offscreen: 800×800)
    size_docks(window, dock)  # what a first start gives at this width
    qtbot.wait(50)
    fresh = dock.width()
    narrow = dock.minimumSizeHint().width()
    assert fresh - narrow >= 15
    window.resizeDocks([dock], [narrow], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - narrow) <= 3)
    Settings().save_window(window)
    window.close()

    again = interactive_window(qtbot, demo_db, reopen)
    qtbot.waitUntil(lambda: abs(again.case_list.width() - narrow) <= 3)
    assert again.size() == QSize(790, 640)


def test_the_title_column_takes_the_free_width_and_long_titles_wrap(
    qtbot: QtBot, demo_ctx: Context
) -> None:
    window = build_window(demo_ctx, "zh_CN", interactive=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    view = window.case_list.view
    header = view.horizontalHeader()
    title = CaseListModel.COLUMNS.index("title")
    others = sum(
        header.sectionSize(c)
        for c in range(header.count())
        if c != title and not header.isSectionHidden(c)
    )
    assert header.sectionSize(title) >= view.viewport().width() - others - 2
    line = view.fontMetrics().height()
    long_row = next(
        r
        for r in range(view.model().rowCount())
        if len(str(view.model().index(r, title).data())) > 12
    )
    text = str(view.model().index(long_row, title).data())
    if view.fontMetrics().horizontalAdvance(text) > header.sectionSize(title):
        assert view.rowHeight(long_row) >= 2 * line  # wrapped, not cut off with "…"
    QApplication.processEvents()
