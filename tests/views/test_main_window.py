"""The main window with real widgets on a copy of the demo database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE, make_window
from workbench.app import build_window, open_context
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.context import Context
from workbench.services.core.errors import PermissionDenied
from workbench.store import PassphraseKey
from workbench.views.case_view import TAB_TABLES, VIEWS
from workbench.views.main_window import MainWindow
from workbench.views.overview_tab import OVERDUE


def fill_empty_tables(ctx: Context, tmp_path: Path) -> None:
    """The demo case has no attachments or custody entries: add one of each."""
    from workbench.services.casefile.attachments import AttachmentService

    scan = tmp_path / "称量记录.txt"
    scan.write_text("JC01 8048 g gross", encoding="utf-8")
    AttachmentService(ctx).add(CASE, scan, "称量记录扫描件")
    seizure = TableService(ctx).fetch(CASE, "seizures", TableQuery(), 0, 1)[0]
    RecordService(ctx).add(
        CASE,
        "custody",
        item_type="seizure",
        item_id=seizure["id"],
        from_holder="贺志刚",
        to_holder="平顶山市公安局物证鉴定所",
        at=datetime(2019, 2, 27, 1, 30, tzinfo=UTC),
        place="物证室",
        purpose="送检",
    )


def test_opening_a_case_fills_every_tab(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    fill_empty_tables(main_window.services.ctx, tmp_path)
    assert main_window.current_case_code() is None
    with qtbot.waitSignal(main_window.case_changed) as changed:
        main_window.open_case(CASE)
    assert changed.args == [CASE]
    assert main_window.current_case_code() == CASE
    assert CASE in main_window.windowTitle()
    view = main_window.case_view
    assert view.view_names()[: len(VIEWS)] == VIEWS
    for name in VIEWS:
        with qtbot.waitSignal(view.view_changed, timeout=1000, raising=False):
            main_window.show_view(name)
        assert view.current_view() == name
        for entity in TAB_TABLES.get(name, ()):
            table = view.table_view(entity)
            assert table.isVisible(), entity
            assert table.model().rowCount() > 0, entity
            assert view.current_entity() == TAB_TABLES[name][0]
    main_window.show_view("overview")
    assert view.current_entity() == "overview"
    with pytest.raises(KeyError):
        main_window.show_view("no-such-view")
    with pytest.raises(PermissionDenied):  # as for a case one is no member of (#7)
        main_window.open_case("NO-SUCH-CASE")
    assert main_window.current_case_code() == CASE


def test_only_the_tab_in_front_reads_the_database(main_window: MainWindow) -> None:
    view = main_window.case_view
    main_window.show_view("events")
    main_window.open_case(CASE)
    assert not view.models["events"].is_stale() and view.models["events"].rowCount() == 25
    assert view.models["persons"].is_stale() and view.models["persons"].rowCount() == 0
    assert view.overview.overview is None  # not computed while hidden
    main_window.show_view("persons")
    assert not view.models["persons"].is_stale() and view.models["persons"].rowCount() == 26
    main_window.show_view("overview")
    assert view.overview.overview is not None


def test_case_list_filters_and_counts(qtbot: QtBot, main_window: MainWindow) -> None:
    dock = main_window.case_list
    assert dock.visible_codes() == ["PDS-2019-001", "PDS-2019-002", "PDS-2019-003"]
    assert dock.count_label.text().startswith("3 of 3")
    dock.set_filter("3·28")
    assert dock.visible_codes() == ["PDS-2019-003"]
    assert dock.count_label.text().startswith("1 of 3")
    dock.set_filter(level="ministry_target")
    assert dock.visible_codes() == ["PDS-2019-001", "PDS-2019-002"]
    dock.set_filter(status="open")
    assert dock.visible_codes() == []
    dock.set_filter("朱某", status="prosecution")  # the demo's cases went for prosecution
    assert dock.visible_codes() == ["PDS-2019-002"]
    with qtbot.waitSignal(main_window.case_changed):
        qtbot.mouseClick(
            dock.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=dock.view.visualRect(dock.proxy.index(0, 1)).center(),
        )
    assert main_window.current_case_code() == "PDS-2019-002"


def test_overview_shows_the_key_figures(main_window: MainWindow) -> None:
    main_window.open_case(CASE)
    overview = main_window.case_view.overview
    texts = [label.text() for label in overview.findChildren(QLabel)]
    assert "¥2,060,000.00" in texts
    assert "26,000 g" in texts  # methamphetamine, and the heroin equivalent
    tier = overview.findChild(QLabel, "tier")
    assert tier is not None and "large quantity" in tier.text()
    assert "prc-2016" in tier.text()
    # the demo case went for prosecution in 2019: nothing runs, nothing is red (issue 12)
    table = overview.deadlines
    assert table.rowCount() == 0 and "concluded on 2019-05-24" in overview.deadlines_note.text()
    # not concluded, its custody deadlines ran out years ago: every row overdue, in red
    main_window.services.cases.update(CASE, conclusion="", concluded_on=None)
    overview.refresh()
    assert table.rowCount() > 0
    assert table.item(0, 3).foreground().color() == QColor(OVERDUE)
    assert "overdue" in table.item(0, 3).text()


def test_apply_changes_refreshes_the_affected_tables(main_window: MainWindow) -> None:
    main_window.open_case(CASE)
    view = main_window.case_view
    persons, audit, events = view.model("persons"), view.model("audit"), view.model("events")
    before = (persons.total(), audit.total(), events.total())
    result = main_window.services.persons.add_to_case(CASE, {"name": "新某"}, role="buyer")
    main_window.apply_changes(result.changes)
    # hidden tabs are only marked stale; asking the case view for a model reads it
    assert persons.is_stale() and audit.is_stale() and not events.is_stale()
    assert view.model("persons").total() == before[0] + 1
    assert view.model("audit").total() > before[1]  # every change is audited
    assert events.total() == before[2]
    counts = main_window.case_view.overview.overview
    assert counts is not None and counts.counts["persons"] == before[0] + 1


def test_refresh_action_rereads(main_window: MainWindow, demo_ctx: Context) -> None:
    main_window.open_case(CASE)
    events = main_window.case_view.model("events")
    RecordService(demo_ctx).add(
        CASE, "event", kind="other", title="外部写入", occurred_at=datetime(2019, 4, 1, tzinfo=UTC)
    )  # another workstation, say: no Changes reach this window
    assert "View" in main_window.view_menu.title().replace("&", "")
    main_window.refresh_action.trigger()
    assert events.is_stale()
    assert main_window.case_view.model("events").total() == 26


def test_select_record_finds_a_person_by_person_id(main_window: MainWindow) -> None:
    main_window.open_case(CASE)
    row = TableService(main_window.services.ctx).fetch(CASE, "persons", TableQuery("库某"), 0, 1)[0]
    main_window.show_view("events")
    assert main_window.select_record("person", row["person_id"])
    assert main_window.case_view.current_view() == "persons"
    selected = main_window.case_view.table_view("persons").selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["库某"]
    assert not main_window.select_record("person", 999_999)


def test_lock_hides_data_closes_the_store_and_unlock_reopens(
    qtbot: QtBot, main_window: MainWindow, demo_db: Path
) -> None:
    main_window.open_case(CASE)
    main_window.show_view("persons")
    old_store = main_window.services.ctx.store
    with qtbot.waitSignal(main_window.locked):
        main_window.lock()
    assert main_window.is_locked()
    assert main_window.case_view.model("persons").rowCount() == 0
    assert main_window.case_list.model.rowCount() == 0
    assert main_window.lock_screen.isVisible() and not main_window.case_view.isVisible()
    assert old_store.engine.pool.checkedin() == 0  # connections closed

    ctx = open_context(demo_db, PassphraseKey(PASSPHRASE), "tester")
    try:
        with qtbot.waitSignal(main_window.unlocked):
            main_window.unlock(ctx)
        assert not main_window.is_locked()
        assert main_window.current_case_code() == CASE
        assert main_window.case_view.current_view() == "persons"
        assert main_window.case_view.model("persons").rowCount() == 26
    finally:
        main_window.lock()  # closes ctx's store


def test_chinese_headers_and_labels(qtbot: QtBot, demo_ctx: Context) -> None:
    window = make_window(qtbot, demo_ctx, lang="zh_CN")
    window.open_case(CASE)
    model = window.case_view.model("persons")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    role = model.column_index("role")
    assert model.index(0, role).data() == "主犯"
    status = window.case_list.model.index(0, 3).data()
    assert status == "已移送审查起诉"


def test_assembled_window_has_the_menus_filled(qtbot: QtBot, demo_ctx: Context) -> None:
    window = build_window(demo_ctx, "en", interactive=False)
    qtbot.addWidget(window)
    names = {a.objectName() for a in window.tools_menu.actions()}
    assert "searchAction" in names
    assert window.edit_menu.actions(), "editing installs Undo/Redo and New/Edit/Delete"
    assert window.refresh_action in window.view_menu.actions()
    assert window.file_menu.actions()


def _now():
    from datetime import UTC, datetime

    return datetime(2019, 4, 1, tzinfo=UTC)
