"""Undo belongs to a case: one history per case file, Edit ▸ Undo follows the open case.

Real window, real editing controller, a copy of the demo database: an edit made in
PDS-2019-001 can never be undone from PDS-2019-002, and the audit trail marks undos and
redos as such.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, make_window
from workbench.services.casefile import operations as ops
from workbench.services.casefile.tables import TableService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.views.editing import EditingController, install_editing
from workbench.views.main_window import MainWindow

OTHER = "PDS-2019-002"
PLACE = "测试撤销地点"


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> Iterator[MainWindow]:
    win = make_window(qtbot, demo_ctx)
    install_editing(win)
    yield win
    win.undo_stacks.clear()
    win.close()


def controller(win: MainWindow) -> EditingController:
    found: EditingController = win.editing  # type: ignore[attr-defined]
    return found


def places(win: MainWindow, code: str) -> list[str]:
    return [r["name"] for r in TableService(win.services.ctx).fetch(code, "locations")]


def test_ctrl_z_in_another_case_does_not_undo_this_cases_edit(
    qtbot: QtBot, window: MainWindow
) -> None:
    edit = controller(window)
    window.open_case(CASE)
    assert edit.undo.push(ops.add_record(CASE, "location", name=PLACE)) is not None
    assert PLACE in places(window, CASE)
    assert edit.undo.undo_action.text() == f"&Undo Add location {PLACE}"

    window.open_case(OTHER)
    assert not edit.undo.undo_action.isEnabled()
    assert edit.undo.undo_action.text() == "&Undo"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    edit.undo.undo_action.trigger()  # even a trigger from elsewhere finds nothing to undo
    assert PLACE in places(window, CASE)

    window.open_case(CASE)
    assert edit.undo.undo_action.isEnabled()
    assert edit.undo.undo_action.text() == f"&Undo Add location {PLACE}"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert PLACE not in places(window, CASE)


def test_each_case_keeps_its_own_history(window: MainWindow) -> None:
    edit = controller(window)
    window.open_case(CASE)
    edit.undo.push(ops.add_record(CASE, "location", name="甲地"))
    window.open_case(OTHER)
    edit.undo.push(ops.add_record(OTHER, "location", name="乙地"))
    assert window.undo_stacks.stack_for(CASE).count() == 1
    assert window.undo_stacks.stack_for(OTHER).count() == 1
    assert window.undo_stack is window.undo_stacks.stack_for(OTHER)

    edit.undo.undo_action.trigger()  # the open case's step only
    assert "乙地" not in places(window, OTHER)
    assert "甲地" in places(window, CASE)
    assert not edit.undo.undo_action.isEnabled()
    assert edit.undo.redo_action.text() == "&Redo Add location 乙地"


def test_undo_and_redo_are_marked_in_the_audit_trail(window: MainWindow) -> None:
    edit = controller(window)
    window.open_case(CASE)
    edit.undo.push(ops.add_record(CASE, "location", name=PLACE))
    edit.undo.undo_action.trigger()
    edit.undo.redo_action.trigger()
    entries = [e for e in AuditService(window.services.ctx).log(CASE) if e.entity == "location"][
        -3:
    ]
    assert [(e.action, e.changes.get("via")) for e in entries] == [
        ("create", None),
        ("delete", "undo"),
        ("restore", "redo"),
    ]
    assert AuditService(window.services.ctx).verify().ok
