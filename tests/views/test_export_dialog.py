"""The Export dialog: real widgets, the real demo database, a real PDF written in a thread."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from tests.reports.pdfread import Package
from tests.views.conftest import CASE
from workbench.reports.sections import SECTION_KEYS
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.package.completeness import CompletenessService
from workbench.services.package.export import PackageService
from workbench.views.export_dialog import ExportDialog, install_export
from workbench.views.main_window import MainWindow


def make_dialog(qtbot: QtBot, ctx: Context, code: str = CASE) -> ExportDialog:
    dialog = ExportDialog(PackageService(ctx), CompletenessService(ctx), code, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_lists_sections_and_open_items(qtbot: QtBot, demo_ctx: Context) -> None:
    seizure = TableService(demo_ctx).fetch(CASE, "seizures", TableQuery(), 0, 1)[0]
    RecordService(demo_ctx).update("seizure", seizure["id"], lab_report_no="")
    dialog = make_dialog(qtbot, demo_ctx)
    assert list(dialog.sections) == [
        "summary", "suspects", "others", "seizures", "assets", "vehicles",
        "locations", "events", "linkchart", "evidence", "custody", "audit",
    ]  # fmt: skip
    assert tuple(dialog.sections) == SECTION_KEYS  # one check box per section of the package
    assert dialog.sections["linkchart"].text() == "Link chart"
    assert all(check.isChecked() for check in dialog.sections.values())
    expected = CompletenessService(demo_ctx).check(CASE)
    assert dialog.items_view.topLevelItemCount() == len(expected) > 0
    texts = [dialog.items_view.topLevelItem(i).text(1) for i in range(len(expected))]
    assert f"exhibit {seizure['exhibit_no']} has no test report number" in texts
    assert str(len(expected)) in dialog.items_label.text()
    RecordService(demo_ctx).update("seizure", seizure["id"], lab_report_no="鉴字001号")
    dialog.recheck_button.click()
    assert dialog.items_view.topLevelItemCount() == len(expected) - 1


def test_export_in_a_thread_writes_the_audited_file(
    qtbot: QtBot, demo_ctx: Context, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, demo_ctx)
    out = tmp_path / "out.pdf"
    dialog.path_edit.setText(str(out))
    dialog.sections["suspects"].setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.export_button.click()
        assert not dialog.export_button.isEnabled()
    result = done.args[0]
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    entry = AuditService(demo_ctx).log(CASE)[-1]
    assert (entry.action, entry.changes["sha256"]) == ("export", result.sha256)
    titles = [title for title, _ in Package(out).outline()]
    assert "一、案件概况" in titles and "二、犯罪嫌疑人" not in titles
    assert result.sha256 in dialog.status.text()
    assert dialog.export_button.isEnabled() and not dialog.is_running()
    # The next package is proposed in the folder this one went to.
    again = make_dialog(qtbot, demo_ctx)
    assert Path(again.path_edit.text()) == tmp_path / f"{CASE}.pdf"


def test_cancel_leaves_no_file(qtbot: QtBot, demo_ctx: Context, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_ctx)
    folder = tmp_path / "out"
    folder.mkdir()
    dialog.path_edit.setText(str(folder / "p.pdf"))
    before = len(AuditService(demo_ctx).log())
    dialog.export_button.click()
    assert dialog.cancel_button.text() == "Cancel"
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120_000)
    assert "cancelled" in dialog.status.text()
    assert list(folder.iterdir()) == []
    assert len(AuditService(demo_ctx).log()) == before
    assert dialog.cancel_button.text() == "Close"


def test_menu_action_and_click_through_to_the_record(qtbot: QtBot, main_window: MainWindow) -> None:
    action = install_export(main_window)
    assert not action.isEnabled()
    main_window.open_case(CASE)
    assert action.isEnabled()
    action.trigger()
    dialog: ExportDialog = main_window.export_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    first = dialog.items_view.topLevelItem(0)
    item = dialog.items[0]
    assert item.entity == "seizure"
    dialog.items_view.itemActivated.emit(first, 0)
    view = main_window.case_view
    assert view.current_view() == "seizures"
    table = view.table_view("seizures")
    selected = table.selectionModel().selectedRows()
    assert len(selected) == 1
    assert view.model("seizures").record_id(selected[0].row()) == item.entity_id
    dialog.reject()


def test_a_suspect_without_id_number_leads_to_the_persons_tab(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    ctx = main_window.services.ctx
    person = TableService(ctx).fetch(CASE, "persons", TableQuery(), 0, 1)[0]
    PersonService(ctx).update_person(person["person_id"], case_code=CASE, id_number=None)
    install_export(main_window).setEnabled(True)
    main_window.open_case(CASE)
    main_window.findChild(QAction, "exportAction").trigger()
    dialog: ExportDialog = main_window.export_dialog  # type: ignore[attr-defined]
    kinds = [(i.kind, i.entity, i.entity_id) for i in dialog.items]
    assert kinds[0] == ("missing_id", "person", person["person_id"])
    dialog.items_view.itemActivated.emit(dialog.items_view.topLevelItem(0), 0)
    view = main_window.case_view
    assert view.current_view() == "persons"
    selected = view.table_view("persons").selectionModel().selectedRows()
    assert [view.model("persons").record_id(i.row()) for i in selected] == [person["id"]]
    dialog.reject()


def test_the_dialog_in_chinese(qtbot: QtBot, demo_ctx: Context) -> None:
    from tests.views.test_i18n import untranslated, visible_texts
    from workbench.views.i18n import install_translators, remove_translators

    install_translators("zh_CN")
    try:
        dialog = ExportDialog(
            PackageService(demo_ctx), CompletenessService(demo_ctx), CASE, "zh_CN"
        )
        qtbot.addWidget(dialog)
        dialog.show()
        assert untranslated(visible_texts(dialog), [CASE]) == []
        assert dialog.windowTitle() == f"导出移送审查起诉材料 — {CASE}"
        assert dialog.sections["linkchart"].text() == "关系图"
        assert "项待补正事项" in dialog.items_label.text()
        first = dialog.items_view.topLevelItem(0)
        assert first.text(0).startswith("检材") and "没有保管交接记录" in first.text(1)
    finally:
        remove_translators()
