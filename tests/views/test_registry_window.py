"""The drug-user registry window on the demo database: real widgets, real forms, its own
undo, the way in from a case's persons table, read-only for auditors, screenshots."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.views.conftest import WINDOW_SIZE
from workbench.app import build_window
from workbench.demo.cases import demo_cases
from workbench.services.accounts.users import UserService
from workbench.services.core.context import Context
from workbench.views.forms.record_form import RecordForm
from workbench.views.i18n import install_translators
from workbench.views.main_window import MainWindow
from workbench.views.registry.window import RegistryWindow

SHOTS = Path(os.environ.get("WORKBENCH_TEST_SHOTS", "out/test-shots"))
CASE_328 = next(c for c in demo_cases() if c.code == "PDS-2019-003")
GAO = next(p for p in CASE_328.persons if p.name == "高某")


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> Iterator[MainWindow]:
    win = build_window(demo_ctx, "en", interactive=False)
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    yield win
    win.close()


def open_registry(win: MainWindow) -> RegistryWindow:
    win.registry_action.trigger()  # type: ignore[attr-defined]
    registry = win.registry.registry  # type: ignore[attr-defined]
    assert isinstance(registry, RegistryWindow) and registry.isVisible()
    return registry


def driving(registry: RegistryWindow, drive: Callable[[RecordForm], None]) -> list[RecordForm]:
    shown: list[RecordForm] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, RecordForm)
        shown.append(dialog)
        dialog.show()
        drive(dialog)
        return dialog.result()

    registry.run_dialog = run
    return shown


def set_field(form: RecordForm, section: str, key: str, value: Any) -> None:
    """As a user would: the editor's value, then the form's reaction to the change."""
    editor = form.editors[(section, key)]
    box = getattr(editor, "box", None)
    if box is not None:
        box.setChecked(True)
    editor.set_value(value)
    editor.changed.emit()


def find_gao(registry: RegistryWindow, as_of: date = date(2019, 6, 20)) -> None:
    registry.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
    registry.search_edit.setText(str(GAO.id_number))
    registry.reload()
    assert len(registry.rows) == 1
    registry.list.selectRow(0)


def test_the_328_record_as_the_article_tells_it(window: MainWindow) -> None:
    registry = open_registry(window)
    assert len(registry.rows) > 1000 or "first" in registry.count_label.text()
    find_gao(registry)
    detail = registry.detail
    assert detail.findings.rowCount() == 2 and detail.decisions.rowCount() == 3
    assert "in compulsory isolation" in detail.header.text()
    assert "PDS-2019-003" in detail.header.text()
    whats = [detail.dues.item(i, 1).text() for i in range(detail.dues.rowCount())]
    assert "term ends" in whats and "early release possible from" in whats
    # today, the isolation is over and its release was filed
    find_gao(registry, as_of=date(2026, 1, 1))
    assert "known drug user" in detail.header.text()


def test_add_a_finding_then_undo_and_redo(window: MainWindow) -> None:
    registry = open_registry(window)
    find_gao(registry)
    before = registry.detail.findings.rowCount()

    def drive(form: RecordForm) -> None:
        set_field(form, "finding", "found_at", datetime(2019, 6, 10, 2, 0, tzinfo=UTC))
        set_field(form, "finding", "unit", "矿工路派出所")
        form.accept()

    shown = driving(registry, drive)
    registry.detail.add_finding.emit()
    assert shown and shown[0].result() == QDialog.DialogCode.Accepted
    assert registry.detail.findings.rowCount() == before + 1
    assert registry.undo.undo_action.isEnabled()
    assert "Add finding" in registry.undo.undo_action.text()
    registry.undo.undo_action.trigger()
    assert registry.detail.findings.rowCount() == before
    registry.undo.redo_action.trigger()
    assert registry.detail.findings.rowCount() == before + 1


def test_a_decision_before_its_finding_keeps_save_disabled(window: MainWindow) -> None:
    registry = open_registry(window)
    find_gao(registry)
    seen: dict[str, Any] = {}

    def drive(form: RecordForm) -> None:
        set_field(form, "decision", "kind", "administrative_detention")
        set_field(form, "decision", "decided_on", date(2019, 3, 1))  # the finding is 03-28
        set_field(form, "decision", "term_days", 10)
        seen["ok"] = form.validate()
        seen["errors"] = dict(form.errors)
        form.confirm_discard = lambda: True  # cancelling what was typed
        form.reject()

    driving(registry, drive)
    before = registry.detail.decisions.rowCount()
    assert registry.add_decision() is False
    assert seen["ok"] is False
    assert any(key == ("decision", "decided_on") for key in seen["errors"])
    assert registry.detail.decisions.rowCount() == before


def test_one_click_from_a_case_suspect_to_the_registry(window: MainWindow) -> None:
    window.open_case("PDS-2019-003")
    window.show_view("persons")
    view = window.case_view.table_view("persons")
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "高某")
    view.selectRow(row)
    view.setCurrentIndex(model.index(row, 0))
    action = window.person_registry_action  # type: ignore[attr-defined]
    assert action in view.actions()
    action.trigger()
    registry = window.registry.registry  # type: ignore[attr-defined]
    assert registry is not None and registry.record is not None
    assert registry.record.person["id_number"] == GAO.id_number


def test_auditors_read_and_change_nothing(qtbot: QtBot, demo_ctx: Context) -> None:
    UserService(demo_ctx).add("shen", "auditor")
    auditor = Context(demo_ctx.store, "shen")
    win = build_window(auditor, "en", interactive=False)
    qtbot.addWidget(win)
    registry = open_registry(win)
    find_gao(registry)
    assert not registry.new_button.isEnabled() and not registry.import_button.isEnabled()
    assert all(not b.isEnabled() for b in registry.detail.buttons.values())
    assert "Read only" in registry.detail.buttons["add_finding"].toolTip()
    win.close()


def test_locking_closes_the_registry(window: MainWindow) -> None:
    registry = open_registry(window)
    assert registry.isVisible()
    window.lock()
    assert window.registry.registry is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_screenshots(qtbot: QtBot, demo_ctx: Context, lang: str, size: tuple[int, int]) -> None:
    install_translators(lang)
    try:
        win = build_window(demo_ctx, lang, interactive=False)
        qtbot.addWidget(win)
        registry = open_registry(win)
        find_gao(registry)
        registry.resize(*size)
        qtbot.wait(50)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert registry.grab().save(str(SHOTS / f"registry-{lang}-{size[0]}.png"))
        if lang == "zh_CN":
            assert registry.windowTitle() == "吸毒人员管理"
        win.close()
    finally:
        install_translators("en")


def test_add_a_decision_and_a_handover_through_the_forms(window: MainWindow) -> None:
    registry = open_registry(window)
    find_gao(registry, as_of=date(2026, 1, 1))
    before = registry.detail.decisions.rowCount()

    def decide(form: RecordForm) -> None:
        set_field(form, "decision", "kind", "administrative_detention")
        set_field(form, "decision", "decided_on", date(2019, 3, 29))
        set_field(form, "decision", "term_days", 10)
        set_field(form, "decision", "place", "平顶山市拘留所")
        assert form.validate(), form.errors
        form.accept()

    driving(registry, decide)
    assert registry.add_decision()
    assert registry.detail.decisions.rowCount() == before + 1
    assert "Add decision for 高某" in registry.undo.undo_action.text()
    # the detention ended on 2019-04-07; recording a release filing for it is refused
    registry.detail.decisions.selectRow(0)
    decision_id = registry.detail._selected_id("decision")
    assert decision_id is not None
    seen: dict[str, Any] = {}

    def hand_over(form: RecordForm) -> None:
        set_field(form, "handover", "kind", "release_filing")
        set_field(form, "handover", "handed_on", date(2019, 4, 8))
        seen["ok"] = form.validate()
        form.confirm_discard = lambda: True  # cancelling what was typed
        form.reject()

    driving(registry, hand_over)
    assert registry.add_handover(decision_id) is False
    assert seen["ok"] is False
