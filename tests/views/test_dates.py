"""Dates in the forms start at today (or a day of the case), never at 2000-01-01, and a
date typed in full replaces the one shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.views.conftest import make_window
from workbench.services.bundle import Services
from workbench.services.core.context import Context
from workbench.views.editing import EditingController, install_editing
from workbench.views.forms import FORMS, RecordForm
from workbench.views.forms.editors import WORKSTATION_ZONE, DateEditor, DateTimeEditor
from workbench.views.main_window import MainWindow

OPEN_CASE = "TF-2026-001"
OLD_CASE = "TF-2019-009"


@pytest.fixture
def window(qtbot: QtBot, ctx: Context) -> Iterator[MainWindow]:
    services = Services(ctx)
    services.cases.create(OPEN_CASE, "在办案件")
    services.cases.create(
        OLD_CASE, "已结案件", opened_on=date(2019, 1, 5), closed_on=date(2019, 6, 30)
    )
    win = make_window(qtbot, ctx)
    install_editing(win)
    yield win
    win.close()


def editing(win: MainWindow) -> EditingController:
    found: EditingController = win.editing  # type: ignore[attr-defined]
    return found


def shown(qtbot: QtBot, form: RecordForm) -> RecordForm:
    qtbot.addWidget(form)
    form.confirm_discard = lambda: True
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def test_ticking_a_date_shows_today_never_2000(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(OPEN_CASE)
    today = datetime.now(WORKSTATION_ZONE).date()
    seen = 0
    for entity in FORMS:
        form = shown(qtbot, editing(window).form(entity))
        for key, editor in form.editors.items():
            if not isinstance(editor, DateEditor | DateTimeEditor):
                continue
            if editor.box is not None:
                assert editor.edit.text() == "—", key  # not known until ticked
                editor.box.setChecked(True)
            value = editor.value()
            day = (
                value.astimezone(WORKSTATION_ZONE).date() if isinstance(value, datetime) else value
            )
            assert day == today, (key, editor.edit.text())
            assert "2000-01-01" not in editor.edit.text()
            seen += 1
        form.close()
    assert seen >= 10


def test_an_old_case_starts_its_dates_on_its_own_days(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(OLD_CASE)
    event = shown(qtbot, editing(window).form("event"))
    occurred = event.editors[("event", "occurred_at")]
    assert isinstance(occurred, DateTimeEditor)
    assert occurred.edit.text() == "2019-06-30 00:00"  # the day the case was closed
    measure = shown(qtbot, editing(window).form("measure"))
    starts = measure.editors[("measure", "starts_on")]
    assert isinstance(starts, DateEditor) and starts.box is not None
    starts.box.setChecked(True)
    assert starts.value() == date(2019, 6, 30)


def test_typing_a_full_date_replaces_the_one_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(OPEN_CASE)
    form = shown(qtbot, editing(window).form("event"))
    occurred = form.editors[("event", "occurred_at")]
    assert isinstance(occurred, DateTimeEditor)
    occurred.edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(occurred.edit.hasFocus)
    qtbot.keyClicks(occurred.edit, "2019-03-28 14:30")
    assert occurred.value() == datetime(2019, 3, 28, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai

    measure = shown(qtbot, editing(window).form("measure"))
    starts = measure.editors[("measure", "starts_on")]
    assert isinstance(starts, DateEditor) and starts.box is not None
    starts.box.setChecked(True)  # ticking puts the keyboard in the date
    qtbot.waitUntil(starts.edit.hasFocus)
    qtbot.keyClicks(starts.edit, "2019/3/30")
    assert starts.value() == date(2019, 3, 30)
